import fs from 'node:fs/promises';
import { fsPath } from '../ingest/bytePaths';
import type { SourceKind } from '../ingest/types';
import type { DocumentRecord } from '../store/storeTypes';
import { awaitsOcr, type IngestItem } from './ingestFiles';

/**
 * "OCR N skipped files": the documents a library holds as `skipped` because nobody could read their
 * pages, which OCR may read now. That is: PDFs skipped for "no text layer" by versions without OCR (a
 * sync re-reads those too), documents skipped while OCR was turned off, and documents whose OCR
 * failed (its per-page time limit on a loaded machine, an engine error), which a second run may pass.
 * Not: documents OCR read and found nothing on ("OCR found no text"), which would only fail again.
 */
const OCR_MAY_READ = [/^OCR is turned off$/, /^no text layer, and OCR failed: /];

export function awaitsOcrJob(doc: DocumentRecord): boolean {
  if (doc.status !== 'skipped') return false;
  return awaitsOcr(doc) || OCR_MAY_READ.some((re) => re.test(doc.reason ?? ''));
}

/**
 * The ingest items for those documents, from their files as they are now; a file that is gone is
 * returned in `missing` (a sync removes its document).
 */
export async function ocrJobItems(
  docs: Iterable<DocumentRecord>,
): Promise<{ items: IngestItem[]; missing: Array<{ path: string; reason: string }> }> {
  const items: IngestItem[] = [];
  const missing: Array<{ path: string; reason: string }> = [];
  for (const doc of docs) {
    if (!awaitsOcrJob(doc)) continue;
    const stat = await fs.stat(fsPath(doc.path)).catch(() => null);
    if (!stat?.isFile()) {
      missing.push({ path: doc.path, reason: 'file not found (moved or deleted?)' });
      continue;
    }
    items.push({
      source: doc.source,
      file: { path: doc.path, size: stat.size, mtimeMs: stat.mtimeMs, kind: doc.kind as SourceKind },
    });
  }
  return { items, missing };
}
