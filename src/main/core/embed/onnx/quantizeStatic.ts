/**
 * Static int8 quantisation of an ONNX model description (`ModelDesc`), written for models we build
 * ourselves (no Python tooling here). Every MatMul whose second input is a large constant float weight
 * (an initializer, or a Reshape of one with a constant shape) becomes
 *
 *   xq = QuantizeLinear(x, sx, zx)                              uint8; sx, zx FIXED (calibrated once)
 *   y  = MatMulIntegerToFloat(xq, Wq, sx, sw[n], zx, 0)         com.microsoft contrib op
 *
 * with Wq int8, symmetric per output column (sw[n] = max|W[:, n]| / 127). MatMulIntegerToFloat is the
 * kernel ONNX Runtime's optimiser fuses QDQ or MatMulInteger+Cast+Mul patterns into: an exact u8s8
 * integer GEMM (VNNI / AMX where the CPU has them) whose int32 sums are scaled by sx * sw[n]. It is
 * emitted directly because the fusions do not always fire (a MatMul followed by a bias Add is turned
 * into a float Gemm first, and then runs on dequantised weights every call); measured on use-lite:
 * MatMulInteger+Cast+Mul 1.8x, QDQ 2.0x, MatMulIntegerToFloat 2.15x fp32 throughput.
 *
 * Why fixed activation scales: with dynamic quantisation (DynamicQuantizeLinear) the scale is taken from
 * the whole batch tensor, so a text's vector depended on its batch-mates. Here QuantizeLinear is
 * element-wise with constants, the integer product is exact whatever the batch, and the rescale is
 * element-wise: a row's result is a function of that row alone.
 */
import type { ModelDesc, NodeDesc, TensorDesc } from './onnxProto';

/** Observed range of one activation tensor (the MatMul input that gets quantised). */
export interface ActivationRange {
  min: number;
  max: number;
}

/** One MatMul the quantiser will rewrite. */
export interface QuantizableMatMul {
  /** The MatMul node's name. */
  node: string;
  /** Value name of its float activation input (the tensor whose range must be calibrated). */
  activation: string;
  /** Weight shape [k, n]. */
  k: number;
  n: number;
}

export interface QuantizeOptions {
  /** Weights with fewer elements stay float (default 65,536: small products do not pay for the nodes). */
  minWeights?: number;
}

const DEFAULT_MIN_WEIGHTS = 65_536;

/** ONNX Runtime's contrib-op domain (MatMulIntegerToFloat lives there). */
const MS_DOMAIN = 'com.microsoft';

interface WeightSource {
  k: number;
  n: number;
  data: Float32Array;
  /** Initializers (and the Reshape node) that only this MatMul used, dropped after the rewrite. */
  consumed: string[];
}

function floatData(t: TensorDesc): Float32Array {
  const copy = t.rawData.slice();
  return new Float32Array(copy.buffer, copy.byteOffset, copy.byteLength / 4);
}

function int64Values(t: TensorDesc): number[] {
  const copy = t.rawData.slice();
  return Array.from(new BigInt64Array(copy.buffer, copy.byteOffset, copy.byteLength / 8), Number);
}

/** Which value names each node input refers to, counted over the graph (and its outputs). */
function useCounts(desc: ModelDesc): Map<string, number> {
  const uses = new Map<string, number>();
  const add = (name: string) => uses.set(name, (uses.get(name) ?? 0) + 1);
  for (const n of desc.graph.nodes) n.inputs.forEach(add);
  for (const o of desc.graph.outputs) add(o.name);
  return uses;
}

