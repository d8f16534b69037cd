import type { Connection } from '@lancedb/lancedb';
import type { OcrPagesHealth } from '../../../shared/api/methods/library';
import { parseWordBoxes } from './ocrPageRows';

/** An indexed document as the OCR check needs it: the version whose rows count, and its reason. */
export interface IndexedDocument {
  path: string;
  generation: string;
  reason: string | null;
}

/**
 * "OCR: 3 pages, mean confidence 91%" in an indexed document's reason (prepareDocument.ts `ocrNote`):
 * pages whose text came from OCR, so their word boxes are stored in `ocr_pages`.
 */
export function ocrPageCount(reason: string | null): number {
  const m = /\bOCR: (\d+) pages?, mean confidence/.exec(reason ?? '');
  return m ? Number(m[1]) : 0;
}

/**
 * The doctor's look at `ocr_pages` (the OCR word boxes the viewer marks hits with on scans):
 *
 * - every indexed document read by OCR has visible rows (a document without them shows its scan
 *   without marks, and the viewer recognises it again on every open, seconds a page);
 * - full check only: no rows belong to documents or versions that no longer exist (left by a crash
 *   between writes; a writer's recovery removes them), and every visible row's boxes parse.
 *   Not in the quick check the app's status runs while it ingests: a write in progress has such rows
 *   for a moment (new pages before their document row commits, old ones until the clean-up).
 *
 * `table` is false when the library has no `ocr_pages` table (a library older than stored word boxes,
 * or one whose table was lost): its OCR'd documents then all lack their rows.
 */
export async function checkOcrPages(
  db: Connection,
  table: boolean,
  docs: ReadonlyMap<string, IndexedDocument>,
  full: boolean,
): Promise<{ health: OcrPagesHealth; problems: string[] }> {
  const health: OcrPagesHealth = { pages: 0, orphanRows: 0, damaged: [] };
  const visible = new Map<string, { rows: number; unreadable: number }>();
  if (table) {
    const ocrPages = await db.openTable('ocr_pages');
    try {
      const columns = full ? ['docId', 'generation', 'boxes'] : ['docId', 'generation'];
      for await (const batch of ocrPages.query().select(columns)) {
        const docIds = batch.getChild('docId');
        const generations = batch.getChild('generation');
        const boxes = batch.getChild('boxes');
        if (!docIds || !generations) continue;
        for (let i = 0; i < batch.numRows; i++) {
          const docId = String(docIds.get(i));
          const doc = docs.get(docId);
          if (!doc || doc.generation !== String(generations.get(i))) {
            if (full) health.orphanRows++;
            continue;
          }
          const seen = visible.get(docId) ?? { rows: 0, unreadable: 0 };
          seen.rows++;
          if (boxes && parseWordBoxes(boxes.get(i)) === null) seen.unreadable++;
          visible.set(docId, seen);
        }
      }
    } finally {
      ocrPages.close();
    }
  }
  for (const [id, doc] of docs) {
    const expected = ocrPageCount(doc.reason);
    const seen = visible.get(id);
    health.pages += seen?.rows ?? 0;
    if (expected > 0 && !seen)
      health.damaged.push({ path: doc.path, problem: `no stored OCR word boxes (${expected} OCR'd pages)` });
    else if (seen && seen.unreadable > 0)
      health.damaged.push({
        path: doc.path,
        problem: `${seen.unreadable} of ${seen.rows} OCR pages have unreadable word boxes`,
      });
  }
  const problems: string[] = [];
  if (health.orphanRows > 0)
    problems.push(
      `ocr_pages: ${health.orphanRows} row${health.orphanRows === 1 ? '' : 's'} of documents or versions that no longer exist`,
    );
  const n = health.damaged.length;
  if (n > 0) {
    const first = health.damaged[0]!;
    problems.push(
      `${n} OCR'd document${n === 1 ? '' : 's'} without usable word boxes (e.g. ${first.path}: ${first.problem})`,
    );
  }
  return { health, problems };
}
