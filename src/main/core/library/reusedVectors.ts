import { createHash } from 'node:crypto';
import type { Embedder } from '../embed/types';

/**
 * Chunk texts that repeat (running headers and footers on a page of their own, licence boilerplate,
 * a package's shared installation notes, the same file at two paths, an edited document's unchanged
 * passages) are embedded once: a vector is a function of the model and the text, so a second
 * embedding of the same text would only cost model time. Vectors are remembered by (model
 * fingerprint, sha256 of the text) for the last {@link DEFAULT_CAPACITY} distinct texts of a job,
 * and can be seeded with stored chunks (see `IngestTarget.reusable`).
 *
 * A vector is reused only for the exact same text under the exact same model fingerprint, so a
 * stored vector is never mixed with another model version's.
 */

/** Distinct texts remembered per job (about 2 KB each for a 512-d model): 16 MB per model. */
export const DEFAULT_CAPACITY = 8192;

/** The key of a chunk text. */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

export class VectorReuse {
  /** Insertion order is recency order (a hit moves its entry to the end). */
  private readonly entries = new Map<string, Float32Array>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  get size(): number {
    return this.entries.size;
  }

  /** A remembered vector of `hash` under `fingerprint`, marked as recently used. */
  get(fingerprint: string, hash: string): Float32Array | undefined {
    const key = `${fingerprint}:${hash}`;
    const vector = this.entries.get(key);
    if (vector) {
      this.entries.delete(key);
      this.entries.set(key, vector);
    }
    return vector;
  }

  /** Remembers a vector, dropping the least recently used one when full. */
  set(fingerprint: string, hash: string, vector: Float32Array): void {
    const key = `${fingerprint}:${hash}`;
    this.entries.delete(key);
    this.entries.set(key, vector);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

export interface EmbedOnceResult {
  /** One vector per input text, in order. */
  vectors: Float32Array[];
  /** Texts sent to the model (each distinct unknown text once). */
  embedded: number;
  /** Texts answered from remembered vectors or from an earlier copy in the same call. */
  reused: number;
}

/**
 * Embeds `texts` as passages with `embedder`, sending each distinct text the model has not seen in
 * this job (or in the seeded stored chunks) once; repeats get the same vector object's contents.
 */
export async function embedOnce(
  embedder: Embedder,
  texts: readonly string[],
  hashes: readonly string[],
  reuse: VectorReuse,
  signal?: AbortSignal,
): Promise<EmbedOnceResult> {
  const fp = embedder.info.fingerprint;
  const vectors: Array<Float32Array | undefined> = texts.map((_, i) => reuse.get(fp, hashes[i]!));
  const firstOf = new Map<string, number>();
  const toEmbed: number[] = [];
  texts.forEach((_, i) => {
    if (vectors[i] || firstOf.has(hashes[i]!)) return;
    firstOf.set(hashes[i]!, toEmbed.length);
    toEmbed.push(i);
  });
  if (toEmbed.length > 0) {
    const result = await embedder.embed(
      toEmbed.map((i) => texts[i]!),
      { purpose: 'passage', ...(signal ? { signal } : {}) },
    );
    toEmbed.forEach((i, j) => {
      vectors[i] = result.vectors[j]!;
      reuse.set(fp, hashes[i]!, result.vectors[j]!);
    });
  }
  // Repeats inside this call take their first copy's vector (the cache may be smaller than a call).
  const out = vectors.map((v, i) => v ?? vectors[toEmbed[firstOf.get(hashes[i]!)!]!]!);
  return { vectors: out, embedded: toEmbed.length, reused: texts.length - toEmbed.length };
}
