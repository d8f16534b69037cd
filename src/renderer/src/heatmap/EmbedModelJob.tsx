import { useState } from 'react';
import type { JobProgress } from '../../../shared/api/events';
import { useClient } from '../api/ClientContext';
import { useCoreEvent } from '../api/useCoreEvent';
import { formatDuration } from '../components/formatters';

/**
 * "Embed the library with model X": starts the background job, shows its progress (documents done,
 * ETA) with Cancel, and tells the parent when it ended. A cancelled job resumes where it stopped
 * when started again.
 */
export function EmbedModelJob({
  modelId,
  missing,
  onFinished,
}: {
  modelId: string;
  /** Chunks of the library without this model's vectors. */
  missing: number;
  onFinished: () => void;
}) {
  const client = useClient();
  const [job, setJob] = useState<JobProgress | null>(null);
  const [error, setError] = useState<string | null>(null);

  useCoreEvent('job.progress', (progress) => {
    if (progress.kind !== 'embed-model' || (job && progress.jobId !== job.jobId)) return;
    setJob(progress);
    if (progress.state !== 'running') onFinished();
  });

  async function start() {
    setError(null);
    try {
      const { jobId } = await client.call('models.embedLibrary', { model: modelId });
      setJob(
        (current) =>
          current ?? {
            jobId,
            kind: 'embed-model',
            state: 'running',
            done: 0,
            total: 0,
            rate: 0,
            etaSeconds: null,
          },
      );
    } catch (err) {
      setError((err as Error).message);
    }
  }

  const running = job?.state === 'running';
  return (
    <div className="embed-job" data-testid="embed-model-job" data-state={job?.state ?? 'idle'}>
      {!running && (
        <button type="button" className="primary" onClick={() => void start()}>
          Embed the library with {modelId}
        </button>
      )}
      {!running && missing > 0 && (
        <span className="muted small">
          {' '}
          {missing} chunks have no {modelId} vectors yet
          {job?.state === 'cancelled' ? ' (cancelled: starting again resumes)' : ''}.
        </span>
      )}
      {job && running && (
        <>
          <progress max={job.total || 1} value={job.done} aria-label={`Embedding with ${modelId}`} />
          <span className="small">
            {job.done} / {job.total} documents · {formatDuration(job.etaSeconds)} left
          </span>
          <button type="button" onClick={() => void client.call('jobs.cancel', { jobId: job.jobId })}>
            Cancel
          </button>
        </>
      )}
      {job?.state === 'failed' && <p className="error-text">{job.message}</p>}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </div>
  );
}
