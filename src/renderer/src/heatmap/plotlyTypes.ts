/**
 * The slice of Plotly's API the heatmaps and the explorer use (narrower than the package's own types,
 * so traces can be plain records). Plotly is loaded on demand (loadPlotly), outside the start-up bundle.
 */
export type PlotlyData = Record<string, unknown>;
export type PlotlyLayout = Record<string, unknown>;

export interface PlotlyPoint {
  x: number | string;
  y: number | string;
  z?: number;
  pointIndex?: number | [number, number];
  curveNumber?: number;
}

export interface PlotlyEvent {
  points: PlotlyPoint[];
  event?: MouseEvent;
}

/** The chart's host element once Plotly has drawn into it. */
export interface PlotlyElement extends HTMLDivElement {
  on(event: 'plotly_hover' | 'plotly_click' | 'plotly_unhover', handler: (e: PlotlyEvent) => void): void;
  removeAllListeners?(event: string): void;
}

export interface PlotlyApi {
  react(
    el: HTMLElement,
    data: PlotlyData[],
    layout: PlotlyLayout,
    config?: Record<string, unknown>,
  ): Promise<PlotlyElement>;
  purge(el: HTMLElement): void;
  downloadImage(
    el: HTMLElement,
    options: { format: 'png' | 'svg'; filename: string; width?: number; height?: number },
  ): Promise<string>;
  Plots: { resize(el: HTMLElement): void };
}
