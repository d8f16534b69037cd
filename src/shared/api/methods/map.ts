import { z } from 'zod';
import { method } from '../define';
import { documentKinds, type DocumentKind } from './library';

export const mapLevels = ['documents', 'chunks'] as const;
export type MapLevel = (typeof mapLevels)[number];

export const mapProjections = ['pca', 'umap'] as const;
export type MapProjection = (typeof mapProjections)[number];

/** Most points a map holds; beyond it a stable sample is shown (see MapLayout.total / sampled). */
export const MAP_MAX_POINTS = 100_000;

/** A document as the map shows it (hover, colour by folder / kind / date, open in the viewer). */
export interface MapDocument {
  id: string;
  title: string;
  path: string;
  kind: DocumentKind;
  /** The source folder it was added under. */
  source: string;
  /** File modification time, epoch ms. */
  mtime: number;
  /** The document's own date (metadata, else file time), epoch ms: what "colour by date" uses. */
  date: number;
  pages: number;
}

/**
 * A topic (in `MapLayout.clusters`) or a sub-topic (in `MapLayout.subclusters`) of the library's one
 * topic model (`topics.get`), as placed on this map.
 */
export interface MapCluster {
  /** The topic's (or sub-topic's) id in the topic model. */
  id: number;
  /** A few distinctive words joined for display, e.g. "boundary · layer · flow". */
  label: string;
  terms: string[];
  /** Points in the cluster. */
  size: number;
  /** Where its label floats: the per-axis median of its points' coordinates (dims numbers). */
  centre: number[];
  /** Sub-topics only: the id of the topic it belongs to (an index into `MapLayout.clusters`). */
  parent?: number;
}

/**
 * A computed map. Per-point data is in parallel typed arrays (point i is row i), which cross HTTP as
 * raw bytes (wire.ts) and IPC by structured clone: never the high-dimensional vectors.
 * A point's identity is `docs[doc[i]].id` (documents) plus `ordinal[i]` (chunks).
 */
export interface MapLayout {
  /** Changes whenever any coordinate changes (a new layout, or new points placed into it). */
  layoutId: string;
  level: MapLevel;
  method: MapProjection;
  dims: 2 | 3;
  model: string;
  /** Library data version the layout reflects. */
  dataVersion: string;
  /** points x dims, row-major. */
  coords: Float32Array;
  /**
   * Topic per point (index into `clusters`): the topic of the point's document in the library's topic
   * model (passages take their document's topic). Colour by this; label with `clusters` zoomed out.
   */
  cluster: Int32Array;
  /** Sub-topic per point (index into `subclusters`): finer labels for zoomed-in views. */
  subcluster: Int32Array;
  /** Index into `docs` per point. */
  doc: Int32Array;
  /** 1-based page per point; 0 when it has none (documents level, formats without pages). */
  page: Int32Array;
  /** Chunk ordinal per point; -1 at documents level. */
  ordinal: Int32Array;
  /** The chunk's character range in its page's text (for highlighting); -1 at documents level. */
  charStart: Int32Array;
  charEnd: Int32Array;
  /** The first words of each point's text (hover). */
  snippets: string[];
  docs: MapDocument[];
  /** The topics (coarse level), with label positions on this map. */
  clusters: MapCluster[];
  /** The sub-topics (fine level); each names its topic in `parent`. */
  subclusters: MapCluster[];
  /** Points on the map. */
  points: number;
  /** Points matching the filters; more than `points` when the map shows a sample. */
  total: number;
  sampled: boolean;
  /** Points placed into the layout since it was computed (new documents; old points never move). */
  placed: number;
  computedAt: number;
  /** Mean silhouette of the layout's own clustering (cosine, on a sample); null below 3 points. */
  silhouette: number | null;
  /** PCA only: share of the variance each axis explains. */
  explained: number[] | null;
}

export type MapGetResult =
  | { status: 'ready'; layout: MapLayout }
  /** The layout is being computed as a job (progress on `job.progress`); call again when it is done. */
  | { status: 'computing'; jobId: string };

export interface MapQueryHit {
  /** Point index in the layout. */
  point: number;
  /** Cosine similarity to the query. */
  score: number;
}

export interface MapQueryProjection {
  /** The layout the answer refers to; if it is not the one on screen, reload the map. */
  layoutId: string;
  /** The query's position (dims numbers), placed with the layout's own transform. */
  coords: Float32Array;
  /** The closest points, best first. */
  hits: MapQueryHit[];
}

const mapFilters = z
  .object({
    sources: z.array(z.string().max(4096)).max(1000).optional(),
    kinds: z.array(z.enum(documentKinds)).optional(),
    pathPrefix: z.string().max(4096).optional(),
  })
  .strict();

const mapParams = {
  level: z.enum(mapLevels).default('documents'),
  method: z.enum(mapProjections).default('umap'),
  /** 2 or 3; omitted: 3D up to 5,000 points, 2D above (the layout's `dims` says which). */
  dims: z.union([z.literal(2), z.literal(3)]).optional(),
  /** Model id; default: the library's default model. */
  model: z.string().max(200).optional(),
  filters: mapFilters.default({}),
};

export const mapGetInput = z.object(mapParams).strict();

export const mapMethods = {
  /**
   * The map of the library. PCA answers at once (`ready`). UMAP layouts are built once per library
   * data version in background jobs (documents and passages, 2D and 3D, all four once one is asked
   * for; after a library change new documents are placed without moving the others): the answer is
   * `ready` from that cache, or `computing` with the id of the job building this layout (show that
   * it is being built; call again when the job is done).
   */
  'map.get': method<MapGetResult>()(mapGetInput),
  /** Drops the stored layout for these parameters and computes it afresh (same answers as map.get). */
  'map.recompute': method<MapGetResult>()(mapGetInput),
  /**
   * Embeds `q` and places it on the (ready) layout for these parameters with the layout's own
   * transform; returns its position and the `k` closest points. CONFLICT while the layout is computing.
   */
  'map.project': method<MapQueryProjection>()(
    z
      .object({
        ...mapParams,
        q: z.string().min(1).max(2000),
        k: z.number().int().min(1).max(100).default(10),
      })
      .strict(),
  ),
};
