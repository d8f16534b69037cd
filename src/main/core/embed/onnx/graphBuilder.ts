/**
 * A tiny builder for ONNX graphs: declare inputs and outputs, add initializers (weights and constants)
 * and nodes in topological order, then serialise to bytes that `ort.InferenceSession.create` loads.
 * Used by the TF.js -> ONNX converter and by tests that need a small real model. See ./README.md.
 */
import {
  encodeModel,
  type AttributeDesc,
  type ModelDesc,
  type NodeDesc,
  type OnnxDim,
  type OnnxDType,
  type TensorDesc,
  type ValueInfoDesc,
} from './onnxProto';

export type { OnnxDType, OnnxDim, AttributeDesc, TensorDesc, ModelDesc } from './onnxProto';

/** Values accepted as tensor contents: a typed array of the matching width, or plain JS numbers. */
export type TensorData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | BigInt64Array
  | readonly number[]
  | readonly bigint[]
  | readonly boolean[];

/**
 * An attribute value. Plain JS values are mapped like `onnx.helper.make_attribute`: an integer number
 * or bigint -> INT, a non-integer number -> FLOAT, a string -> STRING, an array of numbers -> INTS when
 * all are integers (else FLOATS), an array of strings -> STRINGS. Use `attr.float(1)` / `attr.floats([1, 2])`
 * when a float attribute happens to hold whole numbers (e.g. `alpha: attr.float(1)`).
 */
export type AttrValue =
  number | bigint | string | readonly number[] | readonly bigint[] | readonly string[] | AttributeDesc;

/** Explicitly typed attribute values, for the cases plain JS values cannot express. */
export const attr = {
  float: (value: number): AttributeDesc => ({ type: 'float', value }),
  floats: (value: readonly number[]): AttributeDesc => ({ type: 'floats', value }),
  int: (value: number | bigint): AttributeDesc => ({ type: 'int', value }),
  ints: (value: readonly (number | bigint)[]): AttributeDesc => ({ type: 'ints', value }),
  string: (value: string): AttributeDesc => ({ type: 'string', value }),
  strings: (value: readonly string[]): AttributeDesc => ({ type: 'strings', value }),
  /** A tensor attribute (e.g. `Constant`'s `value`, `ConstantOfShape`'s `value`). */
  tensor: (dtype: OnnxDType, dims: readonly number[], data: TensorData): AttributeDesc => ({
    type: 'tensor',
    value: { name: '', dtype, dims, rawData: tensorBytes(dtype, data) },
  }),
};

function isAttributeDesc(v: AttrValue): v is AttributeDesc {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'type' in v;
}

function toAttribute(name: string, v: AttrValue): AttributeDesc {
  if (isAttributeDesc(v)) return v;
  if (typeof v === 'bigint') return { type: 'int', value: v };
  if (typeof v === 'number')
    return Number.isInteger(v) ? { type: 'int', value: v } : { type: 'float', value: v };
  if (typeof v === 'string') return { type: 'string', value: v };
  const list = v as readonly (number | bigint | string)[];
  if (list.every((x) => typeof x === 'string')) return { type: 'strings', value: list as string[] };
  if (list.every((x) => typeof x === 'bigint' || (typeof x === 'number' && Number.isInteger(x)))) {
    return { type: 'ints', value: list as (number | bigint)[] };
  }
  if (list.every((x) => typeof x === 'number')) return { type: 'floats', value: list as number[] };
  throw new TypeError(`attribute ${name}: cannot infer an ONNX type for ${JSON.stringify(list)}`);
}

const TYPED_ARRAY_FOR = {
  float32: Float32Array,
  float64: Float64Array,
  float16: Uint16Array,
  int8: Int8Array,
  uint8: Uint8Array,
  bool: Uint8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
} as const;

