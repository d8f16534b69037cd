import { useState } from 'react';
import { useClient } from '../api/ClientContext';
import { useCoreEvent } from '../api/useCoreEvent';
import { useCoreQuery } from '../api/useCoreQuery';
import './damageBanner.css';

/**
 * Shown above every screen while `library.status` reports damage (a truncated or missing data file, an
 * unreadable manifest). Repair starts `library.repair` as a job; its progress (done/total, Cancel)
 * appears in the Library screen's job bar like any ingest, so the banner sends the user there. The
 * banner goes once a status check after the job finds the library healthy.
 */
export function DamageBanner({ onRepairStarted }: { onRepairStarted: () => void }) {
  const client = useClient();
  const status = useCoreQuery('library.status', {});
  const [repairJob, setRepairJob] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useCoreEvent('library.changed', () => status.reload());
  useCoreEvent('job.progress', (progress) => {
    if (progress.state === 'running') return;
    status.reload();
    if (progress.jobId !== repairJob) return;
    setRepairJob(null);
    if (progress.state === 'failed') setError(progress.message ?? 'The repair failed.');
  });

  const damage = status.data?.damage;
  if (!damage) return null;

  async function repair() {
    setError(null);
    try {
      const { jobId } = await client.call('library.repair', {});
      setRepairJob(jobId);
      onRepairStarted();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <div className="damage-banner" role="alert" data-testid="damage-banner">
      <div>
        <strong>The library is damaged.</strong> <span className="damage-detail">{damage}</span>
        <p className="small">
          Repair takes damaged tables back to their last good version and re-indexes what was lost from your
          files (which are only read). Search keeps working meanwhile where it can.
        </p>
        {error && <p className="error-text">{error}</p>}
      </div>
      <button type="button" className="primary" onClick={() => void repair()} disabled={repairJob !== null}>
        {repairJob ? 'Repairing…' : 'Repair'}
      </button>
    </div>
  );
}
