import { useEffect, useRef, useState } from 'react';
import type { HeatmapAxisItem, HeatmapBand } from '../../../shared/api/methods/heatmap';
import { colourRange } from './colourRange';
import { downloadText, fileStem, heatmapCsv } from './heatmapExport';
import { loadPlotly } from './loadPlotly';
import type { PlotlyApi, PlotlyElement, PlotlyEvent } from './plotlyTypes';
import { useResolvedTheme } from '../theme/ThemeContext';

/** How a heatmap is coloured: a Plotly colour scale and the value range it spans (null: the data's). */
export interface ColourView {
  colorscale: string;
  zmin: number | null;
  zmax: number | null;
}

export interface HeatmapPlotProps {
  title: string;
  rows: HeatmapAxisItem[];
  cols: HeatmapAxisItem[];
  values: Float32Array;
  /** The data's finite range (used where the view says null). */
  range: [number, number];
  view: ColourView;
  rowBands?: HeatmapBand[];
  colBands?: HeatmapBand[];
  /** Square plots (document x document) get their diagonal blocks outlined. */
  symmetric?: boolean;
  onCellClick?: (row: number, col: number) => void;
  testId: string;
  height?: number;
}

/** Every label on the axis up to this many items; above, the cluster bands' labels at their centres. */
const ALL_LABELS_UP_TO = 40;

const short = (label: string, max = 28) => (label.length > max ? `${label.slice(0, max - 1)}…` : label);

function ticks(items: HeatmapAxisItem[], bands: HeatmapBand[] | undefined) {
  if (items.length <= ALL_LABELS_UP_TO)
    return { tickvals: items.map((_, i) => i), ticktext: items.map((it) => short(it.label)) };
  if (bands && bands.length > 0)
    return {
      tickvals: bands.map((b) => b.start + (b.size - 1) / 2),
      ticktext: bands.map((b) => short(b.label, 24)),
    };
  return { tickvals: [], ticktext: [] };
}

/**
 * A similarity matrix as a Plotly heatmap, drawn from the typed array as it arrived (no copy into
 * nested number lists). Hover shows both labels and the score in a tooltip of our own; click reports
 * the cell; PNG and CSV export sit above the plot.
 */
