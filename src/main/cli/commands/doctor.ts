import type { LibraryRepairSummary } from '../../../shared/api/methods/library';
import type { CliCommand } from '../command';
import { formatCheckReport, formatRepairSummary } from '../formatDoctorReport';
import { createProgressReporter } from '../progressReporter';
import { withCore } from '../withCore';

export const command: CliCommand = {
  name: 'doctor',
  summary: 'Check the library for damage (exit 1 if damaged); --repair fixes it',
  usage: `loci doctor [--repair] [--library DIR] [--json]

Reads every table of the library in full, checks that every document has all its chunks and vectors,
that the saved vector indexes match and that every OCR'd document has its word boxes (and no boxes
are left of documents that are gone), and prints what it found. Exit code 0 when the library is
healthy, 1 when it is damaged.

--repair  takes each damaged table back to its newest readable version, moves unreadable files into
          the library's quarantine/ folder, re-indexes documents that lost rows from their source
          files (which are only read, never changed; OCR'd documents without their word boxes too),
          drops word boxes of documents that are gone and rebuilds the vector indexes. Exit code 0
          when the library is healthy afterwards. Ctrl-C stops it; running it again finishes the job.`,
  options: { repair: { type: 'boolean', default: false } },
  async run(args, ctx) {
    if (args.values.repair !== true) {
      const report = await withCore(args, ctx, (core) => core.handlers['library.check']({ full: true }));
      ctx.stdout.write(args.json ? `${JSON.stringify(report)}\n` : formatCheckReport(report));
      return report.healthy ? 0 : 1;
    }
    const summary = await withCore(args, ctx, async (core) => {
      const reporter = createProgressReporter({ ...ctx, json: args.json, unit: 'steps' });
      let jobId: string | null = null;
      const off = core.events.on('job.progress', (p) => {
        if (p.jobId === jobId) reporter.update(p);
      });
      const onAbort = () => {
        if (jobId) core.jobs.cancel(jobId);
        ctx.stderr.write('\nCancelling the repair: the library stays consistent; run it again to finish.\n');
      };
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      try {
        jobId = (await core.handlers['library.repair']({})).jobId;
        const result = (await core.jobs.wait(jobId)) as LibraryRepairSummary;
        reporter.finish();
        return result;
      } finally {
        off();
        ctx.signal.removeEventListener('abort', onAbort);
      }
    });
    if (args.json) ctx.stdout.write(`${JSON.stringify(summary)}\n`);
    else ctx.stdout.write(formatRepairSummary(summary));
    return summary.after.healthy && !summary.cancelled ? 0 : 1;
  },
};
