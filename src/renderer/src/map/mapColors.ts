import type { MapLayout } from '../../../shared/api/methods/map';

/** What the points are coloured by (the legend follows the same choice). */
export type ColorMode = 'cluster' | 'folder' | 'kind' | 'date';

/**
 * Twenty categorical colours readable on light and dark backgrounds (Tableau 10 and its light
 * companions, reordered so neighbours in the list differ in hue).
 */
export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#ff7f0e',
  '#7f7f7f',
];

export interface LegendEntry {
  key: string;
  label: string;
  color: string;
  /** Points in this group. */
  count: number;
  /** Point indices in this group (for selecting it). */
  points: number[];
}

export interface Coloring {
  /** One CSS colour per point (categorical modes), or null for a numeric scale. */
  colors: string[] | null;
  /** Numeric value per point for the date scale. */
  values: Float64Array | null;
  legend: LegendEntry[];
  /** Date range for the scale's labels. */
  range: [number, number] | null;
}

function folderName(source: string): string {
  const parts = source.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? source;
}

/** Groups points by a key, most populous first. */
function categorical(
  layout: MapLayout,
  keyOf: (i: number) => string,
  labelOf: (key: string) => string,
): Coloring {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < layout.points; i++) {
    const key = keyOf(i);
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(i);
  }
  const entries = [...groups.entries()];
  entries.sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const legend = entries.map(([key, points], index) => ({
    key,
    label: labelOf(key),
    color: PALETTE[index % PALETTE.length] as string,
    count: points.length,
    points,
  }));
  const colorOf = new Map(legend.map((e) => [e.key, e.color]));
  const colors = Array.from({ length: layout.points }, (_, i) => colorOf.get(keyOf(i)) as string);
  return { colors, values: null, legend, range: null };
}

/** Colours and legend for a layout under a colour mode. */
export function colorPoints(layout: MapLayout, mode: ColorMode): Coloring {
  const docOf = (i: number) => layout.docs[layout.doc[i] as number];
  switch (mode) {
    case 'cluster': {
      // Colour by cluster id, so a cluster keeps its colour when documents are added.
      const colorOf = (c: number) => PALETTE[c % PALETTE.length] as string;
      const members: number[][] = layout.clusters.map(() => []);
      for (let i = 0; i < layout.points; i++) members[layout.cluster[i] as number]?.push(i);
      const legend = layout.clusters.map((c) => ({
        key: String(c.id),
        label: c.label || `Cluster ${c.id + 1}`,
        color: colorOf(c.id),
        count: members[c.id]?.length ?? 0,
        points: members[c.id] ?? [],
      }));
      const colors = Array.from({ length: layout.points }, (_, i) => colorOf(layout.cluster[i] as number));
      return { colors, values: null, legend, range: null };
    }
    case 'folder':
      return categorical(layout, (i) => docOf(i)?.source ?? '', folderName);
    case 'kind':
      return categorical(
        layout,
        (i) => docOf(i)?.kind ?? '',
        (key) => key.toUpperCase(),
      );
    case 'date': {
      const values = Float64Array.from({ length: layout.points }, (_, i) => docOf(i)?.date ?? 0);
      let min = Infinity;
      let max = -Infinity;
      for (const v of values) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
      return { colors: null, values, legend: [], range: layout.points > 0 ? [min, max] : null };
    }
  }
}
