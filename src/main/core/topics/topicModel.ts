import type { Subtopic, Topic, TopicModelSummary } from '../../../shared/api/methods/topics';
import type { ClusterBand } from './clusterOrder';
import type { TermIndex } from './keyTerms';
import { labelTopics } from './topicLabels';

/**
 * The library's one topic model for one embedding model at one data version: the two-level
 * clustering of its documents (topics/topicClustering.ts, run in the similarity worker) with labels
 * at both levels (topics/topicLabels.ts). Stored by store/topicFiles.ts; served by SimilarityService.
 */
export const TOPIC_MODEL_FORMAT = 1;

export interface TopicModel extends TopicModelSummary {
  format: number;
  /** The embedding model's fingerprint (a re-imported model under the same id is another space). */
  fingerprint: string;
  /** Documents in the model, in row order. */
  docIds: string[];
  /** Topic id of each document (row). */
  topic: Int32Array;
  /** Sub-topic id of each document (row). */
  subtopic: Int32Array;
  /** Heatmap order: rows by topic (similar topics adjacent, the most typical document first). */
  order: Int32Array;
  bands: ClusterBand[];
}

/** The numeric part, as the worker returns it (topic ids already in display order). */
export interface TopicClusters {
  topic: Int32Array;
  subtopic: Int32Array;
  subtopicParent: Int32Array;
  k: number;
  order: Int32Array;
  bands: ClusterBand[];
  silhouette: number;
}

export interface TopicModelInput {
  model: { id: string; fingerprint: string };
  dataVersion: string;
  docIds: string[];
  /** Titles by row: the label of a topic whose documents share no usable term. */
  titles: string[];
  clusters: TopicClusters;
  terms: TermIndex;
}

/** Labels both levels and assembles the stored model. */
export function buildTopicModel(input: TopicModelInput): TopicModel {
  const { clusters, docIds, titles } = input;
  const k = clusters.k;
  const subK = clusters.subtopicParent.length;
  const topicMembers: string[][] = Array.from({ length: k }, () => []);
  const subMembers: string[][] = Array.from({ length: subK }, () => []);
  const firstRow = new Int32Array(k).fill(-1);
  docIds.forEach((id, row) => {
    const t = clusters.topic[row] as number;
    topicMembers[t]?.push(id);
    subMembers[clusters.subtopic[row] as number]?.push(id);
  });
  // The first row of each band is the topic's most typical document.
  for (const band of clusters.bands) firstRow[band.cluster] = clusters.order[band.start] as number;
  const fallback = (t: number) => {
    const row = firstRow[t] as number;
    return row >= 0 ? (titles[row] ?? `topic ${t + 1}`).slice(0, 60) : `topic ${t + 1}`;
  };
  const topicLabels = labelTopics(input.terms, topicMembers, { fallback });
  // Sub-topics are labelled against the whole library too, never repeating their topic's words.
  const subLabels = labelTopics(input.terms, subMembers, {
    exclude: (s) => topicLabels[clusters.subtopicParent[s] as number]?.terms ?? [],
    fallback: (s) => `${topicLabels[clusters.subtopicParent[s] as number]?.label ?? 'topic'} · ${s + 1}`,
  });
  const topics: Topic[] = topicLabels.map((l, id) => ({
    id,
    label: l.label,
    terms: l.terms,
    size: topicMembers[id]?.length ?? 0,
    subtopics: [],
  }));
  const subtopics: Subtopic[] = subLabels.map((l, id) => {
    const topic = clusters.subtopicParent[id] as number;
    topics[topic]?.subtopics.push(id);
    return { id, topic, label: l.label, terms: l.terms, size: subMembers[id]?.length ?? 0 };
  });
  return {
    format: TOPIC_MODEL_FORMAT,
    model: input.model.id,
    fingerprint: input.model.fingerprint,
    dataVersion: input.dataVersion,
    computedAt: Date.now(),
    topics,
    subtopics,
    documents: docIds.length,
    silhouette: clusters.silhouette,
    docIds,
    topic: clusters.topic,
    subtopic: clusters.subtopic,
    order: clusters.order,
    bands: clusters.bands,
  };
}

/** The contract's view of a model (no per-document arrays). */
export function topicSummary(model: TopicModel): TopicModelSummary {
  return {
    model: model.model,
    dataVersion: model.dataVersion,
    computedAt: model.computedAt,
    topics: model.topics,
    subtopics: model.subtopics,
    documents: model.documents,
    silhouette: model.silhouette,
  };
}

/** Document id -> row in the model. */
export function rowsById(model: TopicModel): Map<string, number> {
  return new Map(model.docIds.map((id, row) => [id, row]));
}

/** Ids of the documents of a topic (or of one of its sub-topics). */
export function documentsOfTopic(model: TopicModel, topic: number, subtopic?: number): Set<string> {
  const out = new Set<string>();
  model.docIds.forEach((id, row) => {
    if (model.topic[row] !== topic) return;
    if (subtopic === undefined || model.subtopic[row] === subtopic) out.add(id);
  });
  return out;
}
