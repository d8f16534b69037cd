import type { LibraryStatus } from '../../../shared/api/methods/library';
import { plural } from '../components/formatters';

/**
 * The line under the Library heading. The search index is mentioned only when it matters to the
 * user: while a job runs it is being updated (not "stale": that word flashed after every ingest,
 * between the job's last write and the index catching up), and after a job only if it really lags.
 */
export function librarySummary(status: Pick<LibraryStatus, 'documents' | 'chunks' | 'index' | 'activeJob'>) {
  const counts = `${plural(status.documents.total, 'document')} · ${plural(status.chunks, 'passage')} indexed`;
  const { state } = status.index;
  if (status.activeJob) return `${counts} · updating the search index`;
  if (state === 'rebuilding') return `${counts} · rebuilding the search index`;
  if (state === 'stale') return `${counts} · the search index is catching up`;
  return counts;
}
