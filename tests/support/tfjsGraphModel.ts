/**
 * Test helpers that run TF.js graph models on the pure-JS CPU backend, loaded from local bytes through a
 * custom IOHandler (never a URL). They are the reference the ONNX conversion is compared against.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { TfNodeJson } from '../../src/main/core/embed/use-lite/tfGraph';
import type { TfjsModelJson, TfjsWeightSpec } from '../../src/main/core/embed/use-lite/tfjsModelFiles';

let backendReady: Promise<void> | undefined;

/** Selects the CPU backend once (the only one available in Node without tfjs-node). */
export function useCpuBackend(): Promise<void> {
  backendReady ??= (async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  })();
  return backendReady;
}

/** Loads a TF.js graph model from a model.json object and its concatenated weight bytes. */
export async function tfjsModelFromMemory(
  json: TfjsModelJson,
  weightData: Uint8Array,
): Promise<tf.GraphModel> {
  await useCpuBackend();
  const weightSpecs = json.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[];
  const buffer = weightData.buffer.slice(
    weightData.byteOffset,
    weightData.byteOffset + weightData.byteLength,
  ) as ArrayBuffer;
  const handler: tf.io.IOHandler = {
    load: async () => ({
      modelTopology: json.modelTopology,
      weightSpecs,
      weightData: buffer,
      format: 'graph-model',
    }),
  };
  return tf.loadGraphModel(handler);
}

/** Loads model.json and its shards from a directory. */
export async function loadTfjsGraphModelFromDir(dir: string): Promise<tf.GraphModel> {
  const json = JSON.parse(await readFile(path.join(dir, 'model.json'), 'utf8')) as TfjsModelJson;
  const shards = await Promise.all(
    json.weightsManifest.flatMap((g) => g.paths).map((p) => readFile(path.join(dir, p))),
  );
  return tfjsModelFromMemory(json, new Uint8Array(Buffer.concat(shards)));
}

/** A tiny graph model: nodes plus named constant weights, as model.json would hold them. */
export interface TfSnippetWeight {
  name: string;
  dtype: 'float32' | 'int32' | 'bool';
  shape: number[];
  values: readonly number[];
}

/** Builds the model.json object and weight bytes for a hand-written graph snippet. */
export function snippetModel(
  nodes: TfNodeJson[],
  weights: readonly TfSnippetWeight[],
): { json: TfjsModelJson; weightData: Uint8Array } {
  const chunks: Uint8Array[] = weights.map((w) => {
    if (w.dtype === 'float32') return new Uint8Array(Float32Array.from(w.values).buffer);
    if (w.dtype === 'int32') return new Uint8Array(Int32Array.from(w.values).buffer);
    return Uint8Array.from(w.values);
  });
  const specs: TfjsWeightSpec[] = weights.map((w) => ({ name: w.name, dtype: w.dtype, shape: w.shape }));
  const json: TfjsModelJson = {
    modelTopology: { node: nodes, versions: {} },
    weightsManifest: [{ paths: ['inline.bin'], weights: specs }],
    format: 'graph-model',
  };
  return { json, weightData: new Uint8Array(Buffer.concat(chunks)) };
}

/** Runs a graph model with named feeds and returns the requested outputs as plain arrays + dims. */
export async function runTfjs(
  model: tf.GraphModel,
  feeds: Record<string, { dtype: 'float32' | 'int32' | 'bool'; shape: number[]; values: readonly number[] }>,
  outputs: string[],
): Promise<{ dims: number[]; data: number[] }[]> {
  const inputs: tf.NamedTensorMap = {};
  for (const [name, f] of Object.entries(feeds))
    inputs[name] = tf.tensor(f.values as number[], f.shape, f.dtype);
  const result = await model.executeAsync(inputs, outputs);
  const tensors = Array.isArray(result) ? result : [result];
  const out = await Promise.all(
    tensors.map(async (t) => ({ dims: [...t.shape], data: Array.from(await t.data()) })),
  );
  tf.dispose([...Object.values(inputs), ...tensors]);
  return out;
}

/** TF DataType codes as model.json spells them. */
export const TF_DT = { float32: 1, int32: 3, int64: 9, bool: 10 } as const;
export type SnippetDType = keyof typeof TF_DT;

/** A Placeholder node; -1 marks a dynamic dimension. */
export function placeholderNode(name: string, dtype: SnippetDType, shape: number[]): TfNodeJson {
  return {
    name,
    op: 'Placeholder',
    attr: {
      dtype: { type: TF_DT[dtype] },
      shape: { shape: { dim: shape.map((s) => ({ size: String(s) })) } },
    },
  };
}

/**
 * A Const node plus its weight entry. int64 constants are stored as int32 data, as the TF.js converter
 * writes them; bool as one byte per element.
 */
export function constNode(
  name: string,
  dtype: SnippetDType,
  shape: number[],
  values: readonly number[],
): { node: TfNodeJson; weight: TfSnippetWeight } {
  const stored = dtype === 'int64' ? 'int32' : dtype;
  return {
    node: {
      name,
      op: 'Const',
      attr: {
        dtype: { type: TF_DT[dtype] },
        value: {
          tensor: { dtype: TF_DT[dtype], tensorShape: { dim: shape.map((s) => ({ size: String(s) })) } },
        },
      },
    },
    weight: { name, dtype: stored, shape, values },
  };
}

/** Attribute helpers in model.json's proto3-JSON form. */
export const tfAttr = {
  int: (i: number) => ({ i: String(i) }),
  bool: (b: boolean) => ({ b }),
  type: (dtype: SnippetDType) => ({ type: TF_DT[dtype] }),
  ints: (values: number[]) => ({ list: { i: values.map(String) } }),
  str: (s: string) => ({ s: [...s].map((c) => c.charCodeAt(0)) }),
};
