/**
 * The TF.js graph -> ONNX converter driver: orders the nodes the requested outputs need, runs a static
 * dtype/shape inference pass over them, then lets each op family emit ONNX opset-17 nodes. Anything it
 * cannot translate faithfully (unknown op, unknown attribute, unsupported attribute value) stops the
 * conversion with an error naming the node and its op.
 */
import { OnnxGraphBuilder, type ModelDesc, type OnnxDim, type OnnxDType } from '../onnx/graphBuilder';
import { encodeModel } from '../onnx/onnxProto';
import { castCode, EmitContext, InferContext, type TensorInfo } from './convertContext';
import { opConverters } from './ops/registry';
import type { TfjsModel, TfjsWeight } from './tfjsModelFiles';
import {
  attrOf,
  ConversionError,
  describeNode,
  onnxDType,
  parseTfNodes,
  parseTfShape,
  type TfDType,
  type TfNode,
  type TfTensorProto,
} from './tfGraph';

/** Attributes that never change what a node computes (types are inferred; N is the input count). */
const ALWAYS_ALLOWED_ATTRS = new Set(['N', '_output_shapes', '_class', 'dtype']);

/** Integer constants up to this many elements are tracked as values (shape arithmetic). */
const MAX_TRACKED_VALUES = 1024;

export interface ConvertOptions {
  /** ONNX output name -> TF tensor (`node` or `node:i`). Default: every node nobody consumes, by name. */
  outputs?: Record<string, string>;
  /** Symbolic names for unknown input dims, per placeholder (e.g. `{ indices: ['tokens', null] }`). */
  inputDimNames?: Record<string, (string | null)[]>;
  graphName?: string;
  producerVersion?: string;
  /** Called with each node's statically inferred output facts (for tests and debugging). */
  onInferred?: (node: TfNode, outputs: readonly TensorInfo[]) => void;
}

export interface ConvertedGraph {
  bytes: Uint8Array;
  /** The same model as plain objects (`bytes` is its encoding), for graph passes such as quantisation. */
  model: ModelDesc;
  inputs: { name: string; dtype: OnnxDType; shape: OnnxDim[] }[];
  outputs: { name: string; dtype: OnnxDType; shape: OnnxDim[] | null }[];
  /** TF op -> number of nodes converted. */
  opCounts: Record<string, number>;
}

