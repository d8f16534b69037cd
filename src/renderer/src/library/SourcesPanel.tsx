import { useState } from 'react';
import type { SourceSummary } from '../../../shared/api/methods/library';
import { useClient } from '../api/ClientContext';
import { formatDate, plural } from '../components/formatters';

/**
 * The folders and files the user added. Each can be removed (with everything indexed from it, after a
 * confirmation); "Re-sync" re-scans them all for new, changed and deleted files.
 */
export function SourcesPanel({
  sources,
  busy,
  onChanged,
  onError,
}: {
  sources: SourceSummary[];
  busy: boolean;
  onChanged: () => void;
  onError: (message: string) => void;
}) {
  const client = useClient();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  async function run(action: () => Promise<unknown>) {
    setWorking(true);
    try {
      await action();
      onChanged();
    } catch (err) {
      onError((err as Error).message);
    } finally {
      setWorking(false);
      setConfirming(null);
    }
  }

  return (
    <section className="card sources" aria-labelledby="sources-title">
      <header className="card-header">
        <h3 id="sources-title">Sources</h3>
        <button
          type="button"
          disabled={busy || working || sources.length === 0}
          title={busy ? 'A job is running' : 'Index new and changed files, drop deleted ones'}
          onClick={() => void run(() => client.call('library.sync', {}))}
        >
          Re-sync
        </button>
      </header>
      {sources.length === 0 ? (
        <p className="muted">No folders yet.</p>
      ) : (
        <ul className="source-list" data-testid="sources">
          {sources.map((s) => (
            <li key={s.path} className={s.present ? undefined : 'missing'}>
              <div className="source-main">
                <span className="source-path" title={s.path}>
                  {s.path}
                </span>
                <span className="muted small">
                  {plural(s.documents, 'document')} · added {formatDate(s.addedAt)}
                  {!s.present && ' · folder not found (documents kept until the next re-sync)'}
                </span>
              </div>
              {confirming === s.path ? (
                <span className="confirm" role="group" aria-label={`Remove ${s.path}?`}>
                  <span className="small">Remove it and its {plural(s.documents, 'document')}?</span>
                  <button
                    type="button"
                    className="danger"
                    disabled={working}
                    onClick={() => void run(() => client.call('library.remove', { paths: [s.path] }))}
                  >
                    Remove
                  </button>
                  <button type="button" onClick={() => setConfirming(null)}>
                    Keep
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  disabled={busy}
                  aria-label={`Remove source ${s.path}`}
                  onClick={() => setConfirming(s.path)}
                >
                  Remove…
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
