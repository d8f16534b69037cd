import path from 'node:path';
import { UsageError, type CliCommand } from '../command';
import { withCore } from '../withCore';

export const command: CliCommand = {
  name: 'remove',
  summary: 'Remove sources (or single documents) and everything indexed from them',
  usage: `loci remove PATH... [--library DIR] [--json]

Removes each PATH: a source you added (with all its documents), a folder inside a source, or one
document. Your files are never touched, only the library's index of them.`,
  options: {},
  async run(args, ctx) {
    if (args.positionals.length === 0) throw new UsageError('Give at least one path to remove.');
    const paths = args.positionals.map((p) => path.resolve(p));
    const result = await withCore(args, ctx, (core) => core.handlers['library.remove']({ paths }));
    if (args.json) ctx.stdout.write(`${JSON.stringify(result)}\n`);
    else ctx.stderr.write(`Removed ${result.removed} document(s) from the library.\n`);
    return 0;
  },
};
