import type { InferenceSession } from 'onnxruntime-node';
import { EmbedError } from '../embedError';
import { buildFeeds, FEEDABLE, type Feedable, type InputSpec } from './buildFeeds';
import { fingerprintHfFolder } from './fingerprintHf';
import { HfTokenizer, type EncodedText } from './hfTokenizer';
import { l2Normalize, poolTokens } from '../pooling';
import { readHfFolder, type HfFolderConfig } from './readHfFolder';
import { createSession } from '../ortSession';
import { idFromName, type ModelSource, type SessionSettings, type WorkerModel } from '../workerModel';
import type { EmbedPurpose } from '../types';

/** Output names tried in order when loci-model.json does not name one. */
const OUTPUT_PREFERENCE = ['sentence_embedding', 'last_hidden_state', 'token_embeddings'];

function checkInputs(session: InferenceSession): InputSpec[] {
  const specs: InputSpec[] = [];
  for (const meta of session.inputMetadata) {
    if (!(FEEDABLE as readonly string[]).includes(meta.name)) {
      throw new EmbedError(
        'MODEL_INVALID',
        `model input "${meta.name}" is not one Loci can feed (it feeds ${FEEDABLE.join(', ')}); ` +
          `the model's inputs are ${session.inputNames.join(', ')}`,
      );
    }
    const type = meta.isTensor ? meta.type : 'non-tensor';
    if (type !== 'int64' && type !== 'int32') {
      throw new EmbedError(
        'MODEL_INVALID',
        `model input "${meta.name}" has type ${type}; Loci feeds int64 or int32 token ids`,
      );
    }
    specs.push({ name: meta.name as Feedable, type });
  }
  if (!specs.some((s) => s.name === 'input_ids')) {
    throw new EmbedError(
      'MODEL_INVALID',
      `model has no input_ids input (its inputs are ${session.inputNames.join(', ') || 'none'})`,
    );
  }
  return specs;
}

function pickOutput(session: InferenceSession, wanted: string | undefined): string {
  const names = session.outputNames;
  if (wanted !== undefined) {
    if (!names.includes(wanted))
      throw new EmbedError(
        'MODEL_INVALID',
        `loci-model.json names output "${wanted}", but the model's outputs are ${names.join(', ')}`,
      );
    return wanted;
  }
  const found = OUTPUT_PREFERENCE.find((n) => names.includes(n));
  if (!found) {
    throw new EmbedError(
      'MODEL_INVALID',
      `model has no usable output: expected one of ${OUTPUT_PREFERENCE.join(', ')}, found ${names.join(', ') || 'none'} ` +
        '(name the right one with "output" in loci-model.json)',
    );
  }
  const meta = session.outputMetadata.find((m) => m.name === found);
  if (meta?.isTensor && meta.type !== 'float32') {
    throw new EmbedError(
      'MODEL_INVALID',
      `model output "${found}" is ${meta.type}; Loci needs float32 outputs`,
    );
  }
  return found;
}

/**
 * A Hugging Face-layout folder (model.onnx + tokenizer.json + configs) as a WorkerModel. Opening it loads
 * the session once and embeds a probe sentence, which both validates the folder end to end and tells
 * the output size.
 */
export async function openHfModel(
  source: ModelSource,
  settings: SessionSettings,
): Promise<WorkerModel<EncodedText>> {
  const cfg: HfFolderConfig = await readHfFolder(source.dir);
  const tokenizer = HfTokenizer.load(cfg.tokenizerJson, cfg.tokenizerConfig);
  const session = await createSession(cfg.modelPath, settings);
  try {
    const inputs = checkInputs(session);
    const output = pickOutput(session, cfg.output);
    const wantTypeIds = inputs.some((i) => i.name === 'token_type_ids');

    const run = async (batch: readonly EncodedText[]): Promise<Float32Array[]> => {
      const seq = Math.max(...batch.map((e) => e.ids.length));
      const feeds = buildFeeds(batch, inputs, tokenizer.padId);
      const result = await session.run(feeds, [output]);
      const tensor = result[output];
      if (!tensor || !(tensor.data instanceof Float32Array))
        throw new EmbedError('EMBED_FAILED', `model output "${output}" is not a float32 tensor`);
      const dims = tensor.dims;
      let vectors: Float32Array[];
      if (dims.length === 3 && dims[0] === batch.length && dims[1] === seq) {
        vectors = poolTokens(
          tensor.data,
          batch.map((e) => e.ids.length),
          seq,
          dims[2]!,
          cfg.pooling,
        );
      } else if (dims.length === 2 && dims[0] === batch.length) {
        vectors = batch.map((_, b) => tensor.data.slice(b * dims[1]!, (b + 1) * dims[1]!) as Float32Array);
      } else {
        throw new EmbedError(
          'MODEL_INVALID',
          `model output "${output}" has shape [${dims.join(', ')}]; expected [batch, seq, dims] or [batch, dims]`,
        );
      }
      return vectors.map(l2Normalize);
    };

    const prefixFor = (purpose: EmbedPurpose): string =>
      purpose === 'query' ? cfg.prefixes.query : cfg.prefixes.passage;
    const prepare = (text: string, purpose: EmbedPurpose) => {
      const enc = tokenizer.encode(prefixFor(purpose) + text, cfg.maxTokens, wantTypeIds);
      return { length: enc.ids.length, tokens: enc.tokens, truncated: enc.truncated, payload: enc };
    };

    let probe: Float32Array[];
    try {
      probe = await run([prepare('Loci checks that this model embeds a sentence.', 'passage').payload]);
    } catch (err) {
      if (err instanceof EmbedError) throw err;
      throw new EmbedError(
        'MODEL_INVALID',
        `model.onnx failed on a test sentence: ${(err as Error).message}`,
      );
    }
    const dims = probe[0]!.length;
    if (!(dims > 0) || probe[0]!.some((x) => !Number.isFinite(x))) {
      throw new EmbedError(
        'MODEL_INVALID',
        'model.onnx produced an empty or non-finite vector for a test sentence',
      );
    }

    return {
      info: {
        id: source.id ?? idFromName(cfg.name),
        name: source.name ?? cfg.name,
        kind: 'hf-onnx',
        dims,
        maxTokens: cfg.maxTokens,
        normalized: true,
        fingerprint: await fingerprintHfFolder(cfg),
      },
      prepare,
      run,
      countTokens: (text) => tokenizer.count(cfg.prefixes.passage + text),
      close: () => session.release(),
    };
  } catch (err) {
    await session.release().catch(() => undefined);
    throw err;
  }
}
