import { z } from 'zod';
import { method } from '../define';

/**
 * `topics.*`: the library's one topic model (per library, model and data version): what the map
 * colours by, what orders and groups every heatmap, what explore colours its points by and what the
 * Library table filters on. Two levels: topics, and sub-topics inside each topic.
 */

export interface Topic {
  /** 0..topics-1, in display order: neighbouring ids are similar topics. */
  id: number;
  /** Distinctive terms joined for display, e.g. "boundary layer · drag · wing". Unique in the library. */
  label: string;
  terms: string[];
  /** Documents in the topic. */
  size: number;
  /** Ids of its sub-topics (into `TopicModelSummary.subtopics`). */
  subtopics: number[];
}

export interface Subtopic {
  /** 0..subtopics-1; the sub-topics of one topic have consecutive ids. */
  id: number;
  /** Its topic's id. */
  topic: number;
  /** Finer terms than its topic's (never repeating the topic's words), unique in the library. */
  label: string;
  terms: string[];
  size: number;
}

export interface TopicModelSummary {
  model: string;
  /** Library data version the topics were computed at. */
  dataVersion: string;
  computedAt: number;
  topics: Topic[];
  subtopics: Subtopic[];
  /** Documents in the model. */
  documents: number;
  /** Mean silhouette (cosine, library-fitted space, on a sample) of the topics; 0 with one topic. */
  silhouette: number;
}

/** A document's place in the topic model (DocumentSummary.topic, map points). */
export interface DocumentTopic {
  topic: number;
  subtopic: number;
}

export const topicFilter = z
  .object({
    /** Topic id (TopicModelSummary.topics[].id). */
    topic: z.number().int().min(0),
    /** Narrows to one of the topic's sub-topics. */
    subtopic: z.number().int().min(0).optional(),
    /** Model id; default: the library's default model. */
    model: z.string().max(200).optional(),
  })
  .strict();

export const topicMethods = {
  /**
   * The topic model of a model's documents at the library's current data version. Computed once in a
   * worker and stored with the library's derived data (index/topics/); later calls (and restarts)
   * read it back. NOT_FOUND while the library is empty.
   */
  'topics.get': method<TopicModelSummary>()(z.object({ model: z.string().max(200).optional() }).strict()),
};
