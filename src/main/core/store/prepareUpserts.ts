import { chunkFields } from './chunkFields';
import { chunkStems, stemLanguageOf } from './chunkStems';
import { documentText } from './documentText';
import { chunkRecordsFor } from './chunkIdentity';
import {
  isIndexed,
  type ChunkInput,
  type ChunkRecord,
  type DocumentRecord,
  type DocumentUpsert,
  type VectorModel,
} from './storeTypes';
import { toOcrPageRow } from './ocrPageRows';
import { buildVectorRows } from './vectorRows';

/** Everything one upsertDocuments() call writes, built and validated before the first write. */
export interface PreparedUpserts {
  docs: DocumentRecord[];
  /**
   * Chunk records with their `fields` (chunkFields.ts) and `docText` (the document's text on its first
   * chunk, documentText.ts); `stems` are filled in by withStems().
   */
  chunkRows: Array<ChunkRecord & { fields: string; stems: string; docText: string }>;
  /** Each document's stem language (chunkStems.ts), null for English and undetected ones. */
  stemLanguages: Map<string, string | null>;
  vectorRows: Array<{ model: VectorModel; rows: Array<Record<string, unknown>> }>;
  /** `ocr_pages` rows of the indexed documents' OCR'd pages. */
  ocrPageRows: Array<Record<string, unknown>>;
}

/**
 * Turns a batch into rows: generations and chunk ids/keys, document rows, vector rows per model.
 * `chunkContext` is what the vectors embed besides the chunk text (part of the generation).
 * Throws on anything malformed (duplicate ordinals, a vector count or dimension off) so a bad batch
 * fails before it has written anything. The last entry wins for a repeated document id (a merge-insert
 * with two source rows for one key is undefined in LanceDB).
 */
export function prepareUpserts(
  entries: readonly DocumentUpsert[],
  chunkContext = 'none',
  now = Date.now(),
): PreparedUpserts {
  const byId = new Map<string, DocumentUpsert>();
  for (const entry of entries) byId.set(entry.doc.id, entry);
  const docs: DocumentRecord[] = [];
  const chunkRows: PreparedUpserts['chunkRows'] = [];
  const vectorRows = new Map<string, { model: VectorModel; rows: Array<Record<string, unknown>> }>();
  const ocrPageRows: Array<Record<string, unknown>> = [];
  const stemLanguages = new Map<string, string | null>();
  for (const { doc, chunks, vectors, ocrPages } of byId.values()) {
    // Only indexed documents (ok, partial) keep chunks. Chunk i and vectors[i] belong together: both are
    // stored in ordinal order.
    const order = isIndexed(doc.status) ? chunks.map((_, i) => i) : [];
    order.sort((a, b) => (chunks[a] as ChunkInput).ordinal - (chunks[b] as ChunkInput).ordinal);
    const kept = order.map((i) => chunks[i] as ChunkInput);
    assertDistinctOrdinals(doc.id, kept);
    const { generation, records } = chunkRecordsFor(doc, kept, chunkContext);
    const text = documentText(records);
    records.forEach((r, i) =>
      chunkRows.push({
        ...r,
        fields: chunkFields(doc.title, doc.path, r.headingPath),
        stems: '',
        docText: i === 0 ? text : '',
      }),
    );
    if (records.length > 0) stemLanguages.set(doc.id, stemLanguageOf(records.map((r) => r.text)));
    docs.push({ ...doc, generation, chunkCount: records.length, indexedAt: now });
    if (records.length === 0) continue;
    const seenPages = new Set<number>();
    for (const page of ocrPages ?? []) {
      if (seenPages.has(page.page)) continue;
      seenPages.add(page.page);
      ocrPageRows.push(toOcrPageRow(doc.id, generation, page));
    }
    for (const mv of vectors) {
      if (mv.vectors.length !== chunks.length) {
        throw new Error(
          `document ${doc.path}: model ${mv.model.id} gave ${mv.vectors.length} vectors for ${chunks.length} chunks`,
        );
      }
      const sorted = { model: mv.model, vectors: order.map((i) => mv.vectors[i] as Float32Array) };
      const bucket = vectorRows.get(mv.model.id) ?? { model: mv.model, rows: [] };
      bucket.rows.push(...buildVectorRows(records, sorted));
      vectorRows.set(mv.model.id, bucket);
    }
  }
  return { docs, chunkRows, vectorRows: [...vectorRows.values()], ocrPageRows, stemLanguages };
}

/** Fills in the chunk rows' `stems` (async: LanceDB's tokenizer), from their documents' languages. */
export async function withStems(prepared: PreparedUpserts): Promise<PreparedUpserts['chunkRows']> {
  const out: PreparedUpserts['chunkRows'] = [];
  for (const row of prepared.chunkRows) {
    const language = prepared.stemLanguages.get(row.docId) ?? null;
    out.push(language === null ? row : { ...row, stems: await chunkStems(row.text, language) });
  }
  return out;
}

function assertDistinctOrdinals(docId: string, sorted: readonly ChunkInput[]): void {
  for (let i = 1; i < sorted.length; i++) {
    if ((sorted[i] as ChunkInput).ordinal === (sorted[i - 1] as ChunkInput).ordinal) {
      throw new Error(`document ${docId}: two chunks with ordinal ${(sorted[i] as ChunkInput).ordinal}`);
    }
  }
}
