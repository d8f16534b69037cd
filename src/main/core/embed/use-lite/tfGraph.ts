/**
 * The TF.js graph-model format (model.json `modelTopology`: a TensorFlow GraphDef in proto3 JSON) read
 * into typed nodes, plus readers for node attributes that fail with the node's name when an attribute
 * is missing or has an unexpected form.
 */
import type { OnnxDType } from '../onnx/graphBuilder';

/** Tensor element types the converter handles. TF.js has no real int64, but graphs declare it. */
export type TfDType = 'float32' | 'int32' | 'int64' | 'bool';

/** TensorFlow DataType enum (numeric and `DT_*` spellings both occur in model.json files). */
const TF_DTYPES: Record<string, TfDType> = {
  '1': 'float32',
  DT_FLOAT: 'float32',
  '3': 'int32',
  DT_INT32: 'int32',
  '9': 'int64',
  DT_INT64: 'int64',
  '10': 'bool',
  DT_BOOL: 'bool',
};

/** ONNX element type of a TF dtype (identical names; kept as a function so the mapping is explicit). */
export function onnxDType(dtype: TfDType): OnnxDType {
  return dtype;
}

/** One TF attribute value as it appears in model.json (proto3 JSON of tensorflow.AttrValue). */
export interface TfAttrValue {
  s?: string | number[];
  i?: string | number;
  f?: number | string;
  b?: boolean;
  type?: string | number;
  shape?: TfShapeProto;
  tensor?: TfTensorProto;
  list?: {
    s?: (string | number[])[];
    i?: (string | number)[];
    f?: (number | string)[];
    b?: boolean[];
    type?: (string | number)[];
  };
  func?: unknown;
}

export interface TfShapeProto {
  dim?: { size?: string | number }[];
  unknownRank?: boolean;
}

export interface TfTensorProto {
  dtype?: string | number;
  tensorShape?: TfShapeProto;
  floatVal?: (number | string)[];
  intVal?: (number | string)[];
  int64Val?: (number | string)[];
  boolVal?: boolean[];
}

/** A node as stored in model.json. */
export interface TfNodeJson {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfAttrValue>;
  device?: string;
}

/** Reference to one output of a node: `node` or `node:1` in TF notation. */
export interface TfTensorRef {
  node: string;
  index: number;
  /** Canonical key: the node name for output 0, `name:index` otherwise. */
  key: string;
}

export interface TfNode {
  name: string;
  op: string;
  inputs: TfTensorRef[];
  attr: Record<string, TfAttrValue>;
}

/** Thrown for anything the converter cannot translate faithfully; the message names the node and op. */
export class ConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConversionError';
  }
}

/** `node "name" (Op)`, the prefix of every converter error about a node. */
export function describeNode(node: { name: string; op: string }): string {
  return `node "${node.name}" (${node.op})`;
}

export function tensorKey(node: string, index: number): string {
  return index === 0 ? node : `${node}:${index}`;
}

/** Parses `name`, `name:2` (and rejects control inputs `^name`, which callers filter out first). */
export function parseTensorRef(input: string): TfTensorRef {
  const m = /^(.*):(\d+)$/.exec(input);
  const node = m ? m[1]! : input;
  const index = m ? Number(m[2]) : 0;
  return { node, index, key: tensorKey(node, index) };
}

/** Nodes of a model.json topology; control-dependency inputs (`^x`) are dropped (they carry no data). */
export function parseTfNodes(nodes: readonly TfNodeJson[]): TfNode[] {
  return nodes.map((n) => ({
    name: n.name,
    op: n.op,
    inputs: (n.input ?? []).filter((i) => !i.startsWith('^')).map(parseTensorRef),
    attr: n.attr ?? {},
  }));
}

export function parseTfDType(value: string | number | undefined, where: string): TfDType {
  const dtype = value === undefined ? undefined : TF_DTYPES[String(value)];
  if (!dtype) throw new ConversionError(`${where}: unsupported TensorFlow dtype ${String(value)}`);
  return dtype;
}

/** Dims of a TF shape proto; -1 becomes `null`. `null` for an unknown rank. */
export function parseTfShape(shape: TfShapeProto | undefined): (number | null)[] | null {
  if (!shape || shape.unknownRank) return null;
  return (shape.dim ?? []).map((d) => {
    const size = Number(d.size ?? 0);
    return size < 0 ? null : size;
  });
}

function decodeBytes(s: string | number[]): string {
  if (Array.isArray(s)) return String.fromCharCode(...s);
  // proto3 JSON encodes `bytes` as base64.
  return Buffer.from(s, 'base64').toString('latin1');
}

/** Typed readers for a node's attributes; each error names the node. */
export const attrOf = {
  has(node: TfNode, key: string): boolean {
    return node.attr[key] !== undefined;
  },
  int(node: TfNode, key: string, fallback?: number): number {
    const v = node.attr[key];
    if (v?.i !== undefined) return Number(v.i);
    if (fallback !== undefined) return fallback;
    throw new ConversionError(`${describeNode(node)}: missing integer attribute ${key}`);
  },
  bool(node: TfNode, key: string, fallback?: boolean): boolean {
    const v = node.attr[key];
    if (v?.b !== undefined) return v.b;
    if (v && Object.keys(v).length === 0) return false; // proto3 JSON omits false
    if (fallback !== undefined) return fallback;
    throw new ConversionError(`${describeNode(node)}: missing boolean attribute ${key}`);
  },
  string(node: TfNode, key: string, fallback?: string): string {
    const v = node.attr[key];
    if (v?.s !== undefined) return decodeBytes(v.s);
    if (fallback !== undefined) return fallback;
    throw new ConversionError(`${describeNode(node)}: missing string attribute ${key}`);
  },
  ints(node: TfNode, key: string, fallback?: number[]): number[] {
    const v = node.attr[key];
    if (v?.list) return (v.list.i ?? []).map(Number);
    if (fallback !== undefined) return fallback;
    throw new ConversionError(`${describeNode(node)}: missing integer-list attribute ${key}`);
  },
  dtype(node: TfNode, key: string): TfDType {
    return parseTfDType(node.attr[key]?.type, `${describeNode(node)} attribute ${key}`);
  },
};
