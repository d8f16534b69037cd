import type { DocRef } from '../../../shared/api/methods/documents';
import type { DocumentKind } from '../../../shared/api/methods/library';
import type { ModelRegistry } from '../embed/registry';
import type { Embedder } from '../embed/types';
import type { LibraryService } from '../library/libraryService';
import type { SearchService } from '../search/searchService';
import type { SettingsStore } from '../settings/settingsStore';
import type { LibraryStore } from '../store/libraryStore';
import { LibraryNotFoundError, UnknownModelError } from '../store/storeErrors';
import { isIndexed, type DocumentRecord } from '../store/storeTypes';
import { chunkSpace } from '../vectorSpace/librarySpace';
import type { VectorSpace } from '../vectorSpace/vectorSpace';
import { fitDocumentSpace, loadDocumentSpace, type DocumentSpace } from './documentVectors';
import type { TermIndex } from '../topics/keyTerms';
import { buildTopicModel, type TopicModel } from '../topics/topicModel';
import { readTopicModel, writeTopicModel } from '../store/topicFiles';
import { assertSameSpace } from './modelSpace';
import type { SimilarityPool } from './similarityPool';
import type { PcaReply } from './similarityProtocol';
import type { ClusterBand } from '../topics/clusterOrder';

/**
 * A model's documents grouped by the topic model's topics, in display order, with a label per topic;
 * rows are rows of the model's document space.
 */
export interface Clustering {
  /** order[position] = row. */
  order: Int32Array;
  /** Topic of each row. */
  clusterOf: Int32Array;
  bands: ClusterBand[];
  labels: string[];
  topics: TopicModel;
}

/** Documents read for the term index (cluster labels, explorer vocabulary). */
const TERM_SAMPLE = 2000;

interface ModelCache {
  version: string;
  /** Document vectors in the raw model space (near-duplicates). */
  raw: Promise<DocumentSpace>;
  /** The same in the library-fitted space (every similarity view). */
  space: Promise<DocumentSpace>;
  chunkSpace?: Promise<VectorSpace>;
  topics?: Promise<TopicModel>;
  clustering?: Promise<Clustering>;
  pca?: Promise<PcaReply>;
  extra: Map<string, Promise<unknown>>;
}

/**
 * What every heatmap, duplicate search and explorer call starts from: the read-only store, the model
 * to use, its document vectors, clusters and the library's key terms, each computed once per library
 * data version and model (any commit changes the version, so nothing stale is ever served).
 */
export class SimilarityService {
  private readonly models = new Map<string, ModelCache>();
  private terms: { version: string; index: Promise<TermIndex> } | null = null;

  constructor(
    readonly library: LibraryService,
    readonly registry: ModelRegistry,
    private readonly settings: SettingsStore,
    readonly pool: SimilarityPool,
    readonly search: SearchService,
  ) {}

  /** The read-only store; NOT_FOUND while the library is empty. */
  async store(): Promise<LibraryStore> {
    const store = await this.library.reader();
    if (!store) throw new LibraryNotFoundError(this.library.dir);
    return store;
  }

  /**
   * The model asked for, else the library's model for the default (itself, or the variant of it the
   * library was embedded with) if the library has it, else the library's first.
   */
  async resolveModel(requested: string | undefined): Promise<string> {
    const store = await this.store();
    const known = (await store.listModels()).map((m) => m.id);
    if (requested) {
      if (!known.includes(requested)) throw new UnknownModelError(requested);
      return requested;
    }
    const { model: defaultModel } = await this.library.modelChoice();
    if (known.includes(defaultModel)) return defaultModel;
    if (known[0]) return known[0];
    throw new UnknownModelError(defaultModel);
  }

  /** The embedder for queries in `modelId`'s space, refused when it is not the model the library stored. */
  async embedderFor(modelId: string): Promise<Embedder> {
    const stored = await (await this.store()).models.get(modelId);
    if (!stored) throw new UnknownModelError(modelId);
    const embedder = await this.registry.getEmbedder(modelId);
    assertSameSpace(embedder.info, stored);
    return embedder;
  }

