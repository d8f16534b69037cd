/**
 * Query/passage prefixes that retrieval-tuned model families were trained with. Without them such models
 * still produce vectors, but search quality drops noticeably, so we apply them by default when a model's
 * name matches. A `loci-model.json` in the model folder overrides this (see ../README.md).
 */
export interface Prefixes {
  query: string;
  passage: string;
}

export const NO_PREFIXES: Prefixes = { query: '', passage: '' };

interface CatalogEntry {
  family: string;
  /** Tested against the model's name, `_name_or_path` from config.json and the folder name. */
  pattern: RegExp;
  prefixes: Prefixes;
}

const BGE_EN_QUERY = 'Represent this sentence for searching relevant passages: ';

const CATALOG: readonly CatalogEntry[] = [
  // intfloat/e5-*, multilingual-e5-* (the "-instruct" variants use a different, task-specific format).
  {
    family: 'e5',
    pattern: /(^|[/_-])e5-(?!.*instruct)/i,
    prefixes: { query: 'query: ', passage: 'passage: ' },
  },
  // BAAI/bge-{small,base,large}-en(-v1.5); bge-m3 and the rerankers use no instruction.
  {
    family: 'bge-en',
    pattern: /(^|[/_-])bge-(small|base|large)-en/i,
    prefixes: { query: BGE_EN_QUERY, passage: '' },
  },
  {
    family: 'bge-zh',
    pattern: /(^|[/_-])bge-(small|base|large)-zh/i,
    prefixes: { query: '为这个句子生成表示以用于检索相关文章：', passage: '' },
  },
  // nomic-ai/nomic-embed-text-v1(.5)
  {
    family: 'nomic',
    pattern: /nomic-embed-text/i,
    prefixes: { query: 'search_query: ', passage: 'search_document: ' },
  },
  // mixedbread-ai/mxbai-embed-large-v1 and Snowflake/snowflake-arctic-embed-* share bge's query instruction.
  { family: 'mxbai', pattern: /mxbai-embed/i, prefixes: { query: BGE_EN_QUERY, passage: '' } },
  { family: 'arctic', pattern: /arctic-embed/i, prefixes: { query: BGE_EN_QUERY, passage: '' } },
];

/** The catalog entry whose pattern matches the first of `names` that matches any entry, if any. */
export function prefixesForNames(
  names: readonly string[],
): { family: string; prefixes: Prefixes } | undefined {
  for (const name of names) {
    const entry = CATALOG.find((e) => e.pattern.test(name));
    if (entry) return { family: entry.family, prefixes: { ...entry.prefixes } };
  }
  return undefined;
}
