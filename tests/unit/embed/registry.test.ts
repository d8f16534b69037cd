import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeManifest } from '../../../src/main/core/embed/modelManifest';
import { openEmbedder } from '../../../src/main/core/embed/openEmbedder';
import { createModelRegistry, type ModelRegistry } from '../../../src/main/core/embed/registry';
import { writeTinyBertModelFolder } from '../../support/tinyBert';

let root: string;
let registry: ModelRegistry;
let sources: string;

const maxDiff = (a: Float32Array, b: Float32Array): number =>
  a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'loci-registry-'));
  sources = path.join(root, 'downloads');
  // A built-in model as the app would ship one: a folder with a manifest under <resourcesDir>/models.
  const builtInDir = await writeTinyBertModelFolder(path.join(root, 'resources', 'models', 'tiny-builtin'), {
    hidden: 32,
    layers: 1,
    seed: 2,
  });
  const probe = await openEmbedder({ kind: 'hf-onnx', dir: builtInDir, id: 'tiny-builtin' }, { threads: 1 });
  await writeManifest(builtInDir, { ...probe.info });
  await probe.close();
  registry = createModelRegistry({
    dataDir: path.join(root, 'data'),
    resourcesDir: path.join(root, 'resources'),
    threads: 1,
  });
});

afterAll(async () => {
  await registry?.closeAll();
  await fs.rm(root, { recursive: true, force: true });
});

