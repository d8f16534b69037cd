import { z } from 'zod';
import { method } from '../define';
import { documentKinds, type DocumentKind } from './library';

export const searchModes = ['hybrid', 'semantic', 'keyword'] as const;
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
}

export interface SearchResponse {
  query: string;
  mode: SearchMode;
  model: string;
  tookMs: number;
  /** The parsed query arithmetic: positive and negative parts. */
  parts: { plus: string[]; minus: string[] };
  results: SearchHit[];
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
      })
      .strict()
      .default({}),
    groupBy: z.enum(['chunk', 'document']).default('chunk'),
    /** Model id; default: the library's default model. */
    model: z.string().max(200).optional(),
  })
  .strict();

export const searchMethods = {
  /**
   * Searches the library. `q` may carry query arithmetic: `+phrase` and `-phrase` parts (quotes group
   * words); the query vector is sum(+) - sum(-), each part embedded on its own.
   */
  'search.query': method<SearchResponse>()(searchQueryInput),
};