/** The constant [k, n] float weight behind MatMul input B, if it is one. */
function constantWeight(
  b: string,
  inits: Map<string, TensorDesc>,
  producers: Map<string, NodeDesc>,
  uses: Map<string, number>,
): WeightSource | undefined {
  const direct = inits.get(b);
  if (direct) {
    if (direct.dtype !== 'float32' || direct.dims.length !== 2) return undefined;
    const consumed = uses.get(b) === 1 ? [b] : [];
    return { k: direct.dims[0]!, n: direct.dims[1]!, data: floatData(direct), consumed };
  }
  // The TF.js converter writes a 1x1 Conv2D kernel as Reshape(kernel [1, 1, k, n], [k, n]).
  const reshape = producers.get(b);
  if (reshape?.opType !== 'Reshape') return undefined;
  const kernel = inits.get(reshape.inputs[0] ?? '');
  const shape = inits.get(reshape.inputs[1] ?? '');
  if (!kernel || !shape || kernel.dtype !== 'float32' || shape.dtype !== 'int64') return undefined;
  const dims = int64Values(shape);
  const size = kernel.dims.reduce((x, y) => x * y, 1);
  if (dims.length !== 2 || dims.some((d) => d <= 0) || dims[0]! * dims[1]! !== size) return undefined;
  if (uses.get(b) !== 1) return undefined;
  const consumed = [b];
  if (uses.get(kernel.name) === 1) consumed.push(kernel.name);
  if (uses.get(shape.name) === 1) consumed.push(shape.name);
  return { k: dims[0]!, n: dims[1]!, data: floatData(kernel), consumed };
}

/** Every MatMul with a large constant float weight, in graph order. */
function findCandidates(
  desc: ModelDesc,
  options: QuantizeOptions,
): { node: NodeDesc; weight: WeightSource }[] {
  const min = options.minWeights ?? DEFAULT_MIN_WEIGHTS;
  const inits = new Map(desc.graph.initializers.map((t) => [t.name, t]));
  const producers = new Map<string, NodeDesc>();
  for (const n of desc.graph.nodes) for (const o of n.outputs) producers.set(o, n);
  const uses = useCounts(desc);
  const found: { node: NodeDesc; weight: WeightSource }[] = [];
  for (const node of desc.graph.nodes) {
    if (node.opType !== 'MatMul' || (node.domain ?? '') !== '') continue;
    const weight = constantWeight(node.inputs[1] ?? '', inits, producers, uses);
    if (weight && weight.k * weight.n >= min && !inits.has(node.inputs[0] ?? ''))
      found.push({ node, weight });
  }
  return found;
}

/** The MatMuls `quantizeStatic` would rewrite, with the activation each needs a range for. */
export function quantizableMatMuls(desc: ModelDesc, options: QuantizeOptions = {}): QuantizableMatMul[] {
  return findCandidates(desc, options).map(({ node, weight }) => ({
    node: node.name,
    activation: node.inputs[0]!,
    k: weight.k,
    n: weight.n,
  }));
}

/** The model with `names` added as float32 graph outputs (to observe them during calibration). */
export function withObservedOutputs(desc: ModelDesc, names: readonly string[]): ModelDesc {
  const existing = new Set(desc.graph.outputs.map((o) => o.name));
  const extra = [...new Set(names)]
    .filter((n) => !existing.has(n))
    .map((name) => ({ name, dtype: 'float32' as const, shape: null }));
  return { ...desc, graph: { ...desc.graph, outputs: [...desc.graph.outputs, ...extra] } };
}

/** uint8 affine parameters covering [min, max] (the range is widened to include 0, as ONNX requires). */
export function activationParams(range: ActivationRange): { scale: number; zeroPoint: number } {
  const lo = Math.min(0, range.min);
  const hi = Math.max(0, range.max);
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi))
    throw new Error(`invalid activation range [${range.min}, ${range.max}]`);
  // float32 scale, as QuantizeLinear stores it, so the zero point is computed with the value used.
  const scale = Math.fround((hi - lo) / 255);
  const zeroPoint = Math.max(0, Math.min(255, Math.round(-lo / scale)));
  return { scale, zeroPoint };
}