/** Little-endian bytes of `data` as `dtype` (typed arrays must already have the dtype's element width). */
export function tensorBytes(dtype: OnnxDType, data: TensorData): Uint8Array {
  if (ArrayBuffer.isView(data)) {
    if (!(data instanceof TYPED_ARRAY_FOR[dtype])) {
      throw new TypeError(
        `${data.constructor.name} does not hold ${dtype} elements (use ${TYPED_ARRAY_FOR[dtype].name})`,
      );
    }
    // Copied, so later changes to the caller's array do not leak into the model. Typed arrays are
    // host-endian; every platform Node and ONNX Runtime ship for is little-endian.
    return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  }
  const list = data as readonly (number | bigint | boolean)[];
  switch (dtype) {
    case 'float32':
      return tensorBytes(dtype, Float32Array.from(list, Number));
    case 'float64':
      return tensorBytes(dtype, Float64Array.from(list, Number));
    case 'int32':
      return tensorBytes(dtype, Int32Array.from(list, Number));
    case 'int64':
      return tensorBytes(
        dtype,
        BigInt64Array.from(list, (x) => BigInt(x)),
      );
    case 'int8':
      return tensorBytes(dtype, Int8Array.from(list, Number));
    case 'uint8':
    case 'bool':
      return tensorBytes(dtype, Uint8Array.from(list, Number));
    case 'int16':
      return tensorBytes(dtype, Int16Array.from(list, Number));
    case 'float16':
      throw new TypeError('float16 tensors must be given as a Uint16Array of raw half-precision bits');
  }
}

export interface GraphBuilderOptions {
  /** Graph name written into the model (default `'graph'`). */
  name?: string;
  /** Default-domain opset version (default 17). */
  opset?: number;
  producerName?: string;
  producerVersion?: string;
}

export interface NodeOptions {
  /** Node name; defaults to a unique name derived from the op type. */
  name?: string;
  /** Operator domain; `''` (default) is the standard ONNX domain. */
  domain?: string;
}

/**
 * Builds one ONNX model (IR version 8, opset 17 by default). Every `add*` method returns the value name(s)
 * it defined, so graphs read as straight-line code: `const y = b.op('Add', [b.op('MatMul', [x, w]), bias])`.
 * Nodes must be added in topological order; an input that names no earlier value throws immediately.
 */
export class OnnxGraphBuilder {
  private readonly nodes: NodeDesc[] = [];
  private readonly initializers: TensorDesc[] = [];
  private readonly inputs: ValueInfoDesc[] = [];
  private readonly outputs: ValueInfoDesc[] = [];
  private readonly valueInfo: ValueInfoDesc[] = [];
  private readonly defined = new Set<string>();
  private readonly usedNames = new Set<string>();
  private readonly metadata: Record<string, string> = {};

  constructor(private readonly options: GraphBuilderOptions = {}) {}

  /** A value/node name not used yet, derived from `hint` (`hint`, `hint_1`, `hint_2`, ...). */
  uniqueName(hint: string): string {
    let name = hint;
    for (let i = 1; this.usedNames.has(name); i++) name = `${hint}_${i}`;
    this.usedNames.add(name);
    return name;
  }

  private define(name: string): string {
    if (this.defined.has(name)) throw new Error(`ONNX value ${name} is defined twice`);
    this.defined.add(name);
    this.usedNames.add(name);
    return name;
  }

  /** True when `name` is already an input, initializer or node output. */
  has(name: string): boolean {
    return this.defined.has(name);
  }

  /** Declares a graph input. `shape` entries: a size, a symbolic name such as `'batch'`, or `null`. */
  addInput(name: string, dtype: OnnxDType, shape: readonly OnnxDim[]): string {
    this.inputs.push({ name, dtype, shape });
    return this.define(name);
  }

  /** Declares an already-defined value as a graph output (`shape: null` leaves the rank unstated). */
  addOutput(name: string, dtype: OnnxDType, shape: readonly OnnxDim[] | null): string {
    if (!this.defined.has(name)) throw new Error(`graph output ${name} is not produced by any node or input`);
    this.outputs.push({ name, dtype, shape });
    return name;
  }

