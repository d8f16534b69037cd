import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { documentIdForPath } from '../../../src/main/core/store/chunkIdentity';
import type {
  ChunkInput,
  DocumentInput,
  ModelVectors,
  VectorModel,
} from '../../../src/main/core/store/storeTypes';
import { gaussian, seededRandom } from '../../support/clusteredVectors';

/** Temp library directories for tests (real LanceDB on disk), removed by the returned cleanup. */
export function makeTempDir(prefix = 'loci-store-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export const TEST_MODEL: VectorModel = { id: 'test-model', dims: 16, fingerprint: 'test-fingerprint-1' };

/** A document row for `/docs/<name>` under source `/docs`. */
export function makeDoc(name: string, overrides: Partial<DocumentInput> = {}): DocumentInput {
  const file = overrides.path ?? `/docs/${name}`;
  return {
    id: documentIdForPath(file),
    source: '/docs',
    path: file,
    title: name,
    kind: path.extname(file).slice(1) || 'txt',
    size: 1000,
    mtime: 1_700_000_000_000,
    sha256: createHash('sha256').update(file).digest('hex'),
    pages: 1,
    status: 'ok',
    reason: null,
    ...overrides,
  };
}

export function makeChunks(texts: readonly string[], page: number | null = 1): ChunkInput[] {
  let at = 0;
  return texts.map((text, ordinal) => {
    const chunk: ChunkInput = {
      ordinal,
      page,
      charStart: at,
      charEnd: at + text.length,
      headingPath: ['Intro'],
      text,
    };
    at += text.length + 1;
    return chunk;
  });
}

/** A unit vector derived from the text alone, so the same text always gets the same vector. */
export function textVector(text: string, dims = TEST_MODEL.dims): Float32Array {
  const seed = createHash('sha256').update(text).digest().readUInt32BE(0);
  const random = seededRandom(seed);
  const v = new Float32Array(dims);
  let norm = 0;
  for (let i = 0; i < dims; i++) {
    v[i] = gaussian(random);
    norm += (v[i] as number) ** 2;
  }
  for (let i = 0; i < dims; i++) v[i] = (v[i] as number) / Math.sqrt(norm);
  return v;
}

export function vectorsFor(chunks: readonly ChunkInput[], model: VectorModel = TEST_MODEL): ModelVectors {
  return { model, vectors: chunks.map((c) => textVector(c.text, model.dims)) };
}