describe('model registry', () => {
  it('lists built-in models', async () => {
    expect(await registry.listModels()).toEqual([
      expect.objectContaining({ id: 'tiny-builtin', builtIn: true, dims: 32, kind: 'hf-onnx' }),
    ]);
  });

  it('imports a Hugging Face folder: copies it, writes a manifest, and serves it with the same vectors', async () => {
    const src = await writeTinyBertModelFolder(path.join(sources, 'bge-small-en-v1.5'), {
      hidden: 64,
      layers: 1,
      seed: 4,
      name: 'BAAI/bge-small-en-v1.5',
      pooling: 'cls',
    });
    const model = await registry.importModel(src);
    expect(model).toMatchObject({
      id: 'bge-small-en-v1.5',
      name: 'bge-small-en-v1.5',
      builtIn: false,
      dims: 64,
      maxTokens: 128,
      importedFrom: src,
    });
    expect(model.dir).toBe(path.join(root, 'data', 'models', 'bge-small-en-v1.5'));
    const manifest = JSON.parse(await fs.readFile(path.join(model.dir, 'manifest.json'), 'utf8'));
    expect(manifest.fingerprint).toBe(model.fingerprint);
    const pinned = JSON.parse(await fs.readFile(path.join(model.dir, 'loci-model.json'), 'utf8'));
    expect(pinned).toMatchObject({
      pooling: 'cls',
      maxTokens: 128,
      prefixes: { query: 'Represent this sentence for searching relevant passages: ', passage: '' },
    });

    const fromRegistry = await registry.getEmbedder('bge-small-en-v1.5');
    expect(await registry.getEmbedder('bge-small-en-v1.5')).toBe(fromRegistry);
    expect(fromRegistry.info.fingerprint).toBe(model.fingerprint);
    const direct = await openEmbedder({ kind: 'hf-onnx', dir: src }, { threads: 1 });
    try {
      expect(direct.info.fingerprint).toBe(model.fingerprint);
      const a = await fromRegistry.embed(['wing flutter'], { purpose: 'query' });
      const b = await direct.embed(['wing flutter'], { purpose: 'query' });
      expect(maxDiff(a.vectors[0]!, b.vectors[0]!)).toBeLessThan(1e-6);
    } finally {
      await direct.close();
    }
    expect((await registry.listModels()).map((m) => m.id)).toEqual(['tiny-builtin', 'bge-small-en-v1.5']);
  });

  it('refuses a taken id and a model that is already registered under another id', async () => {
    const src = path.join(sources, 'bge-small-en-v1.5');
    await expect(registry.importModel(src)).rejects.toMatchObject({
      code: 'MODEL_CONFLICT',
      message: expect.stringContaining('"bge-small-en-v1.5" already exists'),
    });
    await expect(registry.importModel(src, { id: 'again' })).rejects.toMatchObject({
      code: 'MODEL_CONFLICT',
      message: expect.stringContaining('already registered as "bge-small-en-v1.5"'),
    });
    await expect(registry.importModel(src, { id: 'Bad Id' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const other = await writeTinyBertModelFolder(path.join(sources, 'other'), {
      hidden: 48,
      layers: 1,
      seed: 9,
    });
    await expect(registry.importModel(other, { id: 'tiny-builtin' })).rejects.toMatchObject({
      code: 'MODEL_CONFLICT',
      message: expect.stringContaining('built-in'),
    });
    expect(await registry.importModel(other, { id: 'second', name: 'Second model' })).toMatchObject({
      id: 'second',
      name: 'Second model',
      dims: 48,
    });
  });

  it('removes imported models but never built-in ones', async () => {
    const second = await registry.getEmbedder('second');
    await registry.removeModel('second');
    await expect(second.embed(['x'], { purpose: 'query' })).rejects.toMatchObject({
      code: 'EMBEDDER_CLOSED',
    });
    await expect(fs.stat(path.join(root, 'data', 'models', 'second'))).rejects.toThrow();
    await expect(registry.getEmbedder('second')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    await expect(registry.removeModel('tiny-builtin')).rejects.toMatchObject({ code: 'MODEL_CONFLICT' });
    await expect(registry.removeModel('nope')).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
      message: expect.stringContaining('known models: tiny-builtin, bge-small-en-v1.5'),
    });
  });
});

describe('importing a folder that is not a usable model', () => {
  async function broken(name: string, change: (dir: string) => Promise<void>, options = {}): Promise<string> {
    const dir = await writeTinyBertModelFolder(path.join(sources, name), {
      hidden: 16,
      layers: 1,
      ...options,
    });
    await change(dir);
    return dir;
  }
  const write = (file: string, text: string | Uint8Array) => (dir: string) =>
    fs.writeFile(path.join(dir, file), text);

  it.each([
    [
      'a missing folder',
      async () => path.join(sources, 'does-not-exist'),
      'MODEL_NOT_FOUND',
      'no model folder at',
    ],
    [
      'no model.onnx',
      () => broken('no-model', (d) => fs.rm(path.join(d, 'model.onnx'))),
      'MODEL_INVALID',
      'has no model.onnx',
    ],
    [
      'no tokenizer.json',
      () => broken('no-tok', (d) => fs.rm(path.join(d, 'tokenizer.json'))),
      'MODEL_INVALID',
      'has no tokenizer.json',
    ],
    [
      'tokenizer.json that is not JSON',
      () => broken('bad-tok', write('tokenizer.json', '{"model": ')),
      'MODEL_INVALID',
      'tokenizer.json is not valid JSON',
    ],
    [
      'tokenizer.json of another kind',
      () => broken('odd-tok', write('tokenizer.json', '{"vocab": {}}')),
      'MODEL_INVALID',
      'tokenizer.json has no "model" section',
    ],
    [
      'a tokenizer the library cannot build',
      () => broken('alien-tok', write('tokenizer.json', '{"model": {"type": "Alien"}}')),
      'MODEL_INVALID',
      'tokenizer.json could not be loaded',
    ],
    [
      'model.onnx that is not ONNX',
      () => broken('garbage', write('model.onnx', new Uint8Array([1, 2, 3, 4, 5]))),
      'MODEL_INVALID',
      'could not be loaded by ONNX Runtime',
    ],
    [
      'unknown input names',
      () =>
        broken('inputs', async () => undefined, {
          inputNames: { ids: 'tokens', mask: 'attention_mask', types: null },
        }),
      'MODEL_INVALID',
      'model input "tokens" is not one Loci can feed',
    ],
    [
      'no usable output',
      () => broken('outputs', async () => undefined, { output: 'logits' }),
      'MODEL_INVALID',
      'no usable output: expected one of sentence_embedding, last_hidden_state, token_embeddings, found logits',
    ],
    [
      'a config that is not JSON',
      () => broken('bad-config', write('config.json', 'nope')),
      'MODEL_INVALID',
      'config.json is not valid JSON',
    ],
  ])('says so for %s', async (_what, make, code, message) => {
    const dir = await make();
    await expect(registry.importModel(dir, { id: 'x' })).rejects.toMatchObject({
      code,
      message: expect.stringContaining(message),
    });
    // Nothing half-imported is left behind.
    const left = await fs.readdir(path.join(root, 'data', 'models')).catch(() => []);
    expect(left.filter((f) => f !== 'bge-small-en-v1.5')).toEqual([]);
  });
});
