import path from 'node:path';
import type { DocumentCatalog } from '../store/documentCatalog';
import type { LibraryStore } from '../store/libraryStore';
import { sqlInList } from '../store/filterSql';
import { isIndexed, type ModelRecord } from '../store/storeTypes';
import { stringColumn, vectorColumn } from '../store/arrowColumns';
import { mapCacheDir, readCacheFile, writeCacheFile } from '../store/mapCacheFiles';

/**
 * Document vectors: the normalised mean of each document's chunk vectors (visible chunks only: rows of
 * the generation its document row names).
 *
 * Persisted as one file per model in `index/map/` rather than a LanceDB table: the map runs in readers
 * (the app, `loci serve`) that do not hold the writer lock and must not write LanceDB; the vectors are
 * derived and can be thrown away like the USearch files; and one contiguous Float32Array loads in
 * milliseconds where a table scan takes a second at 100k documents. Entries are keyed by the
 * document's generation (the content hash of its chunks), so the cache is kept current incrementally:
 * after an ingest only new and changed documents are read and averaged, removed ones dropped.
 */
export const DOCUMENT_VECTORS_FORMAT = 1;

export interface DocumentVectorsFile {
  format: number;
  modelId: string;
  fingerprint: string;
  dims: number;
  ids: string[];
  generations: string[];
  /** ids.length x dims, unit rows. */
  vectors: Float32Array;
}

export interface DocumentVectors {
  dims: number;
  /** Document id -> row in `vectors`. */
  rowOf: Map<string, number>;
  ids: string[];
  generations: string[];
  vectors: Float32Array;
  /** Documents whose vector was (re)computed by this call (0: the cache was current). */
  computed: number;
}

/** Beyond this share of documents to (re)compute, one full scan beats per-document lookups. */
const FULL_SCAN_SHARE = 0.3;
const LOOKUP_SLICE = 500;

export function documentVectorsFile(indexDir: string, model: ModelRecord): string {
  return path.join(mapCacheDir(indexDir), `docvectors-${model.table}.bin`);
}

/** Sums chunk vectors per document for the rows whose generation is the wanted one. */
async function accumulate(
  store: LibraryStore,
  modelId: string,
  dims: number,
  wanted: Map<string, string>,
  where: string | null,
  sums: Map<string, Float64Array>,
): Promise<void> {
  for await (const batch of store.scanVectors(modelId, ['docId', 'generation', 'vector'], where)) {
    const docId = stringColumn(batch, 'docId');
    const generation = stringColumn(batch, 'generation');
    const vectors = vectorColumn(batch, 'vector', dims);
    for (let i = 0; i < batch.numRows; i++) {
      const id = docId(i);
      if (wanted.get(id) !== generation(i)) continue;
      let sum = sums.get(id);
      if (!sum) sums.set(id, (sum = new Float64Array(dims)));
      for (let c = 0; c < dims; c++) sum[c] = (sum[c] as number) + (vectors[i * dims + c] as number);
    }
  }
}

/**
 * The current document vectors of a model: the cached file brought up to date with the catalog
 * (and re-saved when anything changed). Documents without vectors for this model are absent.
 */
export async function currentDocumentVectors(
  store: LibraryStore,
  model: ModelRecord,
  catalog: DocumentCatalog,
): Promise<DocumentVectors> {
  const file = documentVectorsFile(store.indexDir, model);
  const cached = readCacheFile<DocumentVectorsFile>(file, DOCUMENT_VECTORS_FORMAT);
  const usable =
    cached &&
    cached.modelId === model.id &&
    cached.fingerprint === model.fingerprint &&
    cached.dims === model.dims
      ? cached
      : null;
  const dims = model.dims;
  const cachedRow = new Map<string, number>();
  usable?.ids.forEach((id, i) => {
    if (usable.generations[i] !== undefined) cachedRow.set(`${id}@${usable.generations[i]}`, i);
  });

  const docs = [...catalog.byId.values()].filter((d) => isIndexed(d.status) && d.chunkCount > 0);
  docs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const missing = new Map<string, string>();
  for (const doc of docs)
    if (!cachedRow.has(`${doc.id}@${doc.generation}`)) missing.set(doc.id, doc.generation);

  const sums = new Map<string, Float64Array>();
  if (missing.size > FULL_SCAN_SHARE * docs.length) {
    await accumulate(store, model.id, dims, missing, null, sums);
  } else {
    const ids = [...missing.keys()];
    for (let s = 0; s < ids.length; s += LOOKUP_SLICE)
      await accumulate(
        store,
        model.id,
        dims,
        missing,
        sqlInList('docId', ids.slice(s, s + LOOKUP_SLICE)),
        sums,
      );
  }

  const ids: string[] = [];
  const generations: string[] = [];
  const rows: Float32Array[] = [];
  for (const doc of docs) {
    const row = cachedRow.get(`${doc.id}@${doc.generation}`);
    let vector: Float32Array | null = null;
    if (row !== undefined && usable) vector = usable.vectors.subarray(row * dims, (row + 1) * dims);
    else {
      const sum = sums.get(doc.id);
      if (sum) {
        let norm = 0;
        for (let c = 0; c < dims; c++) norm += (sum[c] as number) ** 2;
        const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        vector = Float32Array.from(sum, (v) => v * scale);
      }
    }
    if (!vector) continue;
    ids.push(doc.id);
    generations.push(doc.generation);
    rows.push(vector);
  }
  const vectors = new Float32Array(ids.length * dims);
  rows.forEach((v, i) => vectors.set(v, i * dims));
  const changed = !usable || sums.size > 0 || ids.length !== usable.ids.length;
  if (changed) {
    const contents: DocumentVectorsFile = {
      format: DOCUMENT_VECTORS_FORMAT,
      modelId: model.id,
      fingerprint: model.fingerprint,
      dims,
      ids,
      generations,
      vectors,
    };
    writeCacheFile(file, contents);
  }
  const rowOf = new Map(ids.map((id, i) => [id, i]));
  return { dims, rowOf, ids, generations, vectors, computed: sums.size };
}
