import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/main/core/math/seededRandom';
import { LibraryStore } from '../../../src/main/core/store/libraryStore';
import { readVectorSpace, writeVectorSpace } from '../../../src/main/core/store/vectorSpaceFiles';
import { chunkSpace, loadOrFitSpace } from '../../../src/main/core/vectorSpace/librarySpace';
import { applyVectorSpace, fitVectorSpace } from '../../../src/main/core/vectorSpace/vectorSpace';
import { TEST_MODEL, makeChunks, makeDoc, makeTempDir } from '../store/libraryFixtures';

const DIMS = 32;
const IDENTITY = { modelId: 'm', fingerprint: 'fp', dims: DIMS, level: 'document' as const, version: 'v1' };

/** Unit vectors that share one strong common direction (as mean-pooled sentence vectors do). */
function sharedDirectionVectors(n: number, seed = 3): Float32Array {
  const random = seededRandom(seed);
  const out = new Float32Array(n * DIMS);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let k = 0; k < DIMS; k++) {
      const v = (k === 0 ? 4 : 0) + (random() - 0.5);
      out[i * DIMS + k] = v;
      sum += v * v;
    }
    for (let k = 0; k < DIMS; k++) out[i * DIMS + k] = (out[i * DIMS + k] as number) / Math.sqrt(sum);
  }
  return out;
}

function medianOffDiagonal(data: Float32Array, dims: number): number {
  const n = data.length / dims;
  const values: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let k = 0; k < dims; k++) s += (data[i * dims + k] as number) * (data[j * dims + k] as number);
      values.push(s);
    }
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] as number;
}

describe('library-fitted vector space', () => {
  it('centring turns "everything looks alike" into spread around zero', () => {
    const data = sharedDirectionVectors(60);
    expect(medianOffDiagonal(data, DIMS)).toBeGreaterThan(0.8);
    const space = fitVectorSpace(IDENTITY, data);
    const mapped = applyVectorSpace(space, data);
    expect(Math.abs(medianOffDiagonal(mapped, DIMS))).toBeLessThan(0.1);
    for (let i = 0; i < 60; i++) {
      let norm = 0;
      for (let k = 0; k < DIMS; k++) norm += (mapped[i * DIMS + k] as number) ** 2;
      expect(norm).toBeCloseTo(1, 5);
    }
  });

  it('maps a query with the same transform as the stored vectors', () => {
    const data = sharedDirectionVectors(40);
    const space = fitVectorSpace(IDENTITY, data);
    const one = applyVectorSpace(space, data.slice(5 * DIMS, 6 * DIMS));
    const all = applyVectorSpace(space, data);
    expect(Array.from(one)).toEqual(Array.from(all.subarray(5 * DIMS, 6 * DIMS)));
  });

  it('all-but-the-top removes the dominant direction of the centred data', () => {
    const data = sharedDirectionVectors(80);
    // Add a second strong shared axis with varying sign: the top principal direction after centring.
    const random = seededRandom(9);
    for (let i = 0; i < 80; i++) data[i * DIMS + 1] = (random() < 0.5 ? -1 : 1) * 3;
    const space = fitVectorSpace(IDENTITY, data, { removeTop: 1 });
    expect(space.removed).toBe(1);
    expect(Math.abs(space.directions[1] as number)).toBeGreaterThan(0.95);
    const mapped = applyVectorSpace(space, data);
    for (let i = 0; i < 80; i++) {
      let along = 0;
      for (let k = 0; k < DIMS; k++)
        along += (mapped[i * DIMS + k] as number) * (space.directions[k] as number);
      expect(Math.abs(along)).toBeLessThan(1e-5);
      expect(Math.abs(mapped[i * DIMS + 1] as number)).toBeLessThan(0.05);
    }
  });

  describe('persistence', () => {
    let cleanup = (): void => {};
    afterEach(() => cleanup());

    it('a saved space reads back equal; a refit happens only when the data version changes', () => {
      const temp = makeTempDir();
      cleanup = temp.cleanup;
      const model = { id: 'm', dims: DIMS, fingerprint: 'fp' };
      const first = loadOrFitSpace(temp.dir, model, 'document', 'data-1', sharedDirectionVectors(30, 1));
      const again = loadOrFitSpace(temp.dir, model, 'document', 'data-1', sharedDirectionVectors(30, 2));
      expect(Array.from(again.mean)).toEqual(Array.from(first.mean)); // stored, not refitted
      const next = loadOrFitSpace(temp.dir, model, 'document', 'data-2', sharedDirectionVectors(30, 2));
      expect(Array.from(next.mean)).not.toEqual(Array.from(first.mean));
      expect(readVectorSpace(temp.dir, 'm', 'document')?.version).toBe(next.version);
      // Another model's fingerprint never reuses the file.
      const other = loadOrFitSpace(
        temp.dir,
        { ...model, fingerprint: 'fp2' },
        'document',
        'data-2',
        sharedDirectionVectors(30, 5),
      );
      expect(other.fingerprint).toBe('fp2');
      writeVectorSpace(temp.dir, first);
      expect(readVectorSpace(temp.dir, 'm', 'chunk')).toBeNull();
    });

    it('fits the chunk space from a real LanceDB library and refits after the vectors change', async () => {
      const temp = makeTempDir();
      cleanup = temp.cleanup;
      const store = await LibraryStore.open(temp.dir);
      try {
        const vectorsOf = (n: number, seed: number) => {
          const data = sharedDirectionVectors(n, seed).slice(0, n * DIMS);
          const dims = TEST_MODEL.dims;
          return Array.from({ length: n }, (_, i) => data.slice(i * DIMS, i * DIMS + dims));
        };
        const chunks = makeChunks(['a', 'b', 'c', 'd']);
        await store.upsertDocument(makeDoc('one.txt'), chunks, [
          { model: TEST_MODEL, vectors: vectorsOf(4, 1) },
        ]);
        const space = await chunkSpace(store, TEST_MODEL.id);
        expect(space.rows).toBe(4);
        expect(space.level).toBe('chunk');
        expect(readVectorSpace(store.indexDir, TEST_MODEL.id, 'chunk')?.version).toBe(space.version);
        const more = makeChunks(['e', 'f']);
        await store.upsertDocument(makeDoc('two.txt'), more, [
          { model: TEST_MODEL, vectors: vectorsOf(2, 2) },
        ]);
        const refit = await chunkSpace(store, TEST_MODEL.id);
        expect(refit.rows).toBe(6);
        expect(refit.version).not.toBe(space.version);
      } finally {
        await store.close();
      }
    });
  });
});
