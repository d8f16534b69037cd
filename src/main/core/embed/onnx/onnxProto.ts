/**
 * Plain-object descriptions of the ONNX protobuf messages we emit (ModelProto, GraphProto, NodeProto,
 * TensorProto, AttributeProto, ValueInfoProto) and their encoders. Field numbers follow onnx/onnx.proto.
 * Only the subset a converter or a test-model generator needs is covered: dense tensors with raw_data,
 * the scalar/list/tensor attribute kinds, tensor value infos with fixed or symbolic dims.
 */
import { ProtoWriter } from './protobufWriter';

/** Element types we can write, named as in ONNX Runtime's JS API (`ort.Tensor#type`). */
export type OnnxDType =
  'float32' | 'float64' | 'float16' | 'int8' | 'uint8' | 'int16' | 'int32' | 'int64' | 'bool';

/** TensorProto.DataType enum values. */
export const ONNX_DTYPE_CODE: Record<OnnxDType, number> = {
  float32: 1,
  uint8: 2,
  int8: 3,
  int16: 5,
  int32: 6,
  int64: 7,
  bool: 9,
  float16: 10,
  float64: 11,
};

/** Bytes per element of each dtype in raw_data. */
export const ONNX_DTYPE_BYTES: Record<OnnxDType, number> = {
  float32: 4,
  uint8: 1,
  int8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  bool: 1,
  float16: 2,
  float64: 8,
};

/** A dimension: a fixed size, a symbolic name (`'batch'`), or `null` for unknown. */
export type OnnxDim = number | string | null;

export interface TensorDesc {
  name: string;
  dtype: OnnxDType;
  dims: readonly number[];
  /** Little-endian element bytes, exactly `product(dims) * ONNX_DTYPE_BYTES[dtype]` long. */
  rawData: Uint8Array;
}

export interface ValueInfoDesc {
  name: string;
  dtype: OnnxDType;
  /** `null` means "rank unknown" (no shape field is written). */
  shape: readonly OnnxDim[] | null;
}

export type AttributeDesc =
  | { type: 'float'; value: number }
  | { type: 'int'; value: number | bigint }
  | { type: 'string'; value: string }
  | { type: 'tensor'; value: TensorDesc }
  | { type: 'floats'; value: readonly number[] }
  | { type: 'ints'; value: readonly (number | bigint)[] }
  | { type: 'strings'; value: readonly string[] };

export interface NodeDesc {
  opType: string;
  name: string;
  /** Input value names; `''` marks an omitted optional input. */
  inputs: readonly string[];
  outputs: readonly string[];
  attributes: Readonly<Record<string, AttributeDesc>>;
  domain?: string;
}

export interface GraphDesc {
  name: string;
  nodes: readonly NodeDesc[];
  initializers: readonly TensorDesc[];
  inputs: readonly ValueInfoDesc[];
  outputs: readonly ValueInfoDesc[];
  valueInfo?: readonly ValueInfoDesc[];
}

export interface ModelDesc {
  graph: GraphDesc;
  irVersion: number;
  opsetImports: readonly { domain: string; version: number }[];
  producerName?: string;
  producerVersion?: string;
  docString?: string;
  metadata?: Readonly<Record<string, string>>;
}

const ATTRIBUTE_TYPE_CODE = {
  float: 1,
  int: 2,
  string: 3,
  tensor: 4,
  floats: 6,
  ints: 7,
  strings: 8,
} as const;

function writeTensor(w: ProtoWriter, t: TensorDesc): void {
  const count = t.dims.reduce((a, b) => a * b, 1);
  const expected = count * ONNX_DTYPE_BYTES[t.dtype];
  if (t.rawData.length !== expected) {
    throw new Error(
      `tensor ${t.name}: ${t.rawData.length} bytes of data for dims [${t.dims}] ${t.dtype} (expected ${expected})`,
    );
  }
  for (const d of t.dims) w.int(1, d);
  w.int(2, ONNX_DTYPE_CODE[t.dtype]);
  if (t.name) w.string(8, t.name);
  w.bytes(9, t.rawData);
}

function writeAttribute(w: ProtoWriter, name: string, a: AttributeDesc): void {
  w.string(1, name);
  switch (a.type) {
    case 'float':
      w.float(2, a.value);
      break;
    case 'int':
      w.int(3, a.value);
      break;
    case 'string':
      w.string(4, a.value);
      break;
    case 'tensor':
      w.message(5, (m) => writeTensor(m, a.value));
      break;
    case 'floats':
      for (const f of a.value) w.float(7, f);
      break;
    case 'ints':
      for (const i of a.value) w.int(8, i);
      break;
    case 'strings':
      for (const s of a.value) w.string(9, s);
      break;
  }
  w.int(20, ATTRIBUTE_TYPE_CODE[a.type]);
}

function writeNode(w: ProtoWriter, n: NodeDesc): void {
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  if (n.name) w.string(3, n.name);
  w.string(4, n.opType);
  for (const [name, a] of Object.entries(n.attributes)) w.message(5, (m) => writeAttribute(m, name, a));
  if (n.domain) w.string(7, n.domain);
}

function writeValueInfo(w: ProtoWriter, v: ValueInfoDesc): void {
  w.string(1, v.name);
  w.message(2, (type) =>
    type.message(1, (tensorType) => {
      tensorType.int(1, ONNX_DTYPE_CODE[v.dtype]);
      if (v.shape === null) return;
      tensorType.message(2, (shape) => {
        for (const d of v.shape ?? []) {
          shape.message(1, (dim) => {
            if (typeof d === 'number') dim.int(1, d);
            else if (typeof d === 'string') dim.string(2, d);
            // null: an empty Dimension message means "unknown size".
          });
        }
      });
    }),
  );
}

function writeGraph(w: ProtoWriter, g: GraphDesc): void {
  for (const n of g.nodes) w.message(1, (m) => writeNode(m, n));
  w.string(2, g.name);
  for (const t of g.initializers) w.message(5, (m) => writeTensor(m, t));
  for (const v of g.inputs) w.message(11, (m) => writeValueInfo(m, v));
  for (const v of g.outputs) w.message(12, (m) => writeValueInfo(m, v));
  for (const v of g.valueInfo ?? []) w.message(13, (m) => writeValueInfo(m, v));
}

/** Serialises a model description to ONNX protobuf bytes (loadable by `ort.InferenceSession.create`). */
export function encodeModel(model: ModelDesc): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, model.irVersion);
  if (model.producerName) w.string(2, model.producerName);
  if (model.producerVersion) w.string(3, model.producerVersion);
  if (model.docString) w.string(6, model.docString);
  w.message(7, (m) => writeGraph(m, model.graph));
  for (const o of model.opsetImports) {
    w.message(8, (m) => {
      if (o.domain) m.string(1, o.domain);
      m.int(2, o.version);
    });
  }
  for (const [key, value] of Object.entries(model.metadata ?? {})) {
    w.message(14, (m) => m.string(1, key).string(2, value));
  }
  return w.finish();
}