/** Orders the nodes `roots` depend on so that producers come before consumers. */
function topologicalOrder(byName: Map<string, TfNode>, roots: readonly string[]): TfNode[] {
  const order: TfNode[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (start: string): void => {
    const stack: { node: TfNode; next: number }[] = [];
    const push = (name: string, from?: TfNode): void => {
      const node = byName.get(name);
      if (!node)
        throw new ConversionError(
          from
            ? `${describeNode(from)}: input node "${name}" does not exist`
            : `output node "${name}" does not exist`,
        );
      const s = state.get(name);
      if (s === 'done') return;
      if (s === 'visiting')
        throw new ConversionError(`${describeNode(node)}: the graph has a cycle through this node`);
      state.set(name, 'visiting');
      stack.push({ node, next: 0 });
    };
    push(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const input = top.node.inputs[top.next++];
      if (input) push(input.node, top.node);
      else {
        stack.pop();
        state.set(top.node.name, 'done');
        order.push(top.node);
      }
    }
  };
  for (const r of roots) visit(r);
  return order;
}

function checkAttributes(node: TfNode, allowed: readonly string[]): void {
  for (const [key, value] of Object.entries(node.attr)) {
    if (ALWAYS_ALLOWED_ATTRS.has(key) || allowed.includes(key) || value.type !== undefined) continue;
    throw new ConversionError(`${describeNode(node)}: unsupported attribute "${key}"`);
  }
}

/** Const data in the TF dtype's ONNX representation (TF.js stores int64 constants as int32). */
function constData(
  node: TfNode,
  dtype: TfDType,
  weight: TfjsWeight | undefined,
): { dims: number[]; data: Float32Array | Int32Array | BigInt64Array | Uint8Array } {
  if (weight) {
    const d = weight.data;
    if (dtype === 'float32')
      return { dims: weight.shape, data: d instanceof Float32Array ? d : Float32Array.from(d) };
    if (dtype === 'int32')
      return { dims: weight.shape, data: d instanceof Int32Array ? d : Int32Array.from(d) };
    if (dtype === 'int64')
      return { dims: weight.shape, data: BigInt64Array.from(d, (v) => BigInt(Math.trunc(v))) };
    return { dims: weight.shape, data: Uint8Array.from(d, (v) => (v ? 1 : 0)) };
  }
  const t: TfTensorProto | undefined = node.attr.value?.tensor;
  if (!t) throw new ConversionError(`${describeNode(node)}: no weight data and no inline value`);
  const dims = (parseTfShape(t.tensorShape) ?? []).map((d) => d ?? 0);
  const size = dims.reduce((a, b) => a * b, 1);
  const raw =
    (dtype === 'float32'
      ? t.floatVal
      : dtype === 'bool'
        ? t.boolVal
        : dtype === 'int64'
          ? t.int64Val
          : t.intVal) ?? [];
  // TensorProto repeats its last value to fill the shape ("splat" constants).
  const at = (i: number): number => Number(raw[Math.min(i, raw.length - 1)] ?? 0);
  const values = Array.from({ length: size }, (_, i) => at(i));
  if (dtype === 'float32') return { dims, data: Float32Array.from(values) };
  if (dtype === 'int32') return { dims, data: Int32Array.from(values) };
  if (dtype === 'int64') return { dims, data: BigInt64Array.from(values, (v) => BigInt(v)) };
  return { dims, data: Uint8Array.from(values) };
}

/**
 * Converts a loaded TF.js graph model to ONNX bytes. Int64 placeholders become int32 ONNX inputs
 * (TF.js feeds int64 tensors as int32) followed by a Cast, so the model takes the same feeds as in TF.js.
 */
export function convertTfjsGraph(model: TfjsModel, options: ConvertOptions = {}): ConvertedGraph {
  const nodes = parseTfNodes(model.json.modelTopology.node);
  const byName = new Map<string, TfNode>();
  for (const n of nodes) {
    if (byName.has(n.name)) throw new ConversionError(`${describeNode(n)}: duplicate node name`);
    byName.set(n.name, n);
  }
  const consumed = new Set(nodes.flatMap((n) => n.inputs.map((i) => i.node)));
  const outputSpec =
    options.outputs ??
    Object.fromEntries(
      nodes.filter((n) => !consumed.has(n.name) && n.op !== 'Const').map((n) => [n.name, n.name]),
    );
  const outputRefs = Object.entries(outputSpec).map(([onnxName, tf]) => ({ onnxName, ...parseRef(tf) }));
  const order = topologicalOrder(
    byName,
    outputRefs.map((o) => o.node),
  );

  const b = new OnnxGraphBuilder({
    name: options.graphName ?? 'tfjs_graph',
    producerName: 'loci-tfjs-converter',
    producerVersion: options.producerVersion ?? '',
  });
  const infos = new Map<string, TensorInfo>();
  const names = new Map<string, string>();
  const opCounts: Record<string, number> = {};
  const graphInputs: ConvertedGraph['inputs'] = [];
  const lazyConsts = new Map<string, () => string>();
  const nameOf = (key: string): string | undefined => {
    const known = names.get(key);
    if (known !== undefined) return known;
    const make = lazyConsts.get(key);
    if (!make) return undefined;
    const made = make();
    names.set(key, made);
    return made;
  };

  for (const node of order) {
    opCounts[node.op] = (opCounts[node.op] ?? 0) + 1;
    if (node.op === 'Const') {
      checkAttributes(node, ['value']);
      const dtype = attrOf.dtype(node, 'dtype');
      const { dims, data } = constData(node, dtype, model.weights.get(node.name));
      const info: TensorInfo = { dtype, shape: dims };
      if (dtype !== 'float32' && data.length <= MAX_TRACKED_VALUES)
        info.value = Array.from(data as ArrayLike<number | bigint>, Number);
      infos.set(node.name, info);
      // Written only when an emitted ONNX node reads it: many TF constants (axes, perms, slice bounds)
      // become ONNX attributes or are folded away, and unused initializers make ORT complain.
      lazyConsts.set(node.name, () => b.addInitializer(node.name, onnxDType(dtype), dims, data));
      options.onInferred?.(node, [info]);
      continue;
    }
    if (node.op === 'Placeholder') {
      checkAttributes(node, ['shape']);
      const dtype = attrOf.dtype(node, 'dtype');
      const shape = parseTfShape(node.attr.shape?.shape);
      if (shape === null)
        throw new ConversionError(`${describeNode(node)}: inputs of unknown rank are not supported`);
      const feedType: TfDType = dtype === 'int64' ? 'int32' : dtype;
      const dimNames = options.inputDimNames?.[node.name] ?? [];
      const onnxShape: OnnxDim[] = shape.map((d, i) => d ?? dimNames[i] ?? null);
      const input = b.addInput(node.name, onnxDType(feedType), onnxShape);
      graphInputs.push({ name: node.name, dtype: onnxDType(feedType), shape: onnxShape });
      infos.set(node.name, { dtype, shape });
      options.onInferred?.(node, [{ dtype, shape }]);
      names.set(
        node.name,
        feedType === dtype
          ? input
          : b.op('Cast', [input], { to: castCode(dtype) }, { name: `${node.name}/ToInt64` }),
      );
      continue;
    }
    const converter = opConverters[node.op];
    if (!converter) throw new ConversionError(`${describeNode(node)}: unsupported op "${node.op}"`);
    checkAttributes(node, converter.attrs);
    const inputInfos = node.inputs.map((ref) => {
      const info = infos.get(ref.key);
      if (!info)
        throw new ConversionError(`${describeNode(node)}: input ${ref.key} is not produced by its node`);
      return info;
    });
    const outInfos = converter.infer(new InferContext(node, inputInfos));
    options.onInferred?.(node, outInfos);
    const ctx = new EmitContext(
      node,
      inputInfos,
      (i) => (node.inputs[i] ? nameOf(node.inputs[i].key) : undefined),
      outInfos,
      b,
    );
    const outNames = converter.emit(ctx);
    if (outNames.length !== outInfos.length)
      throw new ConversionError(
        `${describeNode(node)}: internal: emitted ${outNames.length} outputs, inferred ${outInfos.length}`,
      );
    outInfos.forEach((info, i) => {
      const key = i === 0 ? node.name : `${node.name}:${i}`;
      infos.set(key, info);
      names.set(key, outNames[i]!);
    });
  }

  const graphOutputs: ConvertedGraph['outputs'] = [];
  for (const o of outputRefs) {
    const info = infos.get(o.key);
    const value = nameOf(o.key);
    if (!info || !value) throw new ConversionError(`output ${o.key} is not produced by the graph`);
    b.addNode('Identity', [value], [o.onnxName], {}, { name: `${o.onnxName}/output` });
    b.addOutput(o.onnxName, onnxDType(info.dtype), info.shape);
    graphOutputs.push({ name: o.onnxName, dtype: onnxDType(info.dtype), shape: info.shape });
  }
  const built = b.build();
  return { bytes: encodeModel(built), model: built, inputs: graphInputs, outputs: graphOutputs, opCounts };
}

/** `node` / `node:0` / `node:2` -> the node name and the canonical tensor key. */
function parseRef(tf: string): { node: string; key: string } {
  const m = /^(.*):(\d+)$/.exec(tf);
  if (!m) return { node: tf, key: tf };
  return { node: m[1]!, key: m[2] === '0' ? m[1]! : tf };
}
