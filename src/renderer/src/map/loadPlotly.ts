import type * as PlotlyModule from 'plotly.js-dist-min/lib/index';

/**
 * Plotly's own v4 types, taken by file from plotly.js-dist-min (the strict build has none; and
 * src/renderer/src/heatmap/plotlyModule.d.ts declares a narrower ambient 'plotly.js-dist-min' module
 * that shadows the package's types under that name).
 */
export type Plotly = typeof PlotlyModule;

let loading: Promise<Plotly> | null = null;

/**
 * Loads Plotly on first use: it is ~4.6 MB and only the Map screen needs it. Vite bundles it from
 * node_modules into our own origin (CSP `script-src 'self'`).
 *
 * The "strict" build, not plotly.js-dist-min: the standard bundle's scattergl (the 2D map) compiles
 * its regl draw commands with `new Function`, which the CSP refuses ("script-src eval" violations,
 * and no points drawn). Rather than add 'unsafe-eval' to the CSP of every page, the map loads
 * Plotly's own CSP-safe build, whose regl shaders are precompiled; scatter3d (gl-plot3d) needs no
 * eval in either. tests/e2e/map.test.ts fails on any CSP violation.
 */
export function loadPlotly(): Promise<Plotly> {
  loading ??= import('plotly.js-strict-dist-min').then(
    (m) => ((m as unknown as { default?: Plotly }).default ?? m) as unknown as Plotly,
  );
  loading.catch(() => (loading = null));
  return loading;
}