  /**
   * Document vectors of a model at the library's current data version, in the library-fitted
   * (mean-centred) space: what heatmaps, clusters and the explorer compare.
   */
  async space(modelId: string): Promise<DocumentSpace> {
    return (await this.cacheFor(modelId)).space;
  }

  /** Document vectors in the raw model space (near-duplicate candidates: raw separates copies better). */
  async rawSpace(modelId: string): Promise<DocumentSpace> {
    return (await this.cacheFor(modelId)).raw;
  }

  /** The chunk-level fitted space of a model (query x results), stored per vectors version. */
  async chunkSpace(modelId: string): Promise<VectorSpace> {
    const cache = await this.cacheFor(modelId);
    const store = await this.store();
    cache.chunkSpace ??= chunkSpace(store, modelId);
    const value = cache.chunkSpace;
    value.catch(() => cache.chunkSpace === value && delete cache.chunkSpace);
    return value;
  }

  /**
   * The library's topic model for a model at the current data version: read from the store when it
   * was computed for this version, else computed (two-level clustering in a worker, labels from the
   * term index built in the other worker meanwhile) and stored. Every similarity view uses this one.
   */
  async topics(modelId: string): Promise<TopicModel> {
    const cache = await this.cacheFor(modelId);
    cache.topics ??= (async () => {
      const store = await this.store();
      const model = await store.vectorModel(modelId);
      if (!model) throw new UnknownModelError(modelId);
      const stored = readTopicModel(store.indexDir, model, cache.version);
      if (stored) return stored;
      const terms = this.termIndex();
      terms.catch(() => undefined);
      const space = await cache.space;
      const { data, rows } = space.matrix;
      const reply = await this.pool.run({ op: 'cluster', data, rows, dims: model.dims, seed: 1 });
      const topics = buildTopicModel({
        model,
        dataVersion: space.dataVersion,
        docIds: space.docs.map((d) => d.id),
        titles: space.docs.map((d) => docRef(d).title),
        clusters: reply,
        terms: await terms,
      });
      if (space.dataVersion === cache.version) writeTopicModel(store.indexDir, topics);
      return topics;
    })();
    return forget(cache, 'topics', cache.topics);
  }

  /** The topic model laid over the model's document space (heatmap rows, bands and labels). */
  async clustering(modelId: string): Promise<Clustering> {
    const cache = await this.cacheFor(modelId);
    cache.clustering ??= (async () => {
      const [topics, space] = await Promise.all([this.topics(modelId), cache.space]);
      return clusteringOf(topics, space);
    })();
    return forget(cache, 'clustering', cache.clustering);
  }

  /** A 2D PCA of the model's document vectors (the explorer's map until the Map's projection is shared). */
  async projection(modelId: string): Promise<PcaReply> {
    const cache = await this.cacheFor(modelId);
    cache.pca ??= cache.space.then(({ matrix }) =>
      this.pool.run({ op: 'pca', data: matrix.data, rows: matrix.rows, dims: matrix.model.dims }),
    );
    return forget(cache, 'pca', cache.pca);
  }

  /** Any other per-model, per-version value (e.g. the embedded vocabulary), computed once. */
  async cached<T>(modelId: string, key: string, make: (space: DocumentSpace) => Promise<T>): Promise<T> {
    const cache = await this.cacheFor(modelId);
    let value = cache.extra.get(key) as Promise<T> | undefined;
    if (!value) {
      value = cache.space.then(make);
      cache.extra.set(key, value);
      value.catch(() => cache.extra.get(key) === value && cache.extra.delete(key));
    }
    return value;
  }

