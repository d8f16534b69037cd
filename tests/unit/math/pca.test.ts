import { describe, expect, it } from 'vitest';
import { fitPca, projectPca } from '../../../src/main/core/math/pca';
import { seededRandom } from '../../../src/main/core/math/seededRandom';
import { gaussian, unitBlobs } from '../map/blobs';

function dot(a: Float32Array, ai: number, b: Float32Array, bi: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) s += (a[ai + k] as number) * (b[bi + k] as number);
  return s;
}

describe('PCA', () => {
  it('recovers planted axes in order of their variance, with the explained share', () => {
    // Points spread 5 / 3 / 1 along three orthogonal random directions in 64-d, plus small noise.
    const d = 64;
    const n = 3000;
    const random = seededRandom(4);
    const axes = new Float32Array(3 * d);
    for (let a = 0; a < 3; a++) {
      for (let k = 0; k < d; k++) axes[a * d + k] = gaussian(random);
      for (let p = 0; p < a; p++) {
        const proj = dot(axes, a * d, axes, p * d, d);
        for (let k = 0; k < d; k++)
          axes[a * d + k] = (axes[a * d + k] as number) - proj * (axes[p * d + k] as number);
      }
      const norm = Math.sqrt(dot(axes, a * d, axes, a * d, d));
      for (let k = 0; k < d; k++) axes[a * d + k] = (axes[a * d + k] as number) / norm;
    }
    const spread = [5, 3, 1];
    const data = new Float32Array(n * d);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < d; k++) data[i * d + k] = 0.05 * gaussian(random) + 2;
      for (let a = 0; a < 3; a++) {
        const t = (spread[a] as number) * gaussian(random);
        for (let k = 0; k < d; k++)
          data[i * d + k] = (data[i * d + k] as number) + t * (axes[a * d + k] as number);
      }
    }
    const pca = fitPca(data, n, d, 3, { sample: 2000 });
    for (let a = 0; a < 3; a++)
      expect(Math.abs(dot(pca.basis, a * d, axes, a * d, d))).toBeGreaterThan(0.995);
    const [e1, e2, e3] = pca.explained as [number, number, number];
    expect(e1).toBeGreaterThan(e2);
    expect(e2).toBeGreaterThan(e3);
    // Variances 25 : 9 : 1 (+ noise) of a total of ~35.2.
    expect(e1).toBeCloseTo(25 / 35.2, 1);
    // The projection of the mean is the origin; a step along axis 0 shows up on coordinate 0 only.
    const probe = Float32Array.from(pca.mean, (m, k) => m + 2 * (axes[k] as number));
    const y = projectPca(pca, probe, 1);
    expect(Math.abs(y[0] as number)).toBeCloseTo(2, 2);
    expect(Math.abs(y[1] as number)).toBeLessThan(0.05);
  });

  it('is deterministic and never mirrors a refit (sign convention)', () => {
    const { vectors, n, dims } = unitBlobs(1200, 6, 48);
    const a = fitPca(vectors, n, dims, 3);
    const b = fitPca(vectors, n, dims, 3);
    expect(Array.from(projectPca(a, vectors, n))).toEqual(Array.from(projectPca(b, vectors, n)));
    // A larger sample changes the estimate a little but keeps every axis pointing the same way.
    const c = fitPca(vectors, n, dims, 3, { sample: 1200, seed: 99 });
    for (let axis = 0; axis < 3; axis++)
      expect(dot(a.basis, axis * dims, c.basis, axis * dims, dims)).toBeGreaterThan(0.9);
  });

  it('a plane fitted on a sample shows (almost) as much of the data as one fitted on all rows', () => {
    // With ten clusters the leading eigenvalues nearly tie, so "the" plane is ill-defined; what a map
    // needs is that the sampled plane spreads the points as much: compare the variance each captures.
    const { vectors, n, dims } = unitBlobs(12_000, 10, 96);
    const captured = (pca: ReturnType<typeof fitPca>) => {
      const y = projectPca(pca, vectors, n);
      let sum = 0;
      for (const v of y) sum += v * v;
      return sum / n;
    };
    const sampled = captured(fitPca(vectors, n, dims, 2, { sample: 4096 }));
    const full = captured(fitPca(vectors, n, dims, 2, { sample: n }));
    expect(sampled / full).toBeGreaterThan(0.99);
    expect(sampled / full).toBeLessThanOrEqual(1.000001);
  });
});
