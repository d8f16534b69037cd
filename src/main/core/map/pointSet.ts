import { filtersToSql, matchesFilters, sqlAnd } from '../store/filterSql';
import type { LibraryStore } from '../store/libraryStore';
import { isIndexed, type DocumentRecord, type ModelRecord } from '../store/storeTypes';
import { UnknownModelError } from '../store/storeErrors';
import { bigintColumn, numberColumn, stringColumn, vectorColumn } from '../store/arrowColumns';
import { currentDocumentVectors } from '../vectorSpace/documentVectors';
import { hashString } from '../math/seededRandom';

/**
 * The points of a map: which documents or chunks are on it (visible rows of committed documents that
 * pass the filters), their unit vectors, and what the map shows about each (document, page, the
 * chunk's place in its page, text for labels, first words for hover).
 *
 * Beyond `maxPoints` the map shows a sample: the points whose id hashes lowest. That choice is stable
 * as the library grows (a point once in stays in until enough lower-hashing points arrive), so an
 * incrementally updated layout does not reshuffle its sample on every ingest.
 */
export type MapLevel = 'documents' | 'chunks';

export interface MapFilters {
  sources?: readonly string[];
  kinds?: readonly string[];
  pathPrefix?: string;
}

export interface PointSetSpec {
  level: MapLevel;
  modelId: string;
  filters: MapFilters;
  maxPoints: number;
}

export interface PointSet {
  spec: PointSetSpec;
  model: ModelRecord;
  dataVersion: string;
  /** Points matching the filters before sampling. */
  total: number;
  n: number;
  dims: number;
  /** Point identities: `docId@generation` for documents, the chunk id for chunks. */
  ids: string[];
  /** Chunk keys (chunks level; USearch keys of the library index), empty for documents. */
  keys: bigint[];
  vectors: Float32Array;
  docs: DocumentRecord[];
  doc: Int32Array;
  /** 1-based page, 0 when none. */
  page: Int32Array;
  /** Chunk ordinal, -1 for documents. */
  ordinal: Int32Array;
  /** The chunk's character range in its page text, -1 for documents. */
  charStart: Int32Array;
  charEnd: Int32Array;
  /** Text the cluster labels are computed from. */
  texts: string[];
  /** The first words, for hover. */
  snippets: string[];
}

/** Chunks of a document whose text feeds its label (the opening of a document says what it is about). */
const LABEL_CHUNKS_PER_DOCUMENT = 6;
const SNIPPET_WORDS = 14;
const SNIPPET_CHARS = 100;

export function firstWords(text: string): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').slice(0, SNIPPET_WORDS).join(' ');
  return words.length > SNIPPET_CHARS ? `${words.slice(0, SNIPPET_CHARS - 1)}…` : words;
}

/** The `limit` ids hashing lowest (all when there are fewer). */
function stableSample(ids: readonly string[], limit: number): Set<string> {
  if (ids.length <= limit) return new Set(ids);
  const ranked = ids
    .map((id) => ({ id, h: hashString(id) }))
    .sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : 1));
  return new Set(ranked.slice(0, limit).map((r) => r.id));
}

function emptyPointSet(spec: PointSetSpec, model: ModelRecord, dataVersion: string, total: number): PointSet {
  return {
    spec,
    model,
    dataVersion,
    total,
    n: 0,
    dims: model.dims,
    ids: [],
    keys: [],
    vectors: new Float32Array(0),
    docs: [],
    doc: new Int32Array(0),
    page: new Int32Array(0),
    ordinal: new Int32Array(0),
    charStart: new Int32Array(0),
    charEnd: new Int32Array(0),
    texts: [],
    snippets: [],
  };
}

/** Loads the points of a map from the library (read-only). */
export async function loadPointSet(store: LibraryStore, spec: PointSetSpec): Promise<PointSet> {
  const dataVersion = await store.dataVersion();
  const model = await store.vectorModel(spec.modelId);
  if (!model) throw new UnknownModelError(spec.modelId);
  const catalog = await store.catalog();
  const filterWhere = filtersToSql({ ...spec.filters }, 'chunks');
  return spec.level === 'documents'
    ? loadDocuments(store, catalog, model, spec, dataVersion, filterWhere)
    : loadChunks(store, catalog, model, spec, dataVersion, filterWhere);
}

async function loadDocuments(
  store: LibraryStore,
  catalog: Awaited<ReturnType<LibraryStore['catalog']>>,
  model: ModelRecord,
  spec: PointSetSpec,
  dataVersion: string,
  filterWhere: string | null,
): Promise<PointSet> {
  const docVectors = await currentDocumentVectors(store, model, catalog);
  const matching = docVectors.ids.filter((id) => {
    const doc = catalog.byId.get(id);
    return doc !== undefined && matchesFilters(doc, spec.filters);
  });
  const chosen = stableSample(matching, spec.maxPoints);
  const docs = matching.filter((id) => chosen.has(id)).map((id) => catalog.byId.get(id) as DocumentRecord);
  const n = docs.length;
  if (n === 0) return emptyPointSet(spec, model, dataVersion, matching.length);
  const dims = model.dims;
  const vectors = new Float32Array(n * dims);
  const docIndex = new Map<string, number>();
  docs.forEach((doc, i) => {
    const row = docVectors.rowOf.get(doc.id) as number;
    vectors.set(docVectors.vectors.subarray(row * dims, (row + 1) * dims), i * dims);
    docIndex.set(doc.id, i);
  });
  // The opening chunks of each document, for labels and hover.
  const parts: Array<Array<[number, string]>> = docs.map(() => []);
  const where = sqlAnd([filterWhere, `\`ordinal\` < ${LABEL_CHUNKS_PER_DOCUMENT}`]);
  for await (const batch of store.scanChunks(['docId', 'generation', 'ordinal', 'text'], where)) {
    const docId = stringColumn(batch, 'docId');
    const generation = stringColumn(batch, 'generation');
    const ordinal = numberColumn(batch, 'ordinal');
    const text = stringColumn(batch, 'text');
    for (let r = 0; r < batch.numRows; r++) {
      const i = docIndex.get(docId(r));
      if (i === undefined || (docs[i] as DocumentRecord).generation !== generation(r)) continue;
      (parts[i] as Array<[number, string]>).push([ordinal(r) ?? 0, text(r)]);
    }
  }
  const texts = parts.map((p) => p.sort((a, b) => a[0] - b[0]).map(([, t]) => t));
  return {
    spec,
    model,
    dataVersion,
    total: matching.length,
    n,
    dims,
    ids: docs.map((d) => `${d.id}@${d.generation}`),
    keys: [],
    vectors,
    docs,
    doc: Int32Array.from(docs, (_, i) => i),
    page: new Int32Array(n),
    ordinal: new Int32Array(n).fill(-1),
    charStart: new Int32Array(n).fill(-1),
    charEnd: new Int32Array(n).fill(-1),
    texts: texts.map((t, i) => `${(docs[i] as DocumentRecord).title}\n${t.join('\n')}`),
    snippets: texts.map((t) => firstWords(t[0] ?? '')),
  };
}

