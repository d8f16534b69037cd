import { kindHasDate } from '../ingest/extract/readDocumentDate';
import type { ExtractPool } from '../ingest/extractPool';
import type { DateSource } from '../store/storeTypes';
import type { IngestItem } from './ingestFiles';

/** A document's date as the dates-only pass found it. */
export interface DocumentDateUpdate {
  path: string;
  docDate: number;
  dateSource: DateSource;
}

/** Dates written per store commit. */
const BATCH = 500;

/**
 * The dates-only pass: documents a sync found unchanged but whose row has no date yet (indexed before
 * dates were stored) get their own date from their metadata (in the extraction workers: pdf.js parses
 * the PDF's Info and XMP, never a page) or, for formats without one or files without a plausible one,
 * the file's mtime. Nothing is extracted or embedded again, and the data other views derive from the
 * vectors stays as it is. Cancelling keeps the dates already written; the next sync does the rest.
 */
export async function fillDocumentDates(
  items: readonly IngestItem[],
  pool: ExtractPool,
  write: (dates: readonly DocumentDateUpdate[]) => Promise<void>,
  signal: AbortSignal,
): Promise<number> {
  let pending: DocumentDateUpdate[] = [];
  let written = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    await write(batch);
    written += batch.length;
  };
  const dateOf = async (item: IngestItem): Promise<DocumentDateUpdate> => {
    const { path, kind, mtimeMs } = item.file;
    const own = kindHasDate(kind)
      ? (await pool.extract(item.file, { signal, datesOnly: true })).docDate
      : undefined;
    return own !== undefined
      ? { path, docDate: own, dateSource: 'metadata' }
      : { path, docDate: mtimeMs, dateSource: 'file' };
  };
  const width = pool.size + 2;
  for (let from = 0; from < items.length && !signal.aborted; from += width) {
    let found: DocumentDateUpdate[];
    try {
      found = await Promise.all(items.slice(from, from + width).map(dateOf));
    } catch {
      break; // aborted: what was read before is written below
    }
    pending.push(...found);
    if (pending.length >= BATCH) await flush();
  }
  await flush();
  return written;
}
