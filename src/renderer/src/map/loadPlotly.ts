import type * as PlotlyModule from 'plotly.js-dist-min/lib/index';

/**
 * Plotly's own (bundled, v4) types, by file: src/renderer/src/heatmap/plotlyModule.d.ts declares an
 * ambient 'plotly.js-dist-min' module with a narrower API, which shadows the package's types for that
 * specifier.
 */
export type Plotly = typeof PlotlyModule;

let loading: Promise<Plotly> | null = null;

/**
 * Loads Plotly on first use: it is ~4.6 MB and only the Map (and Heatmap) screens need it. Vite bundles it from
 * node_modules into our own origin (CSP `script-src 'self'`); its WebGL traces (scatter3d through
 * gl-plot3d, scattergl through regl) ship precompiled, so nothing in them calls eval or new Function
 * and the CSP needs no 'unsafe-eval' (tests/e2e/map.test.ts fails on any CSP violation).
 */
export function loadPlotly(): Promise<Plotly> {
  loading ??= import('plotly.js-dist-min').then(
    (m) => ((m as unknown as { default?: Plotly }).default ?? m) as unknown as Plotly,
  );
  loading.catch(() => (loading = null));
  return loading;
}
