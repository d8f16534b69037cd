import { Index, type Table } from '@lancedb/lancedb';

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

export const KEYWORD_INDEX_NAME = 'text_idx';

/**
 * When to fold new rows into the index. Rows written after the last index update are still found
 * (LanceDB scans them), but every keyword query pays for the scan. Measured on 100k Cranfield-like
 * chunks of 120-200 words (2 shared cores, LanceDB 0.37.1):
 *
 *   keyword query p50: indexed 2.4-4 ms; +500 unindexed rows 26 ms; +5,500 unindexed 237 ms
 *   (about 45 us per unindexed row per query)
 *   optimize() after +500 rows (compaction + index merge): 1.1-5 s; creating the index from scratch: 5.5-9.3 s
 *
 * So the store folds rows in once 300 are pending (a keyword query then costs at most ~15 ms more), and
 * the ingest pipeline forces it when a job ends. On small libraries optimize() is milliseconds anyway.
 */
export const KEYWORD_REFRESH_UNINDEXED_ROWS = 300;

/** Creates the index if the table has none (an empty table is fine). */
export async function ensureKeywordIndex(chunks: Table): Promise<void> {
  const indices = await chunks.listIndices();
  if (indices.some((i) => i.name === KEYWORD_INDEX_NAME)) return;
  await chunks.createIndex('text', {
    config: Index.fts({ ...KEYWORD_TOKENIZER, withPosition: true }),
    name: KEYWORD_INDEX_NAME,
    replace: true,
  });
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