  /** Records a known type/shape for an intermediate value (optional; helps tools, not needed by ORT). */
  addValueInfo(name: string, dtype: OnnxDType, shape: readonly OnnxDim[] | null): void {
    this.valueInfo.push({ name, dtype, shape });
  }

  /** Adds a named constant tensor (weights). `data` holds `product(dims)` elements in row-major order. */
  addInitializer(name: string, dtype: OnnxDType, dims: readonly number[], data: TensorData): string {
    this.initializers.push({ name, dtype, dims: [...dims], rawData: tensorBytes(dtype, data) });
    return this.define(name);
  }

  /** Like `addInitializer` but picks a fresh name from `hint`; handy for small shape/axis constants. */
  addConstant(hint: string, dtype: OnnxDType, dims: readonly number[], data: TensorData): string {
    return this.addInitializer(this.uniqueName(hint), dtype, dims, data);
  }

  /**
   * Adds a node. `outputs` is either the output names or how many fresh names to generate.
   * Returns the output names. `''` in `inputs` skips an optional input.
   */
  addNode(
    opType: string,
    inputs: readonly string[],
    outputs: readonly string[] | number = 1,
    attributes: Readonly<Record<string, AttrValue>> = {},
    options: NodeOptions = {},
  ): string[] {
    const name = options.name !== undefined ? this.uniqueName(options.name) : this.uniqueName(opType);
    for (const input of inputs) {
      if (input !== '' && !this.defined.has(input)) {
        throw new Error(
          `node ${name} (${opType}): input ${input} is not defined yet (add nodes in topological order)`,
        );
      }
    }
    const outNames =
      typeof outputs === 'number'
        ? Array.from({ length: outputs }, (_, i) =>
            this.uniqueName(outputs === 1 ? `${name}_out` : `${name}_out${i}`),
          )
        : [...outputs];
    for (const out of outNames) {
      if (this.defined.has(out))
        throw new Error(`node ${name} (${opType}): output ${out} is already defined`);
      this.defined.add(out);
      this.usedNames.add(out);
    }
    const attrs: Record<string, AttributeDesc> = {};
    for (const [key, value] of Object.entries(attributes)) attrs[key] = toAttribute(key, value);
    this.nodes.push({
      opType,
      name,
      inputs: [...inputs],
      outputs: outNames,
      attributes: attrs,
      domain: options.domain ?? '',
    });
    return outNames;
  }

  /** Single-output shorthand for `addNode`: returns the one output name. */
  op(
    opType: string,
    inputs: readonly string[],
    attributes: Readonly<Record<string, AttrValue>> = {},
    options: NodeOptions = {},
  ): string {
    return this.addNode(opType, inputs, 1, attributes, options)[0]!;
  }

  /** Adds a key/value pair to the model's metadata_props (visible as `session.metadata` tools). */
  setMetadata(key: string, value: string): void {
    this.metadata[key] = value;
  }

  /** Number of nodes added so far. */
  get nodeCount(): number {
    return this.nodes.length;
  }

  /** The model as plain objects (for inspection in tests). */
  build(): ModelDesc {
    if (this.outputs.length === 0) throw new Error('ONNX graph has no outputs');
    return {
      irVersion: 8,
      opsetImports: [{ domain: '', version: this.options.opset ?? 17 }],
      producerName: this.options.producerName ?? 'loci',
      producerVersion: this.options.producerVersion ?? '',
      metadata: this.metadata,
      graph: {
        name: this.options.name ?? 'graph',
        nodes: this.nodes,
        initializers: this.initializers,
        inputs: this.inputs,
        outputs: this.outputs,
        valueInfo: this.valueInfo,
      },
    };
  }

  /** Serialised ONNX model bytes. */
  toBytes(): Uint8Array {
    return encodeModel(this.build());
  }
}
