import type { LibraryStatus } from '../../../shared/api/methods/library';
import type { EventBus } from '../eventBus';
import { EXACT_SEARCH_BELOW } from '../store/hnswParameters';
import type { LibraryStore } from '../store/libraryStore';
import type { VectorModel } from '../store/storeTypes';
import { VectorIndex } from '../store/vectorIndex';

/**
 * The vector indexes a process keeps open over the library's read-only store, one per model (opened
 * on first search, kept until the reader is reopened or the library closed), and the upkeep of every
 * model's saved index file after a write.
 */
export class OpenVectorIndexes {
  private readonly indexes = new Map<string, Promise<VectorIndex>>();

  constructor(private readonly events: EventBus) {}

  /**
   * The open index of a model over `store` (the reader), opened on first call. It catches up with new
   * commits in the background; search uses exact search meanwhile.
   */
  open(store: LibraryStore, model: VectorModel): Promise<VectorIndex> {
    const key = keyOf(model);
    let index = this.indexes.get(key);
    if (!index) {
      // Its background syncs end after the job that caused them: say so, or a status read meanwhile
      // ("rebuilding the search index") would never be refreshed.
      index = VectorIndex.open(store, model, {
        onSynced: (outcome) =>
          this.events.emit('index.synced', {
            modelId: model.id,
            state: outcome.ok ? 'ready' : 'failed',
            vectors: outcome.vectors,
            ...(outcome.ok ? {} : { problem: outcome.problem }),
          }),
      });
      this.indexes.set(key, index);
      index.catch(() => this.indexes.delete(key));
    }
    return index;
  }

  /** State of a model's index: ready when its saved file matches the vectors table. */
  async state(store: LibraryStore, modelId: string): Promise<LibraryStatus['index']> {
    const models = await store.listModels();
    const model = models.find((m) => m.id === modelId) ?? models[0];
    if (!model) return { state: 'empty', vectors: 0 };
    const vectors = (await store.counts()).models.find((m) => m.id === model.id)?.vectors ?? 0;
    // Small libraries are searched exactly in memory: there is no index file to be stale.
    if (vectors < EXACT_SEARCH_BELOW) return { state: 'ready', vectors };
    const open = this.indexes.get(keyOf(model));
    const index = open ? await open : await VectorIndex.open(store, model, { autoSync: false });
    try {
      const status = await index.status();
      return { state: status.state, vectors: status.vectors };
    } finally {
      if (!open) await index.close();
    }
  }

  /**
   * Brings every model's saved index up to the vectors committed through `store` (a writer) and saves
   * it, so the next process (a `loci search`, the app) loads a current index instead of searching
   * exactly while it rebuilds. Indexes open in this process catch up too.
   */
  async updateSaved(store: LibraryStore): Promise<void> {
    for (const model of await store.listModels()) {
      const index = await VectorIndex.open(store, model, { autoSync: false });
      try {
        await index.sync();
        await index.flush();
      } finally {
        await index.close();
      }
    }
    for (const open of this.indexes.values())
      void open.then(
        (i) => i.requestSync(),
        () => undefined,
      );
  }

  /**
   * Closes every open index (before the reader they read through is closed). `quiet`: a failing close
   * is ignored (the reader is being reopened after a repair), else the first failure is thrown.
   */
  async closeAll({ quiet = false }: { quiet?: boolean } = {}): Promise<void> {
    const indexes = [...this.indexes.values()];
    this.indexes.clear();
    await Promise.all(
      indexes.map((i) => {
        const closed = i.then(
          (x) => x.close(),
          () => undefined,
        );
        return quiet ? closed.catch(() => undefined) : closed;
      }),
    );
  }
}

function keyOf(model: VectorModel): string {
  return `${model.id}@${model.fingerprint}`;
}