async function loadChunks(
  store: LibraryStore,
  catalog: Awaited<ReturnType<LibraryStore['catalog']>>,
  model: ModelRecord,
  spec: PointSetSpec,
  dataVersion: string,
  filterWhere: string | null,
): Promise<PointSet> {
  const dims = model.dims;
  const visible = (docId: string, generation: string) => {
    const doc = catalog.visibleDocument(docId, generation);
    return doc && matchesFilters(doc, spec.filters) ? doc : null;
  };
  // Sample first (ids only) when the catalog says there are more chunks than the map may show.
  let expected = 0;
  for (const doc of catalog.byId.values())
    if (isIndexed(doc.status) && matchesFilters(doc, spec.filters)) expected += doc.chunkCount;
  let chosen: Set<string> | null = null;
  let total = 0;
  if (expected > spec.maxPoints) {
    const ids: string[] = [];
    const idColumns = ['chunkId', 'docId', 'generation'];
    for await (const batch of store.scanVectors(model.id, idColumns, filterWhere)) {
      const chunkId = stringColumn(batch, 'chunkId');
      const docId = stringColumn(batch, 'docId');
      const generation = stringColumn(batch, 'generation');
      for (let r = 0; r < batch.numRows; r++) if (visible(docId(r), generation(r))) ids.push(chunkId(r));
    }
    total = ids.length;
    chosen = stableSample(ids, spec.maxPoints);
  }
  const rows: Array<{ id: string; docId: string; key: bigint; vector: Float32Array }> = [];
  for await (const batch of store.scanVectors(
    model.id,
    ['chunkId', 'docId', 'generation', 'key', 'vector'],
    filterWhere,
  )) {
    const chunkId = stringColumn(batch, 'chunkId');
    const docId = stringColumn(batch, 'docId');
    const generation = stringColumn(batch, 'generation');
    const key = bigintColumn(batch, 'key');
    const vectors = vectorColumn(batch, 'vector', dims);
    for (let r = 0; r < batch.numRows; r++) {
      const id = chunkId(r);
      if (chosen ? !chosen.has(id) : !visible(docId(r), generation(r))) continue;
      rows.push({ id, docId: docId(r), key: key(r), vector: vectors.subarray(r * dims, (r + 1) * dims) });
    }
  }
  if (!chosen) total = rows.length;
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = rows.length;
  if (n === 0) return emptyPointSet(spec, model, dataVersion, total);
  const position = new Map(rows.map((r, i) => [r.id, i]));
  const docs: DocumentRecord[] = [];
  const docSlot = new Map<string, number>();
  const doc = new Int32Array(n);
  const vectors = new Float32Array(n * dims);
  rows.forEach((r, i) => {
    let slot = docSlot.get(r.docId);
    if (slot === undefined) {
      slot = docs.length;
      docSlot.set(r.docId, slot);
      docs.push(catalog.byId.get(r.docId) as DocumentRecord);
    }
    doc[i] = slot;
    vectors.set(r.vector, i * dims);
  });
  const page = new Int32Array(n);
  const ordinal = new Int32Array(n);
  const charStart = new Int32Array(n);
  const charEnd = new Int32Array(n);
  const texts: string[] = new Array<string>(n).fill('');
  for await (const batch of store.scanChunks(
    ['id', 'page', 'ordinal', 'charStart', 'charEnd', 'text'],
    filterWhere,
  )) {
    const id = stringColumn(batch, 'id');
    const pageOf = numberColumn(batch, 'page');
    const ordinalOf = numberColumn(batch, 'ordinal');
    const startOf = numberColumn(batch, 'charStart');
    const endOf = numberColumn(batch, 'charEnd');
    const text = stringColumn(batch, 'text');
    for (let r = 0; r < batch.numRows; r++) {
      const i = position.get(id(r));
      if (i === undefined) continue;
      page[i] = pageOf(r) ?? 0;
      ordinal[i] = ordinalOf(r) ?? 0;
      charStart[i] = startOf(r) ?? 0;
      charEnd[i] = endOf(r) ?? 0;
      texts[i] = text(r);
    }
  }
  return {
    spec,
    model,
    dataVersion,
    total,
    n,
    dims,
    ids: rows.map((r) => r.id),
    keys: rows.map((r) => r.key),
    vectors,
    docs,
    doc,
    page,
    ordinal,
    charStart,
    charEnd,
    texts,
    snippets: texts.map(firstWords),
  };
}
