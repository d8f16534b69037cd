import { useEffect, useRef, useState } from 'react';
import type { ExploreMap } from '../../../shared/api/methods/explore';
import { loadPlotly } from '../heatmap/loadPlotly';
import { PALETTE } from '../map/mapColors';
import type { PlotlyApi } from '../heatmap/plotlyTypes';
import { useResolvedTheme } from '../theme/ThemeContext';

/**
 * The analogy on a 2D projection of the library (PCA of this model's document vectors, the Map
 * engine's PCA): documents as grey dots, each + part (green) and - part (red), an arrow from every
 * part to where the arithmetic lands (the star), and the documents of the nearest passages ringed.
 * For `A - B + C` the arrows B -> A and C -> result are the two sides of the analogy parallelogram.
 */
export function AnalogyScatter({ map }: { map: ExploreMap }) {
  const host = useRef<HTMLDivElement>(null);
  const [plotly, setPlotly] = useState<PlotlyApi | null>(null);
  // Colours are read from the page's CSS when drawing: redraw when the theme changes.
  const theme = useResolvedTheme();

  useEffect(() => {
    let live = true;
    loadPlotly().then(
      (p) => live && setPlotly(p),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const el = host.current;
    if (!plotly || !el) return;
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < map.points.length; i += 2) {
      xs.push(map.points[i] as number);
      ys.push(map.points[i + 1] as number);
    }
    const parts = (sign: 1 | -1) => map.parts.filter((p) => p.sign === sign);
    const partTrace = (sign: 1 | -1, colour: string, name: string) => ({
      type: 'scatter',
      mode: 'markers+text',
      name,
      x: parts(sign).map((p) => p.x),
      y: parts(sign).map((p) => p.y),
      text: parts(sign).map((p) => (sign === 1 ? `+ ${p.label}` : `− ${p.label}`)),
      textposition: 'top center',
      marker: { size: 12, color: colour },
      hoverinfo: 'text',
    });
    const data = [
      {
        type: 'scatter',
        mode: 'markers',
        name: 'documents',
        x: xs,
        y: ys,
        // Coloured by the library's topics (the map's colours), topic named on hover.
        text: map.pointLabels.map((title, i) => `${title}<br>${map.topics[map.pointTopics[i] ?? -1] ?? ''}`),
        hoverinfo: 'text',
        marker: {
          size: 5,
          opacity: 0.55,
          color: Array.from(map.pointTopics, (t) => (t >= 0 ? PALETTE[t % PALETTE.length] : '#8c8c96')),
        },
      },
      {
        type: 'scatter',
        mode: 'markers',
        name: 'nearest',
        x: map.neighbours.map((n) => n.x),
        y: map.neighbours.map((n) => n.y),
        text: map.neighbours.map((n) => n.label),
        hoverinfo: 'text',
        marker: { size: 11, color: 'rgba(0,0,0,0)', line: { color: '#e08a00', width: 2 } },
      },
      partTrace(1, '#1e9e4a', '+ parts'),
      partTrace(-1, '#d23c3c', '− parts'),
      {
        type: 'scatter',
        mode: 'markers+text',
        name: 'result',
        x: [map.result.x],
        y: [map.result.y],
        text: [map.result.label],
        textposition: 'bottom center',
        marker: { size: 18, symbol: 'star', color: '#3257d6' },
        hoverinfo: 'text',
      },
    ];
    const arrow = (
      from: { x: number; y: number },
      to: { x: number; y: number },
      colour: string,
      dash = false,
    ) => ({
      x: to.x,
      y: to.y,
      ax: from.x,
      ay: from.y,
      xref: 'x',
      yref: 'y',
      axref: 'x',
      ayref: 'y',
      showarrow: true,
      arrowhead: 3,
      arrowsize: 1.2,
      arrowwidth: dash ? 1.5 : 2,
      arrowcolor: colour,
      text: '',
      opacity: dash ? 0.6 : 0.9,
    });
    const plus = parts(1);
    const minus = parts(-1);
    const annotations =
      plus.length === 2 && minus.length === 1
        ? [arrow(minus[0]!, plus[0]!, '#d23c3c'), arrow(plus[1]!, map.result, '#3257d6')]
        : map.parts.map((p) => arrow(p, map.result, p.sign === 1 ? '#1e9e4a' : '#d23c3c', p.sign === -1));
    const layout = {
      height: 460,
      margin: { l: 30, r: 10, t: 10, b: 30 },
      showlegend: true,
      legend: { orientation: 'h', y: -0.08 },
      xaxis: { zeroline: false, showticklabels: false, title: { text: 'PC 1' } },
      yaxis: { zeroline: false, showticklabels: false, title: { text: 'PC 2' } },
      annotations,
      paper_bgcolor: 'rgba(0,0,0,0)',
      plot_bgcolor: 'rgba(0,0,0,0)',
      font: { color: getComputedStyle(el).color },
    };
    void plotly.react(el, data, layout, { displaylogo: false, responsive: true });
  }, [plotly, map, theme]);

  useEffect(() => {
    const el = host.current;
    return () => {
      if (plotly && el) plotly.purge(el);
    };
  }, [plotly]);

  return (
    <div
      ref={host}
      className="analogy-scatter"
      data-testid="analogy-scatter"
      // A group, not an img: Plotly puts focusable tool buttons inside the plot.
      role="group"
      aria-label="The analogy on a 2D map of the library"
    />
  );
}
