import { Index, tokenize, type Table } from '@lancedb/lancedb';
import { FIELDS_COLUMN, hasFieldsColumn } from './chunkFields';
import { hasStemsColumn, STEMS_COLUMN } from './chunkStems';
import { DOC_TEXT_COLUMN, hasDocTextColumn } from './documentText';

/**
 * LanceDB's native full-text index (BM25) on chunk text.
 *
 * Tokenizer: `simple` (split on non-alphanumerics), lowercased, ASCII-folded, English stemming and stop
 * words, positions kept (phrase queries need them: `"boundary layer"`, `-"fossil fuel"`). Highlighting
 * runs the same tokenizer (lancedb.tokenize with these options), so what is marked is what matched.
 */
export const KEYWORD_TOKENIZER = {
  baseTokenizer: 'simple',
  language: 'English',
  lowercase: true,
  asciiFolding: true,
  stem: true,
  removeStopWords: true,
  maxTokenLength: 40,
} as const;

/**
 * Words as the keyword index sees them (lowercased, folded, stemmed, stop words dropped), each with
 * its word position in `text`: what highlighting compares against to mark exactly what BM25 matched.
 */
export async function tokenizeLikeIndex(text: string): Promise<Array<{ text: string; position: number }>> {
  return tokenize(text, KEYWORD_TOKENIZER);
}

export const KEYWORD_INDEX_NAME = 'text_idx';
export const FIELDS_INDEX_NAME = 'fields_idx';
export const STEMS_INDEX_NAME = 'stems_idx';
export const DOC_TEXT_INDEX_NAME = 'doc_text_idx';

/**
 * The stems column holds tokens analysed already (chunkStems.ts: `fr_cheval fr_mang`), so its index
 * only splits on spaces: no folding, stemming or stop words a second time.
 */
const STEMS_TOKENIZER = {
  baseTokenizer: 'whitespace',
  lowercase: false,
  asciiFolding: false,
  stem: false,
  removeStopWords: false,
  maxTokenLength: 48,
} as const;

/**
 * New rows must be folded into the index before keyword search is trusted: in LanceDB 0.37 rows the
 * index has not absorbed are searched by a fallback scan that ignores phrase queries (a quoted phrase
 * finds none of them), scores them with statistics of their own (so they rank inconsistently with
 * indexed rows) and returns them unsorted. It is also slow: each unindexed row adds ~45 us to every
 * keyword query (100k chunks: p50 2.4-4 ms indexed; +500 unindexed rows 26 ms; +5,500 rows 237 ms).
 *
 * So every write batch ends with optimize(), which folds the new rows in (and compacts). Measured on
 * 100k Cranfield-like chunks of 120-200 words, 2 shared cores: 1.1-5 s after adding 500 rows (most of
 * it rewriting fragments), against 5.5-9.3 s for rebuilding the index; on libraries of a few thousand
 * chunks it is tens of milliseconds. Ingest should write in batches of hundreds of chunks, not one
 * document at a time, to keep that cost small per chunk.
 */
/**
 * Creates the text index, and the fields index (title, file name, headings: chunkFields.ts), the
 * stems index (chunkStems.ts) and the whole-document index (documentText.ts) once their columns exist,
 * if the table lacks them (an empty table is fine). Text, fields and documents use the same tokenizer,
 * so one query string means the same words in each. The documents' index keeps no positions: a quoted
 * phrase is matched by the chunks, and scores the document by its words (search/documentBm25.ts).
 */
export async function ensureKeywordIndex(chunks: Table): Promise<void> {
  const names = new Set((await chunks.listIndices()).map((i) => i.name));
  if (!names.has(KEYWORD_INDEX_NAME)) {
    await chunks.createIndex('text', {
      config: Index.fts({ ...KEYWORD_TOKENIZER, withPosition: true }),
      name: KEYWORD_INDEX_NAME,
      replace: true,
    });
  }
  if (!names.has(FIELDS_INDEX_NAME) && (await hasFieldsColumn(chunks))) {
    await chunks.createIndex(FIELDS_COLUMN, {
      config: Index.fts({ ...KEYWORD_TOKENIZER, withPosition: true }),
      name: FIELDS_INDEX_NAME,
      replace: true,
    });
  }
  if (!names.has(STEMS_INDEX_NAME) && (await hasStemsColumn(chunks))) {
    await chunks.createIndex(STEMS_COLUMN, {
      config: Index.fts({ ...STEMS_TOKENIZER, withPosition: true }),
      name: STEMS_INDEX_NAME,
      replace: true,
    });
  }
  if (!names.has(DOC_TEXT_INDEX_NAME) && (await hasDocTextColumn(chunks))) {
    await chunks.createIndex(DOC_TEXT_COLUMN, {
      config: Index.fts({ ...KEYWORD_TOKENIZER, withPosition: false }),
      name: DOC_TEXT_INDEX_NAME,
      replace: true,
    });
  }
}

/** Rows the keyword index has not absorbed yet. */
export async function unindexedKeywordRows(chunks: Table): Promise<number> {
  const stats = await chunks.indexStats(KEYWORD_INDEX_NAME);
  return stats?.numUnindexedRows ?? 0;
}

export const CHUNK_KEY_INDEX_NAME = 'key_idx';

/**
 * A B-tree on chunks.key: dense search resolves USearch keys to chunk rows with `key IN (...)`,
 * measured on 100k rows at ~5 ms with the index and ~12 ms without. optimize() keeps it current
 * together with the text index.
 */
export async function ensureChunkKeyIndex(chunks: Table): Promise<void> {
  const indices = await chunks.listIndices();
  if (indices.some((i) => i.name === CHUNK_KEY_INDEX_NAME)) return;
  await chunks.createIndex('key', { config: Index.btree(), name: CHUNK_KEY_INDEX_NAME, replace: true });
}
