import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentSort } from '../../../shared/api/methods/library';
import { useClient } from '../api/ClientContext';
import { useCoreEvent } from '../api/useCoreEvent';
import { useCoreQuery } from '../api/useCoreQuery';
import { FolderPicker } from '../components/FolderPicker';
import { useTabRoute } from '../routing/hashRouter';
import { useRoutedViewer } from '../routing/useRoutedViewer';
import { ViewerPane } from '../viewer/ViewerPane';
import { targetFromDocument } from '../viewer/viewerTarget';
import { topicFilterOf } from '../components/topicChoice';
import { DocumentFilters, type DocumentFilterState } from './DocumentFilters';
import { DocumentsTable } from './DocumentsTable';
import { addWhenIdle } from './addWhenIdle';
import { IngestProgress } from './IngestProgress';
import { OcrSkippedOffer } from './OcrSkippedOffer';
import { librarySummary } from './librarySummary';
import { SourcesPanel } from './SourcesPanel';
import { setUploadDir } from './uploadDirStore';
import './library.css';

const pageSize = 100;

/**
 * The library: sources, the running ingest, counts by status and the documents table. Refreshes on
 * `library.changed` (throttled: an ingest sends many) and when the search index has caught up
 * (`index.synced`).
 */
export function LibraryScreen({
  mode,
  uploadDir,
}: {
  mode: 'desktop' | 'browser';
  uploadDir: string | null;
}) {
  const client = useClient();
  const [filter, setFilter] = useState<DocumentFilterState>({
    status: '',
    kind: '',
    text: '',
    topic: '',
  });
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState<DocumentSort>('indexed');
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [route, setRoute] = useTabRoute('library');
  const viewer = useRoutedViewer(route.doc, (doc, how) => setRoute({ doc }, how));
  // Folders the user added while another job ran; they are added when it ends.
  const [queued, setQueued] = useState<string[]>([]);

  const status = useCoreQuery('library.status', {});
  // The topic model (computed in the background on first use, then stored with the library).
  const topics = useCoreQuery('topics.get', {});
  const topicFilter = topicFilterOf(filter.topic);
  const documents = useCoreQuery('library.documents', {
    filter: {
      ...(filter.status ? { status: [filter.status] } : {}),
      ...(filter.kind ? { kinds: [filter.kind] } : {}),
      ...(filter.text ? { text: filter.text } : {}),
      ...(topicFilter ? { topic: topicFilter } : {}),
    },
    offset,
    limit: pageSize,
    sort,
  });

  const { reload: reloadStatus } = status;
  const { reload: reloadDocuments } = documents;
  const { reload: reloadTopics } = topics;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      reloadStatus();
      reloadDocuments();
    }, 300);
  }, [reloadStatus, reloadDocuments]);
  useEffect(() => () => clearTimeout(timer.current ?? undefined), []);
  useCoreEvent('library.changed', refresh);
  // The search index catches up after the job's last `library.changed`: a status read then says
  // "rebuilding the search index" until this event.
  useCoreEvent('index.synced', refresh);
  // A job's own events say at once that it runs; the status (refreshed a little later) may not yet.
  const [jobRunning, setJobRunning] = useState(false);
  useCoreEvent('job.progress', (p) => {
    if (p.kind === 'ingest' || p.kind === 'sync' || p.kind === 'ocr') setJobRunning(p.state === 'running');
    // Topics are recomputed per data version: once a job has finished, not after every batch.
    if ((p.kind === 'ingest' || p.kind === 'sync' || p.kind === 'ocr') && p.state !== 'running')
      reloadTopics();
  });

  const changeFilter = useCallback((next: DocumentFilterState) => {
    setFilter(next);
    setOffset(0);
  }, []);

  function add(path: string) {
    setPicking(false);
    addWhenIdle(client, [path], () => setQueued((q) => [...q, path]))
      .catch((err: Error) => setError(`Could not add ${path}: ${err.message}`))
      .finally(() => {
        setQueued((q) => q.filter((p) => p !== path));
        refresh();
      });
  }

  const counts = status.data?.documents ?? null;
  const total = documents.data?.total ?? 0;
  const items = documents.data?.items ?? [];
  const busy = Boolean(status.data?.activeJob) || jobRunning;

  return (
    <div className={`library-screen ${route.doc ? 'with-viewer' : ''}`}>
      <div className="library-main">
        <header className="screen-header">
          <div>
            <h2>Library</h2>
            {status.data && (
              <p className="muted" data-testid="library-summary">
                {librarySummary(status.data)}
              </p>
            )}
          </div>
          <button type="button" className="primary" onClick={() => setPicking(true)}>
            Add folder…
          </button>
        </header>
        <p className="drop-hint muted small">
          {mode === 'desktop' ? (
            'Tip: drag folders or files onto this window to add them.'
          ) : uploadDir ? (
            <>
              Tip: drop files onto this window to upload them into <code>{uploadDir}</code> and index them.{' '}
              <button type="button" className="link-button" onClick={() => setUploadDir(null)}>
                Change folder
              </button>
            </>
          ) : (
            'Tip: drop files onto this window to upload them into a folder of your choice and index them.'
          )}
        </p>
        {(error || status.error) && (
          <p role="alert" className="error-text">
            {error ?? status.error}{' '}
            <button type="button" className="link-button" onClick={() => setError(null)}>
              Dismiss
            </button>
          </p>
        )}
        <IngestProgress onChange={refresh} />
        {queued.length > 0 && (
          <p className="muted small" role="status">
            Waiting for the running job to finish, then adding: {queued.join(', ')}
          </p>
        )}
        <OcrSkippedOffer
          count={status.data?.awaitingOcr ?? 0}
          busy={busy}
          onStarted={refresh}
          onError={setError}
        />
        <SourcesPanel
          sources={status.data?.sources ?? []}
          busy={busy}
          onChanged={refresh}
          onError={setError}
        />
        <section className="card" aria-labelledby="documents-title">
          <header className="card-header">
            <h3 id="documents-title">Documents</h3>
            <span className="muted small" data-testid="documents-total" data-total={total}>
              {total === 0 ? 'none' : `${offset + 1}–${offset + items.length} of ${total.toLocaleString()}`}
            </span>
          </header>
          <DocumentFilters counts={counts} topics={topics.data} value={filter} onChange={changeFilter} />
          {documents.error && <p role="alert">{documents.error}</p>}
          {status.data?.documents.total === 0 && (busy || queued.length > 0) ? (
            <div className="empty-state" data-testid="library-filling">
              <p>Adding documents: they appear here as soon as the first ones are indexed.</p>
            </div>
          ) : status.data?.documents.total === 0 ? (
            <div className="empty-state">
              <p>Your library is empty — add a folder of PDFs, text, Markdown, HTML or Word files.</p>
              <button type="button" className="primary" onClick={() => setPicking(true)}>
                Add folder…
              </button>
            </div>
          ) : items.length === 0 && !documents.loading ? (
            <p className="muted">No documents match these filters.</p>
          ) : (
            <DocumentsTable
              items={items}
              onOpen={(doc) => viewer.open(targetFromDocument(doc))}
              sort={sort}
              onSort={(next) => {
                setSort(next);
                setOffset(0);
              }}
            />
          )}
          {total > pageSize && (
            <nav className="pager" aria-label="Document pages">
              <button
                type="button"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - pageSize))}
              >
                Previous
              </button>
              <button
                type="button"
                disabled={offset + pageSize >= total}
                onClick={() => setOffset(offset + pageSize)}
              >
                Next
              </button>
            </nav>
          )}
        </section>
      </div>
      {viewer.target && (
        <ViewerPane target={viewer.target} onClose={viewer.close} onPageChange={viewer.onPage} />
      )}
      {picking && (
        <FolderPicker
          title="Add a folder to the library"
          confirmLabel="Add this folder"
          targetLabel="Adds"
          onChoose={add}
          onClose={() => setPicking(false)}
        >
          <p className="muted small">
            Browse the folders of the computer running Loci. Every PDF, text, Markdown, HTML and Word file in
            the chosen folder and its subfolders is indexed.
          </p>
        </FolderPicker>
      )}
    </div>
  );
}
