import { gramRows } from '../math/gramKernel';
import { kmeans, type KMeansResult } from '../math/kmeans';
import { sampleIndices, seededRandom } from '../math/seededRandom';
import { silhouetteFromSimilarities } from '../math/silhouette';
import { pickRows } from '../math/vectorRows';

/**
 * The library's topics in two levels, from unit document vectors in the library-fitted space: topics
 * by cosine k-means with k chosen by the silhouette, then each topic's sub-topics the same way inside
 * it. Deterministic for a given seed.
 *
 * Why this clustering (bench/topics.ts, cosine silhouette in the fitted space): k-means on the fitted
 * space 0.097 on Cranfield (k = 10) and 0.261 on 420 TeX Live PDFs (k = 3), against k-means on the raw
 * model space 0.068 / 0.250 and the map's former k-means on a PCA-32 reduction 0.072 / 0.250; the full
 * table is in topics/README.md.
 */
export interface TopicFit {
  /** Topic of each row, 0..k-1. */
  topic: Int32Array;
  k: number;
  /** k unit centroids, row-major. */
  centroids: Float32Array;
  /** Sub-topic of each row, 0..subtopics-1; sub-topics of one topic are numbered consecutively. */
  subtopic: Int32Array;
  /** Topic of each sub-topic. */
  subtopicParent: Int32Array;
  /** Mean silhouette (cosine) of the topics, on a sample of at most 1,000 rows. */
  silhouette: number;
  /** The silhouette of every k tried for the topics. */
  scores: Array<{ k: number; silhouette: number }>;
}

/** Rows the silhouette is computed on (n^2 similarities). */
const SAMPLE = 1000;
/** k-means starts per candidate k (best inertia kept). */
const RESTARTS = 2;
const CANDIDATE_K = [2, 3, 4, 5, 6, 7, 8, 9, 10, 12];
/** Most topics; more detail is the sub-topics' job. */
const MAX_TOPICS = 12;
/** Most sub-topics per topic. */
const MAX_SUBTOPICS = 6;
/** Below this mean silhouette the data has no substantial cluster structure (Kaufman & Rousseeuw). */
const WEAK_STRUCTURE = 0.25;
/** Topics smaller than this keep one sub-topic. */
const MIN_SPLIT = 8;

function fit(data: Float32Array, rows: number, dims: number, k: number, seed: number): KMeansResult {
  let best = kmeans(data, rows, dims, k, { seed, metric: 'cosine', maxIterations: 25, sampleSize: 4000 });
  for (let r = 1; r < RESTARTS; r++) {
    const again = kmeans(data, rows, dims, k, {
      seed: seed + 1000 * r,
      metric: 'cosine',
      maxIterations: 25,
      sampleSize: 4000,
    });
    if (again.inertia < best.inertia) best = again;
  }
  return best;
}

interface KChoice {
  fit: KMeansResult;
  silhouette: number;
  scores: Array<{ k: number; silhouette: number }>;
}

/**
 * k-means for each candidate k in [2, maxK], scored by the silhouette on a sample; the best k wins.
 * When even the best is weak (< 0.25, usual for text embeddings, where the silhouette then peaks at
 * k = 2 or 3 and says little), the best k at or above `floor` wins instead: a readable number of groups.
 */
export function chooseK(
  data: Float32Array,
  rows: number,
  dims: number,
  maxK: number,
  floor: number,
  seed: number,
): KChoice | null {
  const candidates = CANDIDATE_K.filter((k) => k <= maxK && k < rows);
  if (candidates.length === 0) return null;
  const sampleRows = rows <= SAMPLE ? null : sampleIndices(rows, SAMPLE, seededRandom(seed));
  const s = sampleRows ? sampleRows.length : rows;
  const sample = sampleRows ? pickRows(data, dims, sampleRows) : data;
  const sims = new Float32Array(s * s);
  gramRows({ a: sample, b: sample, bRows: s, dims, symmetric: true, rowStart: 0, rowEnd: s, out: sims });
  const tried: Array<{ k: number; silhouette: number; fit: KMeansResult }> = [];
  for (const k of candidates) {
    const f = fit(data, rows, dims, k, seed + k);
    const labels = sampleRows
      ? Int32Array.from(sampleRows, (r) => f.assignments[r] as number)
      : f.assignments;
    tried.push({ k, silhouette: silhouetteFromSimilarities(sims, s, labels, k), fit: f });
  }
  let best = tried.reduce((a, b) => (b.silhouette > a.silhouette + 1e-3 ? b : a));
  if (best.silhouette < WEAK_STRUCTURE) {
    const readable = tried.filter((t) => t.k >= floor);
    if (readable.length > 0) best = readable.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
  }
  return {
    fit: best.fit,
    silhouette: best.silhouette,
    scores: tried.map(({ k, silhouette }) => ({ k, silhouette })),
  };
}

/** Topics and sub-topics of `rows` unit vectors (see TopicFit). */
export function fitTopics(data: Float32Array, rows: number, dims: number, seed = 1): TopicFit {
  // A readable number of topics for weak structure: ~sqrt(n / 20), between 2 and 8.
  const floor = Math.min(8, Math.max(2, Math.round(Math.sqrt(rows / 20))));
  const top =
    rows >= 6 ? chooseK(data, rows, dims, Math.min(MAX_TOPICS, Math.floor(rows / 3)), floor, seed) : null;
  const k = top ? top.fit.k : 1;
  const topic = top ? top.fit.assignments : new Int32Array(rows);
  const centroids = top ? top.fit.centroids : meanDirection(data, rows, dims);
  const subtopic = new Int32Array(rows);
  const parents: number[] = [];
  for (let t = 0; t < k; t++) {
    const members: number[] = [];
    for (let i = 0; i < rows; i++) if (topic[i] === t) members.push(i);
    const subFloor = Math.min(4, Math.max(2, Math.round(Math.sqrt(members.length / 10))));
    const sub =
      members.length >= MIN_SPLIT
        ? chooseK(
            pickRows(data, dims, members),
            members.length,
            dims,
            Math.min(MAX_SUBTOPICS, Math.floor(members.length / 4)),
            subFloor,
            seed + 7 * (t + 1),
          )
        : null;
    const base = parents.length;
    const subK = sub ? sub.fit.k : 1;
    for (let s = 0; s < subK; s++) parents.push(t);
    members.forEach((row, m) => (subtopic[row] = base + (sub ? (sub.fit.assignments[m] as number) : 0)));
  }
  return {
    topic,
    k,
    centroids,
    subtopic,
    subtopicParent: Int32Array.from(parents),
    silhouette: top?.silhouette ?? 0,
    scores: top?.scores ?? [],
  };
}

function meanDirection(data: Float32Array, rows: number, dims: number): Float32Array {
  const out = new Float32Array(dims);
  for (let i = 0; i < rows; i++)
    for (let d = 0; d < dims; d++) out[d] = (out[d] as number) + (data[i * dims + d] as number);
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += (out[d] as number) ** 2;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let d = 0; d < dims; d++) out[d] = (out[d] as number) * scale;
  return out;
}
