import type { PlotlyApi } from './plotlyTypes';

let loading: Promise<PlotlyApi> | null = null;

/**
 * Plotly, imported on first use (bundled by Vite into a chunk served by Loci itself: no CDN, no
 * network). Seen through the narrow PlotlyApi the heatmaps use; the Map screen has its own loader of
 * the same module (one chunk either way).
 */
export function loadPlotly(): Promise<PlotlyApi> {
  loading ??= import('plotly.js-dist-min').then(
    (m) => ((m as unknown as { default?: PlotlyApi }).default ?? m) as unknown as PlotlyApi,
  );
  loading.catch(() => (loading = null));
  return loading;
}
