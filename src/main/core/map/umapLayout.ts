import { findABParams } from 'umap-js/dist/umap';
import type { FuzzyGraph } from './umapGraph';

/**
 * UMAP's layout optimisation (umap-learn's optimize_layout_euclidean, as in umap-js) over flat typed
 * arrays: attractive moves along the graph's edges, each sampled in proportion to its weight, and
 * negative samples pushing random pairs apart, with a learning rate decaying linearly to zero.
 *
 * Differences from umap-js, all for speed or stability at 100k points: coordinates live in one
 * Float32Array instead of an array of arrays, the power b of the curve is done with exp/log once per
 * pair, and the start is the PCA layout (scaled to [0, 10] per axis, as umap-learn scales its spectral
 * init) rather than uniform noise, so the global arrangement follows the data's main axes.
 */
export interface UmapLayoutOptions {
  dims: number;
  /** Default: 500 epochs up to 10k points, 200 beyond (umap-learn's rule). */
  epochs?: number;
  minDist?: number;
  spread?: number;
  negativeSampleRate?: number;
  learningRate?: number;
  repulsionStrength?: number;
  seed?: number;
  /** Called after every epoch; return false to stop early (cancel). */
  onEpoch?: (epoch: number, total: number) => boolean | void;
}

export function defaultEpochs(n: number): number {
  return n <= 10_000 ? 500 : 200;
}

/** Scales each axis of `coords` (n x dims) to [0, 10], as umap-learn does with its initialisation. */
export function scaleToBox(coords: Float32Array, n: number, dims: number, size = 10): Float32Array {
  const out = new Float32Array(coords.length);
  for (let c = 0; c < dims; c++) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = coords[i * dims + c] as number;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const span = max - min || 1;
    for (let i = 0; i < n; i++) out[i * dims + c] = (size * ((coords[i * dims + c] as number) - min)) / span;
  }
  return out;
}

/** xorshift32: the optimiser draws tens of millions of negative samples; this is the cheapest seedable RNG. */
function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

/**
 * Optimises `init` (n x dims, already in a ~[0, 10] box) against the graph and returns the layout.
 * Edges lighter than max / epochs are dropped, as in umap-learn (they would never be sampled).
 */
export function optimizeUmapLayout(
  graph: FuzzyGraph,
  init: Float32Array,
  options: UmapLayoutOptions,
): Float32Array {
  const { n } = graph;
  const dims = options.dims;
  const epochs = options.epochs ?? defaultEpochs(n);
  const { a, b } = findABParams(options.spread ?? 1, options.minDist ?? 0.1);
  const negativeRate = options.negativeSampleRate ?? 5;
  const initialAlpha = options.learningRate ?? 1;
  const gamma = options.repulsionStrength ?? 1;
  const random = xorshift(options.seed ?? 42);
  const y = Float32Array.from(init);

  let maxWeight = 0;
  for (const w of graph.weights) if (w > maxWeight) maxWeight = w;
  const keep: number[] = [];
  for (let e = 0; e < graph.weights.length; e++) {
    if ((graph.weights[e] as number) >= maxWeight / epochs) keep.push(e);
  }
  const m = keep.length;
  const heads = new Int32Array(m);
  const tails = new Int32Array(m);
  const epochsPerSample = new Float64Array(m);
  keep.forEach((e, i) => {
    heads[i] = graph.heads[e] as number;
    tails[i] = graph.tails[e] as number;
    epochsPerSample[i] = maxWeight / (graph.weights[e] as number);
  });
  const nextSample = Float64Array.from(epochsPerSample);
  const epochsPerNegative = epochsPerSample.map((v) => v / negativeRate);
  const nextNegative = Float64Array.from(epochsPerNegative);
  const clip = (v: number) => (v > 4 ? 4 : v < -4 ? -4 : v);
  const bMinus1 = b - 1;

  for (let epoch = 0; epoch < epochs; epoch++) {
    const alpha = initialAlpha * (1 - epoch / epochs);
    for (let e = 0; e < m; e++) {
      if ((nextSample[e] as number) > epoch) continue;
      const j = (heads[e] as number) * dims;
      const k = (tails[e] as number) * dims;
      let d2 = 0;
      for (let c = 0; c < dims; c++) {
        const diff = (y[j + c] as number) - (y[k + c] as number);
        d2 += diff * diff;
      }
      if (d2 > 0) {
        const logD2 = Math.log(d2);
        const coeff = (-2 * a * b * Math.exp(bMinus1 * logD2)) / (a * Math.exp(b * logD2) + 1);
        for (let c = 0; c < dims; c++) {
          const grad = clip(coeff * ((y[j + c] as number) - (y[k + c] as number))) * alpha;
          y[j + c] = (y[j + c] as number) + grad;
          y[k + c] = (y[k + c] as number) - grad;
        }
      }
      nextSample[e] = (nextSample[e] as number) + (epochsPerSample[e] as number);

      const negatives = Math.floor((epoch - (nextNegative[e] as number)) / (epochsPerNegative[e] as number));
      for (let p = 0; p < negatives; p++) {
        const other = (random() % n) * dims;
        if (other === j) continue;
        let nd2 = 0;
        for (let c = 0; c < dims; c++) {
          const diff = (y[j + c] as number) - (y[other + c] as number);
          nd2 += diff * diff;
        }
        if (nd2 > 0) {
          const coeff = (2 * gamma * b) / ((0.001 + nd2) * (a * Math.exp(b * Math.log(nd2)) + 1));
          for (let c = 0; c < dims; c++) {
            y[j + c] =
              (y[j + c] as number) + clip(coeff * ((y[j + c] as number) - (y[other + c] as number))) * alpha;
          }
        } else {
          for (let c = 0; c < dims; c++) y[j + c] = (y[j + c] as number) + 4 * alpha;
        }
      }
      if (negatives > 0)
        nextNegative[e] = (nextNegative[e] as number) + negatives * (epochsPerNegative[e] as number);
    }
    if (options.onEpoch?.(epoch + 1, epochs) === false) break;
  }
  return y;
}
