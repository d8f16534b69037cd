import type { ModelInfo } from '../embed/types';
import type { LibraryStore } from '../store/libraryStore';
import type { ReusableVector } from './ingestFiles';
import { textHash } from './reusedVectors';

/**
 * Vectors the library already holds for chunk texts of ANY stored document, earlier jobs included:
 * running headers and footers, licence and installation boilerplate, a passage quoted in several
 * files. Without this, only texts met in the current job and the file's own previous version (or a
 * stored copy of the same file) are reused (reusableChunks.ts); a footer stored by last week's job is
 * embedded again for every new file that has it.
 *
 * How: the first time a job has chunks to embed, every stored chunk's text is hashed once into a map
 * hash -> chunk key (one scan of the chunks table's `text` and `key` columns; see bench:ingest-reuse
 * for its cost). A step's texts are looked up in the map; the keys found are read from each model's
 * vectors table in one query. A chunk key is derived from the chunk's generation, which hashes its
 * text, so a key names exactly one text, and a model's vectors table holds only vectors made with the
 * fingerprint the library recorded for it; models whose fingerprint differs from the embedder's are
 * never asked. The vector lent is therefore the model's vector of that exact text (stored unit length,
 * as every stored vector is).
 *
 * Bounded: at most {@link MAX_STORED_TEXTS} texts are mapped (~120 bytes each: 24 MB); texts past the
 * cap are simply embedded again. Each hash is looked up in the store at most once per job; afterwards
 * the job's own memory (VectorReuse) has it.
 */

/** Stored chunk texts mapped per job, at most. */
export const MAX_STORED_TEXTS = 200_000;

export class StoredTextVectors {
  private keys: Promise<Map<string, bigint>> | undefined;
  private models: Promise<ModelInfo[]> | undefined;
  /** Hashes already looked up in the store this job (found or not). */
  private readonly asked = new Set<string>();

  constructor(
    private readonly store: LibraryStore,
    private readonly embedders: ReadonlyArray<{ info: ModelInfo }>,
    private readonly cap = MAX_STORED_TEXTS,
  ) {}

  /** Stored vectors for those of `hashes` that a stored chunk has, for every model that can lend. */
  async lend(hashes: readonly string[]): Promise<ReusableVector[]> {
    this.models ??= this.lendingModels();
    const models = await this.models;
    if (models.length === 0) return [];
    this.keys ??= loadTextKeys(this.store, this.cap);
    const byHash = await this.keys;
    const wanted = new Map<bigint, string>();
    for (const hash of hashes) {
      if (this.asked.has(hash)) continue;
      this.asked.add(hash);
      const key = byHash.get(hash);
      if (key !== undefined) wanted.set(key, hash);
    }
    if (wanted.size === 0) return [];
    const out: ReusableVector[] = [];
    for (const model of models) {
      const vectors = await this.store.vectorsByKeys(model.id, [...wanted.keys()]);
      for (const [key, vector] of vectors)
        out.push({ fingerprint: model.fingerprint, hash: wanted.get(key)!, vector });
    }
    return out;
  }

  /** The job's models whose vectors the library holds under the very same fingerprint. */
  private async lendingModels(): Promise<ModelInfo[]> {
    const stored = new Map((await this.store.listModels()).map((m) => [m.id, m.fingerprint]));
    return this.embedders.map((e) => e.info).filter((m) => stored.get(m.id) === m.fingerprint);
  }
}

/** Hash of every stored chunk text -> that chunk's key (the first `cap` rows of the chunks table). */
export async function loadTextKeys(
  store: LibraryStore,
  cap = MAX_STORED_TEXTS,
): Promise<Map<string, bigint>> {
  const out = new Map<string, bigint>();
  for await (const batch of store.scanChunks(['key', 'text'])) {
    const keys = batch.getChild('key');
    const texts = batch.getChild('text');
    if (!keys || !texts) continue;
    for (let i = 0; i < batch.numRows; i++) {
      if (out.size >= cap) return out;
      out.set(textHash(String(texts.get(i))), BigInt.asUintN(64, keys.get(i) as bigint));
    }
  }
  return out;
}
