/**
 * Deterministic synthetic embeddings for index tests and the search bench.
 *
 * Uniform random vectors in 512-d have no neighbourhood structure (every pair is ~orthogonal), which
 * is both unrealistic and needlessly hard for HNSW. Real sentence embeddings are clumped: topics,
 * subtopics within topics, near-duplicates. This generator draws topic centres, subtopic centres around
 * them and points around subtopics, then normalises. With the defaults (subSpread 1.0, noise 1.2) the
 * mean cosine to the 1st / 10th nearest neighbour is ~0.62 / ~0.59 and between random pairs ~0.00,
 * close to what MiniLM gives on a mixed document collection (random pairs there sit a little higher).
 */

import { seededRandom } from '../../src/main/core/math/seededRandom';

export { seededRandom };

export function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
}

export interface ClusterOptions {
  dims: number;
  seed: number;
  /** Points per subtopic on average (default 25). */
  pointsPerSubtopic?: number;
  subtopicsPerTopic?: number;
  subSpread?: number;
  noise?: number;
}

/** `count` unit vectors, row-major in one Float32Array (offset 0, safe to hand to USearch). */
export function clusteredVectors(count: number, options: ClusterOptions): Float32Array {
  const { dims, seed } = options;
  const perSub = options.pointsPerSubtopic ?? 25;
  const subPerTopic = options.subtopicsPerTopic ?? 20;
  const subSpread = options.subSpread ?? 1.0;
  const noise = options.noise ?? 1.2;
  const random = seededRandom(seed);
  const subtopics = Math.max(1, Math.round(count / perSub));
  const topics = Math.max(1, Math.round(subtopics / subPerTopic));
  const topicCentres = new Float32Array(topics * dims);
  for (let i = 0; i < topicCentres.length; i++) topicCentres[i] = gaussian(random);
  const subCentres = new Float32Array(subtopics * dims);
  for (let s = 0; s < subtopics; s++) {
    const t = s % topics;
    for (let j = 0; j < dims; j++)
      subCentres[s * dims + j] = (topicCentres[t * dims + j] as number) + subSpread * gaussian(random);
  }
  const out = new Float32Array(count * dims);
  for (let i = 0; i < count; i++) {
    const s = Math.floor(random() * subtopics);
    let norm = 0;
    for (let j = 0; j < dims; j++) {
      const v = (subCentres[s * dims + j] as number) + noise * gaussian(random);
      out[i * dims + j] = v;
      norm += v * v;
    }
    const scale = 1 / Math.sqrt(norm);
    for (let j = 0; j < dims; j++) out[i * dims + j] = (out[i * dims + j] as number) * scale;
  }
  return out;
}

/** Row `i` of a row-major matrix as its own (offset 0) array. */
export function row(matrix: Float32Array, dims: number, i: number): Float32Array {
  return matrix.slice(i * dims, (i + 1) * dims);
}