  /** The library's TF-IDF term index (model-independent), built in a worker from the chunk text. */
  async termIndex(): Promise<TermIndex> {
    const store = await this.store();
    const version = await store.dataVersion();
    if (this.terms?.version !== version) {
      const catalog = await store.catalog();
      // Term statistics settle long before every document is read: above TERM_SAMPLE documents, an
      // even pseudo-random sample (ids are hashes) keeps the cold path of a huge library to seconds.
      const documents = [...catalog.byId.values()]
        .filter((d) => isIndexed(d.status) && d.chunkCount > 0)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(0, TERM_SAMPLE)
        .map((d) => [d.id, d.generation, d.title] as [string, string, string]);
      const index = this.pool.run({
        op: 'terms',
        lanceDir: store.lanceDir,
        documents,
        maxChars: 3000,
        perDocument: 40,
      });
      const entry = { version, index };
      this.terms = entry;
      index.catch(() => this.terms === entry && (this.terms = null));
    }
    return this.terms.index;
  }

  private async cacheFor(modelId: string): Promise<ModelCache> {
    const store = await this.store();
    const version = await store.dataVersion();
    const existing = this.models.get(modelId);
    if (existing && existing.version === version) return existing;
    const raw = loadDocumentSpace(store, modelId, this.pool);
    const space = raw.then((r) => fitDocumentSpace(store.indexDir, r));
    const cache: ModelCache = { version, raw, space, extra: new Map() };
    this.models.set(modelId, cache);
    space.catch(() => this.models.get(modelId) === cache && this.models.delete(modelId));
    return cache;
  }
}

/** Drops a failed cached computation so the next call tries again. */
function forget<T>(cache: ModelCache, key: 'clustering' | 'pca' | 'topics', value: Promise<T>): Promise<T> {
  value.catch(() => {
    if (cache[key] === (value as unknown)) delete cache[key];
  });
  return value;
}

/**
 * Heatmap rows and bands from a topic model: the model's rows are mapped to the space's by document
 * id (a stored model may list the same documents in another order); documents the model lacks go
 * last, in a band of their own.
 */
function clusteringOf(topics: TopicModel, space: DocumentSpace): Clustering {
  const rowOfDoc = space.rowOf;
  const clusterOf = new Int32Array(space.docs.length).fill(-1);
  const order: number[] = [];
  const bands: ClusterBand[] = [];
  for (const band of topics.bands) {
    const start = order.length;
    for (let p = band.start; p < band.start + band.size; p++) {
      const row = rowOfDoc.get(topics.docIds[topics.order[p] as number] as string);
      if (row === undefined) continue;
      order.push(row);
      clusterOf[row] = band.cluster;
    }
    if (order.length > start) bands.push({ cluster: band.cluster, start, size: order.length - start });
  }
  const labels = topics.topics.map((t) => t.label);
  const rest = Array.from(clusterOf.keys()).filter((row) => clusterOf[row] === -1);
  if (rest.length > 0) {
    const cluster = labels.length;
    labels.push('not yet in a topic');
    bands.push({ cluster, start: order.length, size: rest.length });
    for (const row of rest) {
      order.push(row);
      clusterOf[row] = cluster;
    }
  }
  return { order: Int32Array.from(order), clusterOf, bands, labels, topics };
}

/** The contract's reference to a document. */
export function docRef(doc: DocumentRecord): DocRef {
  return {
    docId: doc.id,
    title: doc.title || baseName(doc.path),
    path: doc.path,
    kind: doc.kind as DocumentKind,
  };
}

function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

/**
 * Finite [min, max] of a matrix of cosines, within [-1, 1] (rounding puts a self-similarity at
 * 1.0000001; a colour bar past 1 would promise values a cosine cannot take). [0, 1] when nothing is
 * finite.
 */
export function finiteRange(values: Float32Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(min)) return [0, 1];
  return [Math.max(-1, Math.min(1, min)), Math.max(-1, Math.min(1, max))];
}

/** A plain (non-shared) copy: results leave the core over IPC, which should not carry SharedArrayBuffers. */
export function plainCopy(values: Float32Array): Float32Array {
  return new Float32Array(values);
}
