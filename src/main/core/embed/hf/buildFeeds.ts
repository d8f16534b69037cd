import { ort } from '../loadOrt';
import type { EncodedText } from './hfTokenizer';

/** Inputs a BERT-style encoder may declare; every one is filled from the tokeniser output. */
export const FEEDABLE = ['input_ids', 'attention_mask', 'token_type_ids', 'position_ids'] as const;
export type Feedable = (typeof FEEDABLE)[number];

export interface InputSpec {
  name: Feedable;
  type: 'int64' | 'int32';
}

/** The value at (text `b`, position `t`) for each input; padding positions are never asked. */
const valueAt: Record<Feedable, (e: EncodedText, t: number) => number> = {
  input_ids: (e, t) => e.ids[t]!,
  attention_mask: () => 1,
  token_type_ids: (e, t) => e.typeIds?.[t] ?? 0,
  position_ids: (_e, t) => t,
};

/**
 * Right-padded [batch, seq] tensors for the inputs the model declares, seq = the longest text. Padding
 * positions hold the pad id in input_ids and 0 everywhere else (so attention_mask masks them out).
 */
export function buildFeeds(
  batch: readonly EncodedText[],
  inputs: readonly InputSpec[],
  padId: number,
): Record<string, ort.Tensor> {
  const seq = Math.max(...batch.map((e) => e.ids.length));
  const dims = [batch.length, seq];
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of inputs) {
    const pad = input.name === 'input_ids' ? padId : 0;
    const at = valueAt[input.name];
    if (input.type === 'int32') {
      const data = new Int32Array(batch.length * seq).fill(pad);
      batch.forEach((e, b) => {
        for (let t = 0; t < e.ids.length; t++) data[b * seq + t] = at(e, t);
      });
      feeds[input.name] = new ort.Tensor('int32', data, dims);
    } else {
      const data = new BigInt64Array(batch.length * seq).fill(BigInt(pad));
      batch.forEach((e, b) => {
        for (let t = 0; t < e.ids.length; t++) data[b * seq + t] = BigInt(at(e, t));
      });
      feeds[input.name] = new ort.Tensor('int64', data, dims);
    }
  }
  return feeds;
}
