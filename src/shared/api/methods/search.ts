import { z } from 'zod';
import { method } from '../define';
import { topicFilter } from './topics';
import { searchModes } from '../enumerations';
import { documentKinds, type DocumentKind } from './library';

// Declared in enumerations.ts (no zod there, so the renderer can import it); exported here as before.
export { searchModes };
export type SearchMode = (typeof searchModes)[number];

export interface SearchHit {
  rank: number;
  score: number;
  chunkId: string;
  docId: string;
  path: string;
  title: string;
  kind: DocumentKind;
  /** 1-based page (PDF) or section number; null when the document has no pages. */
  page: number | null;
  headingPath: string[];
  /** The chunk text. */
  text: string;
  /** A short excerpt around the best match. Plain text: never HTML. */
  snippet: string;
  /** [start, end) character ranges in `snippet` of the matched query terms. */
  highlights: Array<[number, number]>;
  /** Character range of the chunk within its page text, for highlighting in the viewer. */
  charStart: number;
  charEnd: number;
  /** Which retrieval modes found this hit. */
  matched: Array<'keyword' | 'semantic'>;
  /**
   * Results by document: the document's best passages, best first (chunks of one page, or neighbouring
   * chunks, merged into one passage). The first is the hit's own chunk.
   */
  passages?: SearchPassage[];
  /** Results by document: further passages of this document (fetch them with `search.passages`). */
  morePassages?: number;
}

/** A passage of a document result: its best chunk, standing for the chunks merged with it. */
export interface SearchPassage {
  chunkId: string;
  /** 1-based page, or null when the document has no pages. */
  page: number | null;
  headingPath: string[];
  /** The best chunk's text. */
  text: string;
  /** Plain-text excerpt around the best match; never HTML. */
  snippet: string;
  /** [start, end) ranges in `snippet` of the matched query terms. */
  highlights: Array<[number, number]>;
  charStart: number;
  charEnd: number;
  score: number;
  /** Chunks merged into this passage. */
  chunks: number;
  matched: Array<'keyword' | 'semantic'>;
}

export interface SearchResponse {
  query: string;
  mode: SearchMode;
  model: string;
  tookMs: number;
  /** The parsed query arithmetic: positive and negative parts. */
  parts: { plus: string[]; minus: string[] };
  results: SearchHit[];
  /** 'document': one result per document with its passages; 'chunk': one result per chunk. */
  groupBy: 'document' | 'chunk';
  /** The first result's position (0-based) in the whole result list. */
  offset: number;
  /** The `offset` that fetches the next page ("Load more"), null when there is none. */
  nextOffset: number | null;
  /** Things worth telling the user (no vectors for this model yet, index catching up...). */
  warnings: string[];
}

export const searchQueryInput = z
  .object({
    /**
     * Up to 10,000 characters (a pasted paragraph): keyword search uses all of it, the semantic side
     * what fits the model (the start of the text; 128 tokens for the built-in model).
     */
    q: z.string().max(10_000),
    k: z.number().int().min(1).max(200).default(10),
    mode: z.enum(searchModes).default('hybrid'),
    filters: z
      .object({
        sources: z.array(z.string()).optional(),
        kinds: z.array(z.enum(documentKinds)).optional(),
        pathPrefix: z.string().max(4096).optional(),
        /** Only these documents (ids), e.g. the ones selected on the map ("search within these"). */
        docIds: z.array(z.string().min(1).max(200)).min(1).max(10_000).optional(),
        /** Only the documents of one topic (or sub-topic) of the library's topic model (`topics.get`). */
        topic: topicFilter.optional(),
      })
      .strict()
      .default({}),
    /** 'document' (default): one result per document with its best passages; 'chunk': every chunk. */
    groupBy: z.enum(['chunk', 'document']).default('document'),
    /**
     * Hits added to the query ("more like this" +1, "less like this" -1): a hit's stored vector joins
     * the query arithmetic; a "less like this" hit's document leaves the results.
     */
    like: z
      .array(
        z
          .object({ chunkId: z.string().min(1).max(200), sign: z.union([z.literal(1), z.literal(-1)]) })
          .strict(),
      )
      .max(10)
      .optional(),
    /** Results to skip: a response's `nextOffset` fetches its next page. */
    offset: z.number().int().min(0).max(1000).optional(),
    /** Model id; default: the library's default model. */
    model: z.string().max(200).optional(),
  })
  .strict();

export interface SearchPassagesResponse {
  docId: string;
  passages: SearchPassage[];
  /** The `offset` of the next passages, null when there are none. */
  nextOffset: number | null;
}

export const searchPassagesInput = z
  .object({
    q: z.string().max(2000),
    mode: z.enum(searchModes).default('hybrid'),
    /** The document whose passages are wanted (a result's `docId`). */
    docId: z.string().min(1).max(200),
    offset: z.number().int().min(0).max(1000).default(0),
    limit: z.number().int().min(1).max(50).default(10),
    model: z.string().max(200).optional(),
  })
  .strict();

export const searchMethods = {
  /**
   * Searches the library. `q` may carry query arithmetic: `+phrase` and `-phrase` parts (quotes group
   * words); the query vector is sum(+) - sum(-), each part embedded on its own.
   */
  'search.query': method<SearchResponse>()(searchQueryInput),
  /**
   * More passages of one document for a query, best first ("N more in this document"): the same
   * ranking as `search.query`, restricted to that document; passages of one page merged.
   */
  'search.passages': method<SearchPassagesResponse>()(searchPassagesInput),
};
