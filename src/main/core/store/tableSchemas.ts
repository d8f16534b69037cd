import { createHash } from 'node:crypto';
import { Field, FixedSizeList, Float32, Float64, Int32, Int64, List, Schema, Utf8 } from 'apache-arrow';

/**
 * Arrow schemas of the library's LanceDB tables. Bump SCHEMA_VERSION on any incompatible change; a
 * library written by a newer schema is refused instead of being misread.
 *
 * Numbers that can exceed 2^31 (sizes, times) are float64 so they arrive as plain JS numbers; the chunk
 * key is int64 (arrives as bigint) because it is a USearch key.
 *
 * Versions: 2 added chunks.fields (title, file name and heading path for BM25; chunkFields.ts), filled
 * in for version-1 libraries when a writer first opens them. 3 added chunks.stems (the text analysed in
 * its document's language when that is not English; chunkStems.ts), filled in likewise. 4 added
 * documents.docDate and documents.dateSource (the document's own date; migrateDocumentDates.ts), null
 * in older rows until a sync reads their metadata. 5 added chunks.docText (the document's whole text on
 * its first chunk, for whole-document BM25; documentText.ts), filled in like the fields.
 */
export const SCHEMA_VERSION = 5;

export const TABLES = {
  meta: 'meta',
  sources: 'sources',
  documents: 'documents',
  chunks: 'chunks',
  /** Text and word boxes of OCR'd pages. Added after SCHEMA_VERSION 1; older libraries gain it on the next write. */
  ocrPages: 'ocr_pages',
} as const;

const utf8 = (name: string, nullable = false): Field => new Field(name, new Utf8(), nullable);

export const metaSchema = new Schema([utf8('key'), utf8('value')]);

export const sourcesSchema = new Schema([utf8('path'), new Field('addedAt', new Float64(), false)]);

export const documentsSchema = new Schema([
  utf8('id'),
  utf8('source'),
  utf8('path'),
  utf8('title'),
  utf8('kind'),
  new Field('size', new Float64(), false),
  new Field('mtime', new Float64(), false),
  utf8('sha256'),
  new Field('pages', new Int32(), false),
  utf8('status'),
  utf8('reason', true),
  new Field('indexedAt', new Float64(), false),
  new Field('chunkCount', new Int32(), false),
  utf8('generation'),
  // Nullable: rows written before version 3 have no date until a sync reads it (DocumentInput.docDate).
  new Field('docDate', new Float64(), true),
  utf8('dateSource', true),
]);

export const chunksSchema = new Schema([
  utf8('id'),
  utf8('docId'),
  utf8('generation'),
  new Field('key', new Int64(), false),
  new Field('ordinal', new Int32(), false),
  new Field('page', new Int32(), true),
  new Field('charStart', new Int32(), false),
  new Field('charEnd', new Int32(), false),
  new Field('headingPath', new List(new Field('item', new Utf8(), true)), false),
  utf8('text'),
  utf8('source'),
  utf8('kind'),
  utf8('path'),
  // Nullable: a version-1 library gets the column by addColumns, which makes it nullable.
  utf8('fields', true),
  utf8('stems', true),
  utf8('docText', true),
]);

/**
 * One row per OCR'd page of an indexed document. `boxes` is the page's word boxes as JSON (parallel
 * arrays, see PageWordBoxes): read a page at a time, never filtered on, so a column per field buys
 * nothing. Visibility follows the chunks' rule (generation equal to the document row's).
 */
export const ocrPagesSchema = new Schema([
  utf8('id'),
  utf8('docId'),
  utf8('generation'),
  new Field('page', new Int32(), false),
  utf8('text'),
  utf8('boxes'),
]);

/** One table per model: adding a model never rewrites chunks, dropping one is a table drop. */
export function vectorsSchema(dims: number): Schema {
  return new Schema([
    utf8('chunkId'),
    utf8('docId'),
    utf8('generation'),
    new Field('key', new Int64(), false),
    utf8('source'),
    utf8('kind'),
    utf8('path'),
    utf8('fingerprint'),
    new Field('vector', new FixedSizeList(dims, new Field('item', new Float32(), true)), false),
  ]);
}

/**
 * `vectors_<model id made safe>_<hash>`: readable in a directory listing, and the hash keeps ids that
 * sanitise alike (`a-b`, `a_b`) apart.
 */
export function vectorsTableName(modelId: string): string {
  const safe = modelId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 48);
  const hash = createHash('sha256').update(modelId).digest('hex').slice(0, 8);
  return `vectors_${safe || 'model'}_${hash}`;
}
