import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sourceResourcesDir } from '../../../src/main/core/config';
import { SentencePieceTokenizer } from '../../../src/main/core/embed/use-lite/sentencePiece';
import { chunkDocument } from '../../../src/main/core/ingest/chunkPages';
import type { ExtractedPage } from '../../../src/main/core/ingest/types';

// Text that chunks far more densely than prose (no spaces, base64) must cost linear work and stop at the
// per-document chunk limit, with the built-in model's real SentencePiece tokenizer doing the counting
// (it spends about one token per 1.5 characters on such text, where prose takes ~4.5).
const MAX = 126;
let tokenizer: SentencePieceTokenizer;

/** A counter that also tallies how many characters it was asked to count (the chunker's real work). */
function counter() {
  const stats = { calls: 0, chars: 0 };
  const countTokens = (text: string): number => {
    stats.calls += 1;
    stats.chars += text.length;
    return tokenizer.encode(text).length;
  };
  return { stats, countTokens };
}

function base64Text(chars: number): string {
  const bytes = Buffer.alloc(Math.ceil((chars * 3) / 4));
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 13;
  return bytes.toString('base64').slice(0, chars);
}

beforeAll(async () => {
  tokenizer = await SentencePieceTokenizer.fromFile(
    path.join(sourceResourcesDir(), 'models', 'use-lite', 'vocab.json'),
  );
});

describe('chunkDocument limits', () => {
  it('stops a 1 MB line without spaces at maxChunks, says where, and is quick about it', async () => {
    const text = 'x'.repeat(1_000_000);
    const { stats, countTokens } = counter();
    const started = performance.now();
    const { chunks, stopped } = await chunkDocument([{ page: 1, text }], {
      maxTokens: MAX,
      countTokens,
      maxChunks: 2_000,
    });
    const seconds = (performance.now() - started) / 1000;
    expect(chunks).toHaveLength(2_000);
    expect(stopped).toEqual({ reason: 'max-chunks', page: 1, offset: expect.any(Number) });
    // The stop offset is where the left-out text starts: after the last chunk's start, inside the text.
    expect(stopped!.offset).toBeGreaterThan(chunks.at(-1)!.start);
    expect(stopped!.offset).toBeLessThan(text.length);
    for (const c of chunks) expect(c.tokens).toBeLessThanOrEqual(MAX);
    // Work is bounded by the chunks made, not by the megabyte behind them.
    expect(stats.chars).toBeLessThan(stopped!.offset * 6);
    expect(seconds).toBeLessThan(20); // ~0.3 s on an idle laptop; generous for a loaded CI machine
  });

  it('costs linear work on text without spaces and on base64: 4x the text, at most ~4x the counting', async () => {
    for (const make of [(n: number) => 'x'.repeat(n), base64Text]) {
      const work = [];
      for (const size of [50_000, 200_000]) {
        const { stats, countTokens } = counter();
        const { chunks, stopped } = await chunkDocument([{ page: 1, text: make(size) }], {
          maxTokens: MAX,
          countTokens,
        });
        expect(stopped).toBeUndefined();
        expect(chunks.at(-1)!.end).toBe(size);
        work.push({ chars: stats.chars / size, calls: stats.calls / chunks.length });
      }
      // Characters counted per input character, and counts per chunk, do not grow with the size.
      expect(work[1]!.chars).toBeLessThan(work[0]!.chars * 1.2);
      expect(work[1]!.calls).toBeLessThan(work[0]!.calls * 1.2);
      expect(work[1]!.chars).toBeLessThan(6);
    }
  });

  it('stops at the deadline after at least one chunk', async () => {
    const pages: ExtractedPage[] = [{ page: 1, text: 'A sentence of prose that fills chunks. '.repeat(500) }];
    const { countTokens } = counter();
    const { chunks, stopped } = await chunkDocument(pages, {
      maxTokens: MAX,
      countTokens,
      deadline: Date.now() - 1,
    });
    expect(chunks).toHaveLength(1);
    expect(stopped).toMatchObject({ reason: 'deadline', page: 1 });
    const all = await chunkDocument(pages, { maxTokens: MAX, countTokens });
    expect(all.stopped).toBeUndefined();
    expect(all.chunks.length).toBeGreaterThan(10);
    expect(all.chunks[0]).toEqual(chunks[0]);
  });
});
