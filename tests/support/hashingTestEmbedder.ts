import { createHash } from 'node:crypto';
import type { EmbedOptions, EmbedResult, Embedder, ModelInfo } from '../../src/main/core/embed/types';

/**
 * TEST-ONLY embedder: a hashed bag of words (each lowercased word, crudely de-pluralised, adds +-1 to
 * two hashed dimensions; the sum is normalised). It is a real Embedder implementation with real
 * geometry (texts sharing words are close), which is all search tests need to check ranking, fusion,
 * arithmetic and filters. It knows nothing about meaning; the ONNX models are exercised by the
 * integration tests.
 */
export function hashingTestEmbedder(dims = 256): Embedder & { calls: string[][] } {
  const info: ModelInfo = {
    id: 'hashing-test',
    name: 'Hashing bag-of-words (tests only)',
    kind: 'hf-onnx',
    dims,
    maxTokens: 512,
    normalized: true,
    fingerprint: `hashing-test-${dims}`,
  };
  const calls: string[][] = [];
  const embedOne = (text: string): Float32Array => {
    const v = new Float32Array(dims);
    for (const raw of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      const word = raw.length > 3 && raw.endsWith('s') ? raw.slice(0, -1) : raw;
      const h = createHash('sha256').update(word).digest();
      for (let j = 0; j < 2; j++) {
        const dim = h.readUInt32LE(j * 4) % dims;
        v[dim] = (v[dim] as number) + ((h[8 + j] as number) & 1 ? 1 : -1);
      }
    }
    let n = 0;
    for (const x of v) n += x * x;
    if (n > 0) for (let i = 0; i < dims; i++) v[i] = (v[i] as number) / Math.sqrt(n);
    return v;
  };
  return {
    info,
    calls,
    async embed(texts: readonly string[], options: EmbedOptions): Promise<EmbedResult> {
      options.signal?.throwIfAborted();
      calls.push([...texts]);
      return {
        vectors: texts.map(embedOne),
        tokens: texts.map((t) => t.split(/\s+/).filter(Boolean).length),
        truncated: texts.map(() => false),
      };
    },
    async countTokens(text: string): Promise<number> {
      return text.split(/\s+/).filter(Boolean).length;
    },
    async close(): Promise<void> {},
  };
}
