/**
 * The contract's enumerations as plain arrays, declared once here and used by the schemas
 * (`methods/library.ts`, `methods/search.ts`) and by the renderer, which imports them from this file
 * so that it does not pull zod (the schemas) into its bundle. A value added here is at once valid input
 * and listed on screen (the renderer's `kindLabels` must then name it, or the typecheck fails).
 */

/**
 * A document's ingest outcome. `partial`: indexed only up to a per-document limit (characters, chunks or
 * the time budget; `reason` says which) and searchable like `ok`; `failed`, `encrypted`, `skipped` and
 * `timeout` documents hold no chunks.
 */
export const documentStatuses = ['ok', 'partial', 'failed', 'encrypted', 'skipped', 'timeout'] as const;

/** What a document is, by its extractor. */
export const documentKinds = [
  'pdf',
  'text',
  'markdown',
  'html',
  'docx',
  'image',
  'epub',
  'odt',
  'pptx',
  'xlsx',
  'ods',
] as const;

/** How a query is matched: BM25 and embeddings fused, embeddings only, or BM25 only. */
export const searchModes = ['hybrid', 'semantic', 'keyword'] as const;
