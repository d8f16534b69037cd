import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prefixesForNames } from '../../../src/main/core/embed/hf/prefixCatalog';
import { openEmbedder } from '../../../src/main/core/embed/openEmbedder';
import type { Embedder } from '../../../src/main/core/embed/types';
import { writeTinyBertModelFolder } from '../../support/tinyBert';

let root: string;
let plain: Embedder;
const opened: Embedder[] = [];

const maxDiff = (a: Float32Array, b: Float32Array): number =>
  a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);

async function open(
  name: string,
  extra: Parameters<typeof writeTinyBertModelFolder>[1] = {},
): Promise<Embedder> {
  const dir = await writeTinyBertModelFolder(path.join(root, name.replaceAll('/', '_')), {
    seed: 11,
    name,
    ...extra,
  });
  const e = await openEmbedder({ kind: 'hf-onnx', dir });
  opened.push(e);
  return e;
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'loci-prefixes-'));
  plain = await open('tiny-bert');
});

afterAll(async () => {
  await Promise.all(opened.map((e) => e.close()));
  await fs.rm(root, { recursive: true, force: true });
});

describe('query/passage prefixes', () => {
  it('knows the e5, bge and nomic families by name', () => {
    expect(prefixesForNames(['intfloat/e5-small-v2'])?.prefixes).toEqual({
      query: 'query: ',
      passage: 'passage: ',
    });
    expect(prefixesForNames(['multilingual-e5-base'])?.family).toBe('e5');
    expect(prefixesForNames(['multilingual-e5-large-instruct'])).toBeUndefined();
    expect(prefixesForNames(['BAAI/bge-small-en-v1.5'])?.prefixes).toEqual({
      query: 'Represent this sentence for searching relevant passages: ',
      passage: '',
    });
    expect(prefixesForNames(['BAAI/bge-m3'])).toBeUndefined();
    expect(prefixesForNames(['nomic-ai/nomic-embed-text-v1.5'])?.prefixes).toEqual({
      query: 'search_query: ',
      passage: 'search_document: ',
    });
    expect(prefixesForNames(['sentence-transformers/all-MiniLM-L6-v2'])).toBeUndefined();
  });

  it('puts the e5 prefixes in front of queries and passages', async () => {
    const e5 = await open('intfloat/e5-small-v2');
    const text = 'how do boundary layers separate';
    const q = await e5.embed([text], { purpose: 'query' });
    const p = await e5.embed([text], { purpose: 'passage' });
    const manual = await plain.embed([`query: ${text}`, `passage: ${text}`], { purpose: 'passage' });
    expect(maxDiff(q.vectors[0]!, manual.vectors[0]!)).toBeLessThan(1e-6);
    expect(maxDiff(p.vectors[0]!, manual.vectors[1]!)).toBeLessThan(1e-6);
    expect(q.tokens[0]).toBe(manual.tokens[0]);
    expect(await e5.countTokens(text)).toBe(manual.tokens[1]);
    // Same weights, different prefixes: the fingerprint must tell them apart.
    expect(e5.info.fingerprint).not.toBe(plain.info.fingerprint);
  });

  it('adds the bge instruction to queries only', async () => {
    const bge = await open('BAAI/bge-small-en-v1.5');
    const text = 'wing flutter';
    const q = await bge.embed([text], { purpose: 'query' });
    const p = await bge.embed([text], { purpose: 'passage' });
    const manual = await plain.embed(
      [`Represent this sentence for searching relevant passages: ${text}`, text],
      { purpose: 'passage' },
    );
    expect(maxDiff(q.vectors[0]!, manual.vectors[0]!)).toBeLessThan(1e-6);
    expect(maxDiff(p.vectors[0]!, manual.vectors[1]!)).toBeLessThan(1e-6);
  });

  it('lets loci-model.json override prefixes, pooling, length and name', async () => {
    const custom = await open('intfloat/e5-small-v2', {
      pooling: 'mean',
      lociModel: { name: 'My E5', prefixes: { query: 'Q: ', passage: '' }, pooling: 'cls', maxTokens: 8 },
    });
    expect(custom.info).toMatchObject({ id: 'my-e5', name: 'My E5', maxTokens: 8 });
    const text = 'supersonic inlet design';
    const q = await custom.embed([text], { purpose: 'query' });
    const p = await custom.embed([text], { purpose: 'passage' });
    const clsPlain = await open('tiny-bert-cls', { pooling: 'cls', maxSeqLength: 8 });
    const manual = await clsPlain.embed([`Q: ${text}`, text], { purpose: 'passage' });
    expect(maxDiff(q.vectors[0]!, manual.vectors[0]!)).toBeLessThan(1e-6);
    expect(maxDiff(p.vectors[0]!, manual.vectors[1]!)).toBeLessThan(1e-6);
    expect(q.truncated[0]).toBe(manual.truncated[0]);
  });

  it('rejects a loci-model.json with a bad field, naming it', async () => {
    const dir = await writeTinyBertModelFolder(path.join(root, 'bad-manifest'), {
      lociModel: { pooling: 'median' },
    });
    await expect(openEmbedder({ kind: 'hf-onnx', dir })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('"pooling"'),
    });
  });
});
