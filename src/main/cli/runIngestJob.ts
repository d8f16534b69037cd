import type { IngestSummary } from '../../shared/api/methods/library';
import { displayPath } from '../../shared/displayPath';
import type { Core } from '../core/createCore';
import type { CliContext } from './command';
import { createProgressReporter } from './progressReporter';

/**
 * Waits for an ingest/sync job started through the core, drawing its progress (stderr; NDJSON on
 * stdout with --json) and cancelling it on Ctrl-C. Prints the summary; returns it.
 */
export async function runIngestJob(
  core: Core,
  ctx: CliContext,
  json: boolean,
  start: () => Promise<{ jobId: string }>,
): Promise<IngestSummary> {
  const reporter = createProgressReporter({ ...ctx, json, unit: 'files' });
  let jobId: string | null = null;
  const off = core.events.on('job.progress', (p) => {
    if (p.jobId === jobId) reporter.update(p);
  });
  const onAbort = () => {
    if (jobId) core.jobs.cancel(jobId);
    ctx.stderr.write('\nCancelling: finishing the document in hand...\n');
  };
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  try {
    jobId = (await start()).jobId;
    const summary = (await core.jobs.wait(jobId)) as IngestSummary;
    reporter.finish();
    if (json) ctx.stdout.write(`${JSON.stringify(summary)}\n`);
    else ctx.stderr.write(formatSummary(summary));
    return summary;
  } finally {
    off();
    ctx.signal.removeEventListener('abort', onAbort);
  }
}

function formatSummary(s: IngestSummary): string {
  const lines = [
    `${s.cancelled ? 'Cancelled' : 'Done'} in ${s.seconds.toFixed(1)} s: ${s.added} added, ${s.updated} updated, ` +
      `${s.unchanged} unchanged, ${s.removed} removed; ${s.pages} pages, ${s.chunks} chunks.`,
  ];
  if (s.failed.length) {
    lines.push(`${s.failed.length} not indexed:`);
    for (const f of s.failed.slice(0, 20)) lines.push(`  ${displayPath(f.path)}: ${f.reason}`);
    if (s.failed.length > 20) lines.push(`  ... and ${s.failed.length - 20} more (see --json)`);
  }
  if (s.partial.length) {
    lines.push(`${s.partial.length} indexed in part (a per-document limit):`);
    for (const p of s.partial.slice(0, 20)) lines.push(`  ${displayPath(p.path)}: ${p.reason}`);
    if (s.partial.length > 20) lines.push(`  ... and ${s.partial.length - 20} more (see --json)`);
  }
  if (s.skipped.length) lines.push(`${s.skipped.length} skipped (use --json for the list).`);
  return `${lines.join('\n')}\n`;
}
