import { seededRandom } from '../math/seededRandom';
import type { LibraryStore } from '../store/libraryStore';
import { UnknownModelError } from '../store/storeErrors';
import { readVectorSpace, writeVectorSpace } from '../store/vectorSpaceFiles';
import { fitVectorSpace, spaceFits, type FitOptions, type SpaceLevel, type VectorSpace } from './vectorSpace';

/**
 * The fitted space of a library for one model, loaded from `index/space/` when it matches the data,
 * otherwise fitted and saved. A space is versioned with the data it was fitted on: a refit happens
 * after the vectors change, never in between, so two views of one data version always agree.
 */

/** Chunk vectors a chunk-level space is fitted on at most (a seeded reservoir sample beyond). */
export const CHUNK_SAMPLE = 20_000;

interface ModelIdentity {
  id: string;
  dims: number;
  fingerprint: string;
}

function versionKey(dataVersion: string, options: FitOptions): string {
  return `${dataVersion}|top${options.removeTop ?? 0}`;
}

/**
 * A space fitted on given vectors (e.g. document vectors) at `dataVersion`: the stored one when it
 * was fitted at this version with these options, else a fresh fit, saved for next time.
 */
export function loadOrFitSpace(
  indexDir: string,
  model: ModelIdentity,
  level: SpaceLevel,
  dataVersion: string,
  vectors: Float32Array,
  options: FitOptions = {},
): VectorSpace {
  const version = versionKey(dataVersion, options);
  const stored = readVectorSpace(indexDir, model.id, level);
  if (stored && stored.version === version && spaceFits(stored, model)) return stored;
  const space = fitVectorSpace(
    { modelId: model.id, fingerprint: model.fingerprint, dims: model.dims, level, version },
    vectors,
    options,
  );
  writeVectorSpace(indexDir, space);
  return space;
}

/**
 * The chunk-level space of a model (what queries and stored chunk vectors are mapped with), fitted on
 * up to CHUNK_SAMPLE of the model's stored vectors, versioned by the vectors table version.
 */
export async function chunkSpace(
  store: LibraryStore,
  modelId: string,
  options: FitOptions = {},
): Promise<VectorSpace> {
  const model = (await store.listModels()).find((m) => m.id === modelId);
  const tableVersion = await store.vectorsVersion(modelId);
  if (!model || tableVersion === null) throw new UnknownModelError(modelId);
  const version = versionKey(`v${tableVersion}`, options);
  const stored = readVectorSpace(store.indexDir, modelId, 'chunk');
  if (stored && stored.version === version && spaceFits(stored, model)) return stored;
  const sample = await sampleVectors(store, modelId, model.dims, CHUNK_SAMPLE);
  return loadOrFitSpace(store.indexDir, model, 'chunk', `v${tableVersion}`, sample, options);
}

/** A seeded reservoir sample of a model's stored vectors (all of them when there are few). */
async function sampleVectors(
  store: LibraryStore,
  modelId: string,
  dims: number,
  max: number,
): Promise<Float32Array> {
  const out = new Float32Array(max * dims);
  const random = seededRandom(17);
  let seen = 0;
  for await (const batch of store.iterateVectors(modelId)) {
    const n = batch.vectors.length / dims;
    for (let i = 0; i < n; i++, seen++) {
      const slot = seen < max ? seen : Math.floor(random() * (seen + 1));
      if (slot < max) out.set(batch.vectors.subarray(i * dims, (i + 1) * dims), slot * dims);
    }
  }
  return out.subarray(0, Math.min(seen, max) * dims);
}