/** Symmetric int8 weights with one scale per output column of a row-major [k, n] matrix. */
export function quantizeWeightColumns(
  w: Float32Array,
  k: number,
  n: number,
): { q: Int8Array; scales: Float32Array } {
  const scales = new Float32Array(n);
  for (let c = 0; c < n; c++) {
    let max = 0;
    for (let r = 0; r < k; r++) max = Math.max(max, Math.abs(w[r * n + c]!));
    scales[c] = max > 0 ? max / 127 : 1;
  }
  const q = new Int8Array(k * n);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < n; c++)
      q[r * n + c] = Math.max(-127, Math.min(127, Math.round(w[r * n + c]! / scales[c]!)));
  }
  return { q, scales };
}

function tensor(name: string, dtype: TensorDesc['dtype'], dims: number[], data: ArrayBufferView): TensorDesc {
  return {
    name,
    dtype,
    dims,
    rawData: new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
  };
}

/**
 * Rewrites every quantizable MatMul (see the file comment) using the calibrated `ranges`, keyed by
 * activation value name. A missing range is an error naming the activation: the table must be
 * recalibrated when the float graph changes.
 */
export function quantizeStatic(
  desc: ModelDesc,
  ranges: Readonly<Record<string, ActivationRange>>,
  options: QuantizeOptions = {},
): ModelDesc {
  const candidates = findCandidates(desc, options);
  const byNode = new Map(candidates.map((c) => [c.node, c.weight]));
  const dropped = new Set(candidates.flatMap((c) => c.weight.consumed));
  const initializers = desc.graph.initializers.filter((t) => !dropped.has(t.name));
  const nodes: NodeDesc[] = [];
  // The activation's quantised value is shared when several MatMuls read the same input.
  const quantized = new Map<string, { xq: string; sx: string; zx: string }>();
  for (const node of desc.graph.nodes) {
    if (node.outputs.length === 1 && dropped.has(node.outputs[0]!)) continue; // the weight's Reshape
    const weight = byNode.get(node);
    if (!weight) {
      nodes.push(node);
      continue;
    }
    const x = node.inputs[0]!;
    const base = node.name;
    let q = quantized.get(x);
    if (!q) {
      const range = ranges[x];
      if (!range) throw new Error(`no calibrated range for activation "${x}" (input of ${node.name})`);
      const { scale, zeroPoint } = activationParams(range);
      const sx = `${base}/x_scale`;
      const zx = `${base}/x_zero_point`;
      initializers.push(tensor(sx, 'float32', [], new Float32Array([scale])));
      initializers.push(tensor(zx, 'uint8', [], new Uint8Array([zeroPoint])));
      const xq = `${base}/x_quantized`;
      nodes.push({
        opType: 'QuantizeLinear',
        name: `${base}/QuantizeLinear`,
        inputs: [x, sx, zx],
        outputs: [xq],
        attributes: {},
      });
      q = { xq, sx, zx };
      quantized.set(x, q);
    }
    const { q: wq, scales } = quantizeWeightColumns(weight.data, weight.k, weight.n);
    const wName = `${base}/weight_int8`;
    const wScale = `${base}/weight_scale`;
    const wZero = `${base}/weight_zero_point`;
    initializers.push(tensor(wName, 'int8', [weight.k, weight.n], wq));
    initializers.push(tensor(wScale, 'float32', [weight.n], scales));
    initializers.push(tensor(wZero, 'int8', [], new Int8Array(1)));
    nodes.push({
      opType: 'MatMulIntegerToFloat',
      domain: MS_DOMAIN,
      name: `${base}/MatMulIntegerToFloat`,
      inputs: [q.xq, wName, q.sx, wScale, q.zx, wZero],
      outputs: [node.outputs[0]!],
      attributes: {},
    });
  }
  const opsetImports = desc.opsetImports.some((o) => o.domain === MS_DOMAIN)
    ? desc.opsetImports
    : [...desc.opsetImports, { domain: MS_DOMAIN, version: 1 }];
  return { ...desc, opsetImports, graph: { ...desc.graph, nodes, initializers } };
}
