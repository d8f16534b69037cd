/**
 * Reads a TF.js graph model from disk: model.json plus its weight shards, decoded the way TF.js's
 * `decodeWeights` does (float32 / int32 / bool, and the uint8 / uint16 / float16 quantisations).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConversionError, type TfNodeJson } from './tfGraph';

/** One entry of model.json `weightsManifest[].weights`. */
export interface TfjsWeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; scale?: number; min?: number; original_dtype?: string };
}

export interface TfjsModelJson {
  modelTopology: { node: TfNodeJson[]; library?: unknown; versions?: unknown };
  weightsManifest: { paths: string[]; weights: TfjsWeightSpec[] }[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
}

/** A decoded weight: float32 data as Float32Array, int32 as Int32Array, bool as Uint8Array (0/1). */
export interface TfjsWeight {
  dtype: 'float32' | 'int32' | 'bool';
  shape: number[];
  data: Float32Array | Int32Array | Uint8Array;
}

export interface TfjsModel {
  json: TfjsModelJson;
  weights: Map<string, TfjsWeight>;
}

const QUANT_BYTES: Record<string, number> = { uint8: 1, uint16: 2, float16: 2 };
const PLAIN_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

function float16ToFloat32(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

function decodeOne(spec: TfjsWeightSpec, bytes: Uint8Array): TfjsWeight {
  const size = spec.shape.reduce((a, b) => a * b, 1);
  const q = spec.quantization;
  const dtype = spec.dtype;
  if (dtype !== 'float32' && dtype !== 'int32' && dtype !== 'bool') {
    throw new ConversionError(`weight ${spec.name}: unsupported dtype ${dtype}`);
  }
  // Copy into an aligned buffer: shard offsets need not be multiples of the element size.
  const aligned = (n: number): ArrayBuffer => bytes.slice(0, n).buffer;
  if (!q) {
    const buf = aligned(size * PLAIN_BYTES[dtype]!);
    const data =
      dtype === 'float32'
        ? new Float32Array(buf)
        : dtype === 'int32'
          ? new Int32Array(buf)
          : new Uint8Array(buf);
    return { dtype, shape: spec.shape, data };
  }
  const qBytes = QUANT_BYTES[q.dtype];
  if (!qBytes) throw new ConversionError(`weight ${spec.name}: unsupported quantization dtype ${q.dtype}`);
  const buf = aligned(size * qBytes);
  const raw = q.dtype === 'uint8' ? new Uint8Array(buf) : new Uint16Array(buf);
  if (q.dtype === 'float16') {
    if (dtype !== 'float32')
      throw new ConversionError(`weight ${spec.name}: float16 quantization of ${dtype}`);
    return { dtype, shape: spec.shape, data: Float32Array.from(raw, float16ToFloat32) };
  }
  if (q.scale === undefined || q.min === undefined) {
    throw new ConversionError(`weight ${spec.name}: ${q.dtype} quantization without scale and min`);
  }
  const { scale, min } = q;
  if (dtype === 'float32')
    return { dtype, shape: spec.shape, data: Float32Array.from(raw, (v) => v * scale + min) };
  if (dtype === 'int32')
    return { dtype, shape: spec.shape, data: Int32Array.from(raw, (v) => Math.round(v * scale + min)) };
  throw new ConversionError(`weight ${spec.name}: ${q.dtype} quantization of ${dtype}`);
}

/** Decodes all weights of one manifest group from its concatenated shard bytes. */
export function decodeWeightGroup(
  specs: readonly TfjsWeightSpec[],
  bytes: Uint8Array,
  into: Map<string, TfjsWeight>,
): void {
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const width = spec.quantization ? QUANT_BYTES[spec.quantization.dtype] : PLAIN_BYTES[spec.dtype];
    if (width === undefined)
      throw new ConversionError(
        `weight ${spec.name}: unsupported dtype ${spec.quantization?.dtype ?? spec.dtype}`,
      );
    const n = size * width;
    if (offset + n > bytes.length)
      throw new ConversionError(
        `weight ${spec.name}: shards end before its data (need ${offset + n} bytes, have ${bytes.length})`,
      );
    into.set(spec.name, decodeOne(spec, bytes.subarray(offset, offset + n)));
    offset += n;
  }
}

/** Loads model.json and every shard it names from `dir`. */
export async function loadTfjsModel(dir: string, modelFile = 'model.json'): Promise<TfjsModel> {
  const json = JSON.parse(await readFile(path.join(dir, modelFile), 'utf8')) as TfjsModelJson;
  if (!json.modelTopology?.node)
    throw new ConversionError(`${modelFile}: not a TF.js graph model (no modelTopology.node)`);
  const weights = new Map<string, TfjsWeight>();
  for (const group of json.weightsManifest ?? []) {
    const shards = await Promise.all(group.paths.map((p) => readFile(path.join(dir, p))));
    decodeWeightGroup(group.weights, new Uint8Array(Buffer.concat(shards)), weights);
  }
  return { json, weights };
}
