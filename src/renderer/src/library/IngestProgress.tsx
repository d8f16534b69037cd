import { useEffect, useState } from 'react';
import type { JobProgress } from '../../../shared/api/events';
import { useClient } from '../api/ClientContext';
import { useCoreEvent } from '../api/useCoreEvent';
import { formatDuration, formatRate, baseName } from '../components/formatters';

const stateText: Record<JobProgress['state'], string> = {
  running: 'Running',
  done: 'Finished',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

/**
 * The running job (ingest, sync) as a progress bar fed by `job.progress`: done/total, rate, ETA, the
 * file in hand and a Cancel button. When it ends, a one-line summary stays until dismissed.
 */
export function IngestProgress({ onChange }: { onChange: () => void }) {
  const client = useClient();
  const [job, setJob] = useState<JobProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // A job may already be running when the screen opens (started elsewhere, or before a reload).
  useEffect(() => {
    let live = true;
    client.call('jobs.list', {}).then(
      (jobs) => {
        const running = jobs.find((j) => j.state === 'running');
        if (live && running) setJob((current) => current ?? running);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client]);

  useCoreEvent('job.progress', (progress) => {
    // Tell the screen when a job starts or ends (busy state, counts).
    if (progress.state !== 'running' || progress.jobId !== job?.jobId) onChange();
    setJob((current) => {
      // Follow the newest running job; ignore late events of a job we already moved past.
      if (
        current &&
        current.jobId !== progress.jobId &&
        current.state === 'running' &&
        progress.state !== 'running'
      )
        return current;
      return progress;
    });
    if (progress.state !== 'running') setCancelling(false);
  });

  if (!job) return null;
  const running = job.state === 'running';
  const filesDone = job.total > 0 && job.done >= job.total;
  const percent = job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : 0;

  async function cancel() {
    if (!job) return;
    setCancelling(true);
    setError(null);
    try {
      await client.call('jobs.cancel', { jobId: job.jobId });
    } catch (err) {
      setCancelling(false);
      setError((err as Error).message);
    }
  }

  return (
    <section
      className={`job-progress job-${job.state}`}
      aria-label="Ingest progress"
      data-testid="job-progress"
      data-state={job.state}
    >
      <div className="job-line">
        <strong>
          {stateText[job.state]} · {jobKindLabel(job.kind)}
        </strong>
        <span className="job-counts" data-testid="job-counts">
          {job.done.toLocaleString()} / {job.total.toLocaleString()}
        </span>
        {running && filesDone && job.phase ? (
          // Every file is read; the job is finishing (writing, building the vector index).
          <span data-testid="job-phase">{job.phase}…</span>
        ) : (
          running && (
            <>
              <span>{formatRate(job.rate, 'files')}</span>
              <span>{formatDuration(job.etaSeconds)} left</span>
            </>
          )
        )}
        <span className="spacer" />
        {running ? (
          <button type="button" className="danger" onClick={() => void cancel()} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : (
          <button type="button" onClick={() => setJob(null)}>
            Dismiss
          </button>
        )}
      </div>
      <progress
        max={job.total || 1}
        value={running ? job.done : job.total || 1}
        aria-label={`${jobKindLabel(job.kind)} progress`}
        aria-valuetext={`${percent}%`}
      />
      <p className="job-current" aria-live="polite">
        {running && job.current && !filesDone
          ? `Reading ${baseName(job.current)}`
          : running && job.phase && !filesDone
            ? `${job.phase}: ${job.message ?? ''}`
            : (job.message ?? '')}
      </p>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </section>
  );
}

function jobKindLabel(kind: string): string {
  if (kind === 'ingest') return 'Adding documents';
  if (kind === 'sync') return 'Re-syncing sources';
  if (kind === 'repair') return 'Repairing the library';
  if (kind === 'ocr') return 'Reading skipped files with OCR';
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}
