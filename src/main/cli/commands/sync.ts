import type { CliCommand } from '../command';
import { runIngestJob } from '../runIngestJob';
import { withCore } from '../withCore';

export const command: CliCommand = {
  name: 'sync',
  summary: 'Re-scan every source: index new and changed files, drop deleted ones',
  usage: `loci sync [--library DIR] [--json]

Unchanged files (same size and modification time) are skipped; changed files are re-indexed and swapped
in atomically; files that disappeared are removed from the library.`,
  options: {},
  async run(args, ctx) {
    await withCore(args, ctx, (core) =>
      runIngestJob(core, ctx, args.json, () => core.handlers['library.sync']({})),
    );
    return 0;
  },
};