export function HeatmapPlot(props: HeatmapPlotProps) {
  const { title, rows, cols, values, range, view, rowBands, colBands, symmetric, testId } = props;
  const host = useRef<HTMLDivElement>(null);
  const [plotly, setPlotly] = useState<PlotlyApi | null>(null);
  // Colours are read from the page's CSS when drawing: redraw when the theme changes.
  const theme = useResolvedTheme();
  const [error, setError] = useState<string | null>(null);
  const [hover, setHover] = useState<{ row: number; col: number; x: number; y: number } | null>(null);
  const onClick = useRef(props.onCellClick);
  useEffect(() => {
    onClick.current = props.onCellClick;
  });

  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    setWidth(el.clientWidth);
    // Redraw at the new size when the card changes width (rounded, so sub-pixel jitter does not).
    const observer = new ResizeObserver(() =>
      setWidth((w) => (Math.abs(w - el.clientWidth) > 8 ? el.clientWidth : w)),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    let live = true;
    loadPlotly().then(
      (p) => live && setPlotly(p),
      (err: Error) => live && setError(`The chart library did not load: ${err.message}`),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const el = host.current;
    if (!plotly || !el) return;
    const m = cols.length;
    const z = rows.map((_, i) => values.subarray(i * m, (i + 1) * m));
    const yTicks = ticks(rows, rowBands);
    const xTicks = ticks(cols, colBands);
    const labelled = yTicks.ticktext.length > 0;
    const shapes =
      symmetric && rowBands && rowBands.length > 1
        ? rowBands.map((b) => ({
            type: 'rect',
            x0: b.start - 0.5,
            x1: b.start + b.size - 0.5,
            y0: b.start - 0.5,
            y1: b.start + b.size - 0.5,
            // The text colour: dark on the light theme, light on the dark one (white vanished on light).
            line: { color: getComputedStyle(el).color, width: 2 },
          }))
        : [];
    const [zmin, zmax] = colourRange(range, view);
    const trace = {
      type: 'heatmap',
      z,
      colorscale: view.colorscale,
      zmin,
      zmax,
      hoverinfo: 'none',
      colorbar: { thickness: 12, len: 0.9 },
      xgap: rows.length <= 60 ? 1 : 0,
      ygap: rows.length <= 60 ? 1 : 0,
    };
    const margin = { l: labelled ? 190 : 40, r: 10, t: 10, b: xTicks.ticktext.length > 0 ? 150 : 30 };
    // A square plot is as wide as it is high: size it from the card's width so it fills the card
    // (a fixed height left a 400 px plot in a 1,350 px card). 70 px is the colour bar.
    // It also stays within the window's height, so the whole plot can be seen (and hovered) at once.
    const square = Math.round(Math.min(width - margin.l - margin.r - 70, window.innerHeight - 220));
    const height = symmetric
      ? Math.max(props.height ?? 420, Math.min(1100, square + margin.t + margin.b))
      : (props.height ?? 560);
    const layout = {
      height,
      margin,
      xaxis: {
        ...xTicks,
        tickangle: -45,
        tickfont: { size: 10 },
        showgrid: false,
        zeroline: false,
        constrain: 'domain',
      },
      yaxis: {
        ...yTicks,
        autorange: 'reversed',
        tickfont: { size: 10 },
        showgrid: false,
        zeroline: false,
        scaleanchor: symmetric ? 'x' : undefined,
      },
      shapes,
      paper_bgcolor: 'rgba(0,0,0,0)',
      plot_bgcolor: 'rgba(0,0,0,0)',
      font: { color: getComputedStyle(el).color },
    };
    let live = true;
    plotly
      .react(el, [trace], layout, {
        displaylogo: false,
        responsive: true,
        modeBarButtonsToRemove: ['toImage'],
      })
      .then(
        (plot: PlotlyElement) => {
          if (!live) return;
          plot.removeAllListeners?.('plotly_hover');
          plot.removeAllListeners?.('plotly_unhover');
          plot.removeAllListeners?.('plotly_click');
          const cell = (e: PlotlyEvent) => {
            const p = e.points[0];
            return p ? { row: Number(p.y), col: Number(p.x) } : null;
          };
          plot.on('plotly_hover', (e) => {
            const c = cell(e);
            const box = el.getBoundingClientRect();
            if (c)
              setHover({
                ...c,
                x: (e.event?.clientX ?? box.left) - box.left,
                y: (e.event?.clientY ?? box.top) - box.top,
              });
          });
          plot.on('plotly_unhover', () => setHover(null));
          plot.on('plotly_click', (e) => {
            const c = cell(e);
            if (c) onClick.current?.(c.row, c.col);
          });
        },
        (err: Error) => live && setError(err.message),
      );
    return () => {
      live = false;
    };
  }, [plotly, rows, cols, values, range, view, rowBands, colBands, symmetric, props.height, width, theme]);

  useEffect(() => {
    const el = host.current;
    return () => {
      if (plotly && el) plotly.purge(el);
    };
  }, [plotly]);

  const hovered =
    hover && rows[hover.row] && cols[hover.col]
      ? {
          row: rows[hover.row]!,
          col: cols[hover.col]!,
          value: values[hover.row * cols.length + hover.col] as number,
        }
      : null;

  return (
    <figure className="heatmap-figure" data-testid={testId}>
      <figcaption className="heatmap-caption">
        <span>{title}</span>
        <span className="heatmap-actions">
          <button
            type="button"
            disabled={!plotly}
            onClick={() =>
              host.current &&
              plotly?.downloadImage(host.current, {
                format: 'png',
                filename: fileStem(title),
                width: 1400,
                height: 1200,
              })
            }
          >
            Export PNG
          </button>
          <button
            type="button"
            onClick={() => downloadText(`${fileStem(title)}.csv`, heatmapCsv(rows, cols, values))}
          >
            Export CSV
          </button>
        </span>
      </figcaption>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <div className="heatmap-host">
        {/* A group, not an img: Plotly puts focusable tool buttons inside the plot. */}
        <div ref={host} className="heatmap-plot" aria-label={title} role="group" />
        {hovered && hover && (
          <div
            className="heatmap-hover"
            data-testid={`${testId}-hover`}
            style={{ left: hover.x + 14, top: hover.y + 14 }}
          >
            <div className="heatmap-hover-label">{hovered.row.label}</div>
            <div className="heatmap-hover-label">{hovered.col.label}</div>
            <div className="heatmap-hover-score">
              {Number.isFinite(hovered.value) ? hovered.value.toFixed(3) : 'no value'}
            </div>
          </div>
        )}
      </div>
    </figure>
  );
}
