/**
 * The use-lite worker model keeps the token ids of texts it counted recently and embeds those ids
 * (ingest counts a chunk's text while cutting it, then embeds it): a text counted first must embed to
 * exactly the vector and token count it gets without the count, and a count must never lend its ids
 * to another text.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceResourcesDir } from '../../../../src/main/core/config';
import { openEmbedder } from '../../../../src/main/core/embed/openEmbedder';
import type { Embedder } from '../../../../src/main/core/embed/types';

const source = { kind: 'use-lite' as const, dir: path.join(sourceResourcesDir(), 'models', 'use-lite-int8') };
let counting: Embedder;
let fresh: Embedder;

beforeAll(async () => {
  [counting, fresh] = await Promise.all([
    openEmbedder(source, { threads: 1 }),
    openEmbedder(source, { threads: 1 }),
  ]);
});
afterAll(async () => {
  await Promise.all([counting?.close(), fresh?.close()]);
});

const words = ['lift', 'drag', 'wing', 'flow', 'shock', 'boundary', 'layer', 'heat', 'pressure', 'nozzle'];
/** Deterministic texts of varied length (1 to 60 words). */
const textAt = (i: number): string =>
  Array.from({ length: 1 + ((i * 7) % 60) }, (_, k) => words[(i + k * 3) % words.length]).join(' ');
const bits = (v: Float32Array): string => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');

describe('use-lite token ids kept from a count', () => {
  it('embed counted texts bit for bit as uncounted ones, and never stand in for another text', async () => {
    const texts = Array.from({ length: 40 }, (_, i) => textAt(i));
    // Counted: every text, plus near-misses that differ by a character (the chunker counts those too).
    for (const t of texts) {
      await counting.countTokens(t);
      await counting.countTokens(`${t}.`);
    }
    const embedded = [...texts.slice(0, 20), ...texts.slice(0, 20).map((t) => `${t}!`), ...texts.slice(20)];
    const a = await counting.embed(embedded, { purpose: 'passage' });
    const b = await fresh.embed(embedded, { purpose: 'passage' });
    expect(a.tokens).toEqual(b.tokens);
    expect(a.vectors.map(bits)).toEqual(b.vectors.map(bits));
    // Embedded again (the kept ids were used up): still the same.
    const again = await counting.embed(texts.slice(0, 5), { purpose: 'passage' });
    expect(again.vectors.map(bits)).toEqual(b.vectors.slice(0, 5).map(bits));
  });
});
