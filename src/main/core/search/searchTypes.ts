import type { Embedder } from '../embed/types';
import type { LibraryStore } from '../store/libraryStore';
import type { VectorIndex } from '../store/vectorIndex';
import type { DocumentAggregation, HybridDocumentOrder } from './aggregateDocuments';
import type { FeedbackOptions } from './denseFeedback';
import type { ExpansionOptions } from './keywordExpansion';
import type { LikePart } from './likeParts';
import type { FusionOptions, SearchBranch } from './fuseRankings';
import type { Snippet } from './highlightSnippet';
import type { SemanticBackend } from './searchCandidates';

export type SearchMode = 'hybrid' | 'semantic' | 'keyword';

export interface SearchFilters {
  sources?: string[];
  kinds?: string[];
  pathPrefix?: string;
  /** Only these documents ("search within these" from the map's selection). */
  docIds?: string[];
}

export interface SearchRequest {
  /** The query; may carry arithmetic: `"solar energy" +storage -politics` (parseQueryArithmetic.ts). */
  q: string;
  /** Results wanted (1..200, default 10). */
  k?: number;
  /** Default 'hybrid'. */
  mode?: SearchMode;
  filters?: SearchFilters;
  /**
   * 'document': one hit per document, scored by aggregating its chunks (`aggregation`), carrying its
   * best passages. Default 'chunk'.
   */
  groupBy?: 'chunk' | 'document';
  /** Hits to skip (paging): the response's `nextOffset` continues a result list. Default 0. */
  offset?: number;
  /** By document: how a document's chunk scores make its score. Default defaultAggregation(mode). */
  aggregation?: DocumentAggregation;
  /** By document in hybrid mode: fuse chunks then aggregate, or the reverse. Default DEFAULT_HYBRID_ORDER. */
  hybridOrder?: HybridDocumentOrder;
  /** By document: passages listed under each document (default 3). */
  passages?: number;
  /** Hits added to the query as + ("more like this") or - ("less like this") parts (likeParts.ts). */
  like?: LikePart[];
  /** Only this document's chunks (with a filter that narrows the candidates to it: search.passages). */
  docId?: string;
  /** Model id; must be the embedder's (default: the embedder's). */
  model?: string;
  /** Hybrid fusion; default DEFAULT_FUSION (fuseRankings.ts). */
  fusion?: FusionOptions;
  /** Hybrid mode's dense pseudo-relevance feedback; null turns it off. Default DEFAULT_FEEDBACK (search.ts). */
  feedback?: FeedbackOptions | null;
  /** Keyword side: weight of the title / file name / headings column (0: text only). Default DEFAULT_FIELD_BOOST. */
  fieldBoost?: number;
  /** Keyword side: adjacent query words also score as phrases. Default DEFAULT_PHRASE_BOOST. */
  phraseBoost?: boolean;
  /**
   * Keyword side: a lone symbol in the query is searched by its name (`_` -> underscore, symbolNames.ts).
   * Default true; false searches it as typed (the index keeps no symbols, so it matches nothing).
   */
  symbolNames?: boolean;
  /**
   * Keyword side: words also search their verb / -ion noun partner (derivedForms.ts: `dividing` finds
   * `division`). Default DEFAULT_DERIVED_FORMS (off).
   */
  derivedForms?: boolean;
  /** Keyword pseudo-relevance feedback (keywordExpansion.ts); null: off. Default DEFAULT_EXPANSION. */
  expansion?: ExpansionOptions | null;
  /**
   * Semantic side: embed the query without English function words (denseQueryText.ts). Default
   * defaultContentWords(mode) (search.ts): semantic mode yes, hybrid no.
   */
  contentWords?: boolean;
  /**
   * By document: weight of the cosine of each document's first passage, added to its score
   * (leadPassage.ts). Default defaultLeadWeight(mode, chunk context): 0.25 semantic (0 in a library
   * whose vectors embed each passage with its title), 0.3 hybrid, 0 keyword.
   */
  leadWeight?: number;
  /**
   * By document: weight of each document's whole-document BM25 score, added to its score
   * (documentBm25.ts). Default defaultDocumentWeight(mode): 1.5 keyword, 0.3 hybrid, 0 semantic.
   */
  documentWeight?: number;
  /** Candidates taken from each branch before fusion (default max(50, 3k), 5k when grouping). */
  candidates?: number;
  /** Longest snippet, in characters (default 280). */
  snippetChars?: number;
  signal?: AbortSignal;
}

export interface SearchHit {
  /** 1-based. */
  rank: number;
  /**
   * The fused score in hybrid mode, else the branch's own (BM25 or cosine); by document, the document's
   * score from its passages' (aggregateDocuments.ts; in semantic and hybrid mode plus its first
   * passage's share, leadPassage.ts).
   */
  score: number;
  /** The rankings that retrieved this chunk. */
  matched: SearchBranch[];
  /** Raw per-branch scores: BM25 for keyword, cosine similarity for semantic. */
  scores: Partial<Record<SearchBranch, number>>;
  chunkId: string;
  docId: string;
  path: string;
  title: string;
  kind: string;
  source: string;
  /** 1-based page, null for formats without pages. */
  page: number | null;
  headingPath: string[];
  /** The whole chunk text and its offsets in the document's text. */
  text: string;
  charStart: number;
  charEnd: number;
  snippet: Snippet;
  /** With groupBy 'document': how many of the document's chunks were among the candidates. */
  chunkMatches?: number;
  /** With groupBy 'document': the document's best passages, best first (the first is this hit's chunk). */
  passages?: SearchPassage[];
  /** With groupBy 'document': further passages of this document among the candidates. */
  morePassages?: number;
}

/** One passage of a document result: its best chunk, standing for the chunks merged with it. */
export interface SearchPassage {
  chunkId: string;
  page: number | null;
  headingPath: string[];
  text: string;
  charStart: number;
  charEnd: number;
  /** The best chunk's fused (hybrid) or branch score. */
  score: number;
  matched: SearchBranch[];
  snippet: Snippet;
  /** Chunks merged into this passage (same page, or neighbours). */
  chunks: number;
}

export interface SearchResponse {
  hits: SearchHit[];
  mode: SearchMode;
  groupBy: 'chunk' | 'document';
  offset: number;
  /** The offset of the next page of results, null when this page is the last. */
  nextOffset: number | null;
  query: { positive: string[]; negative: string[] };
  /** What answered the semantic branch; null when it did not run or the library has no vectors. */
  semanticBackend: SemanticBackend | null;
  /**
   * The unit vector the semantic side searched with (content words, + / - parts, liked hits and, in
   * hybrid mode, keyword feedback applied); null when no semantic branch ran. Stays in the core: the
   * Query heatmap draws its query row from it, so that row is the query the results were ranked for.
   */
  denseQuery: Float32Array | null;
  /** Things the user may want to know (no vectors for this model yet, index catching up...). */
  warnings: string[];
  tookMs: number;
}

/** What search needs: the store, the model's vector index (optional: exact search without) and the embedder. */
export interface SearchDeps {
  store: LibraryStore;
  index?: VectorIndex | null;
  /** Required for 'semantic' and 'hybrid'. */
  embedder?: Embedder | null;
}
