import type { MapLayout } from '../../../shared/api/methods/map';
import { toCsv } from '../components/csvFile';

/** A document in a map selection, as the linked table lists it. */
export interface SelectionRow {
  docId: string;
  title: string;
  /** The topic most of its selected points belong to. */
  topic: string;
  path: string;
  /** Its points in the selection (passages on a passages map, 1 on a documents map). */
  points: number;
  /** The first of them, which the row opens. */
  first: number;
}

/** One row per document behind the selected points, most points first, then by title. */
export function selectionRows(layout: MapLayout, points: readonly number[]): SelectionRow[] {
  const byDoc = new Map<number, { first: number; count: number; topics: Map<number, number> }>();
  for (const p of points) {
    const d = layout.doc[p] as number;
    let entry = byDoc.get(d);
    if (!entry) byDoc.set(d, (entry = { first: p, count: 0, topics: new Map() }));
    entry.count++;
    const c = layout.cluster[p] as number;
    entry.topics.set(c, (entry.topics.get(c) ?? 0) + 1);
  }
  const rows: SelectionRow[] = [];
  for (const [d, entry] of byDoc) {
    const doc = layout.docs[d];
    if (!doc) continue;
    let topic = -1;
    let best = 0;
    for (const [c, n] of entry.topics) if (n > best) [topic, best] = [c, n];
    rows.push({
      docId: doc.id,
      title: doc.title || doc.path,
      topic: layout.clusters[topic]?.label ?? '',
      path: doc.path,
      points: entry.count,
      first: entry.first,
    });
  }
  return rows.sort((a, b) => b.points - a.points || a.title.localeCompare(b.title));
}

/** The table as CSV: title, topic, path and (passages maps) how many passages were selected. */
export function selectionCsv(rows: readonly SelectionRow[], level: MapLayout['level']): string {
  const header = ['title', 'topic', 'path', ...(level === 'chunks' ? ['passages'] : [])];
  return toCsv(
    header,
    rows.map((r) => [r.title, r.topic, r.path, ...(level === 'chunks' ? [r.points] : [])]),
  );
}
