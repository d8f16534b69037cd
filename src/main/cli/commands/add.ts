import path from 'node:path';
import { UsageError, type CliCommand } from '../command';
import { runIngestJob } from '../runIngestJob';
import { withCore } from '../withCore';

export const command: CliCommand = {
  name: 'add',
  summary: 'Add files and folders to the library and index them',
  usage: `loci add PATH... [--library DIR] [--json]

Adds each PATH (a file or a folder, walked recursively) as a source and indexes what is new or changed.
Progress goes to stderr; with --json, NDJSON progress events and a final summary line go to stdout.
Ctrl-C cancels cleanly: what was indexed stays, and the next run resumes.`,
  options: {},
  async run(args, ctx) {
    if (args.positionals.length === 0) throw new UsageError('Give at least one file or folder to add.');
    const paths = args.positionals.map((p) => path.resolve(p));
    await withCore(args, ctx, (core) =>
      runIngestJob(core, ctx, args.json, () => core.handlers['library.add']({ paths })),
    );
    return 0;
  },
};
