/**
 * Calibration of the int8 use-lite model's activation ranges: runs the float model over a calibration
 * text and records, for every activation the quantiser will quantise, the smallest and largest value
 * seen. Done once by `npm run models:calibrate`; the result is committed as `ranges.json`, so every
 * install builds the very same int8 model (same bytes, same fingerprint) without running the float
 * model. The text (`calibration.txt`) was written for this purpose (no third-party data).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ort } from '../../loadOrt';
import { encodeModel, type ModelDesc } from '../../onnx/onnxProto';
import { quantizableMatMuls, withObservedOutputs, type ActivationRange } from '../../onnx/quantizeStatic';
import type { SentencePieceTokenizer } from '../sentencePiece';
import { sparseFeed } from '../useLiteRunner';

/** Texts per calibration run. */
const BATCH = 16;
/** Consecutive lines joined into one passage, so long (near 128-token) inputs are calibrated too. */
const LINES_PER_PASSAGE = 6;

/** The committed calibration text, beside this file. */
export const CALIBRATION_TEXT = path.join(import.meta.dirname, 'calibration.txt');

/** Each non-empty line alone (short, query-like) plus passages of consecutive lines (chunk-like). */
export function calibrationTexts(text: string): string[] {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const passages: string[] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_PASSAGE)
    passages.push(lines.slice(i, i + LINES_PER_PASSAGE).join(' '));
  return [...lines, ...passages];
}

/** Min/max of every quantisable activation of `model` over `texts` (fp32 ONNX Runtime, one thread). */
export async function observeActivationRanges(
  model: ModelDesc,
  tokenizer: SentencePieceTokenizer,
  texts: readonly string[],
  maxTokens: number,
): Promise<Record<string, ActivationRange>> {
  const names = [...new Set(quantizableMatMuls(model).map((m) => m.activation))];
  const session = await ort.InferenceSession.create(encodeModel(withObservedOutputs(model, names)), {
    logSeverityLevel: 3,
    intraOpNumThreads: 1,
  });
  const ranges: Record<string, ActivationRange> = {};
  try {
    const ids = texts.map((t) => tokenizer.encode(t).slice(0, maxTokens)).filter((x) => x.length > 0);
    for (let i = 0; i < ids.length; i += BATCH) {
      const out = await session.run(sparseFeed(ids.slice(i, i + BATCH)));
      for (const name of names) {
        const data = out[name]!.data as Float32Array;
        const r = (ranges[name] ??= { min: Infinity, max: -Infinity });
        for (const v of data) {
          if (v < r.min) r.min = v;
          if (v > r.max) r.max = v;
        }
      }
    }
  } finally {
    await session.release();
  }
  return ranges;
}

/** Reads the committed calibration text and observes the ranges for `model`. */
export async function calibrateUseLite(
  model: ModelDesc,
  tokenizer: SentencePieceTokenizer,
  maxTokens: number,
): Promise<Record<string, ActivationRange>> {
  const texts = calibrationTexts(await readFile(CALIBRATION_TEXT, 'utf8'));
  return observeActivationRanges(model, tokenizer, texts, maxTokens);
}
