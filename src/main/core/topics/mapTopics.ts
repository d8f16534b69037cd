import type { MapCluster, MapLayout } from '../../../shared/api/methods/map';
import { rowsById, type TopicModel } from './topicModel';

/**
 * The library's topic model laid over a computed map: every point takes its document's topic and
 * sub-topic (passages too), and each topic and sub-topic gets its label position on this layout.
 * So the map's colours and labels are the same topics the heatmaps, explore and the Library show.
 * Points whose document the model does not hold yet (added after it was computed) join a last topic
 * "not yet in a topic" (rare: the model is recomputed for every data version).
 */
export function withTopics(layout: MapLayout, model: TopicModel): MapLayout {
  const rowOf = rowsById(model);
  const docTopic = layout.docs.map((d) => {
    const row = rowOf.get(d.id);
    return row === undefined
      ? null
      : { topic: model.topic[row] as number, sub: model.subtopic[row] as number };
  });
  const missingTopic = model.topics.length;
  const missingSub = model.subtopics.length;
  const cluster = new Int32Array(layout.points);
  const subcluster = new Int32Array(layout.points);
  let missing = 0;
  for (let i = 0; i < layout.points; i++) {
    const t = docTopic[layout.doc[i] as number];
    cluster[i] = t ? t.topic : missingTopic;
    subcluster[i] = t ? t.sub : missingSub;
    if (!t) missing++;
  }
  const topics = model.topics.map((t) => ({ id: t.id, label: t.label, terms: t.terms }));
  const subs = model.subtopics.map((s) => ({ id: s.id, label: s.label, terms: s.terms, parent: s.topic }));
  if (missing > 0) {
    topics.push({ id: missingTopic, label: 'not yet in a topic', terms: [] });
    subs.push({ id: missingSub, label: 'not yet in a topic', terms: [], parent: missingTopic });
  }
  return {
    ...layout,
    cluster,
    subcluster,
    clusters: placed(topics, cluster, layout),
    subclusters: placed(subs, subcluster, layout),
  };
}

/** Each group with its size and label position (per-axis median of its points) on the layout. */
function placed(
  groups: Array<Omit<MapCluster, 'size' | 'centre'>>,
  of: Int32Array,
  layout: MapLayout,
): MapCluster[] {
  const members: number[][] = groups.map(() => []);
  of.forEach((g, i) => members[g]?.push(i));
  return groups.map((g, id) => {
    const rows = members[id] as number[];
    const centre = Array.from({ length: layout.dims }, (_, axis) => {
      if (rows.length === 0) return 0;
      const values = Float32Array.from(rows, (i) => layout.coords[i * layout.dims + axis] as number).sort();
      return values[values.length >> 1] as number;
    });
    return { ...g, size: rows.length, centre };
  });
}
