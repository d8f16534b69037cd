import type { PlotlyApi } from './plotlyTypes';

let loading: Promise<PlotlyApi> | null = null;

/**
 * Plotly, imported on first use (bundled by Vite into a chunk served by Loci itself: no CDN, no
 * network). Seen through the narrow PlotlyApi the heatmaps use. The same CSP-safe strict build the
 * Map screen loads (map/loadPlotly.ts), so the app ships one 4.9 MB Plotly chunk, not two.
 */
export function loadPlotly(): Promise<PlotlyApi> {
  loading ??= import('plotly.js-strict-dist-min').then(
    (m) => ((m as unknown as { default?: PlotlyApi }).default ?? m) as unknown as PlotlyApi,
  );
  loading.catch(() => (loading = null));
  return loading;
}
