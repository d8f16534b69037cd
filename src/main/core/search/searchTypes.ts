import type { Embedder } from '../embed/types';
import type { LibraryStore } from '../store/libraryStore';
import type { VectorIndex } from '../store/vectorIndex';
import type { FeedbackOptions } from './denseFeedback';
import type { FusionOptions, SearchBranch } from './fuseRankings';
import type { Snippet } from './highlightSnippet';
import type { SemanticBackend } from './searchCandidates';

export type SearchMode = 'hybrid' | 'semantic' | 'keyword';

export interface SearchFilters {
  sources?: string[];
  kinds?: string[];
  pathPrefix?: string;
}

export interface SearchRequest {
  /** The query; may carry arithmetic: `"solar energy" +storage -politics` (parseQueryArithmetic.ts). */
  q: string;
  /** Results wanted (1..200, default 10). */
  k?: number;
  /** Default 'hybrid'. */
  mode?: SearchMode;
  filters?: SearchFilters;
  /** 'document' keeps each document's best chunk only. Default 'chunk'. */
  groupBy?: 'chunk' | 'document';
  /** Model id; must be the embedder's (default: the embedder's). */
  model?: string;
  /** Hybrid fusion; default DEFAULT_FUSION (fuseRankings.ts). */
  fusion?: FusionOptions;
  /** Hybrid mode's dense pseudo-relevance feedback; null turns it off. Default DEFAULT_FEEDBACK (search.ts). */
  feedback?: FeedbackOptions | null;
  /** Candidates taken from each branch before fusion (default max(50, 3k), 5k when grouping). */
  candidates?: number;
  /** Longest snippet, in characters (default 280). */
  snippetChars?: number;
  signal?: AbortSignal;
}

export interface SearchHit {
  /** 1-based. */
  rank: number;
  /** The fused score in hybrid mode, else the branch's own (BM25 or cosine). */
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
}

export interface SearchResponse {
  hits: SearchHit[];
  mode: SearchMode;
  groupBy: 'chunk' | 'document';
  query: { positive: string[]; negative: string[] };
  /** What answered the semantic branch; null when it did not run or the library has no vectors. */
  semanticBackend: SemanticBackend | null;
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
