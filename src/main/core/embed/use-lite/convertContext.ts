/**
 * What an op converter sees: the TF node, the statically inferred type/shape of each input, and (while
 * emitting) the ONNX builder with helpers for the casts and int64 constants ONNX keeps asking for.
 */
import type { AttrValue, OnnxGraphBuilder } from '../onnx/graphBuilder';
import { ConversionError, describeNode, onnxDType, type TfDType, type TfNode } from './tfGraph';

/** A dimension: its size, or `null` when it depends on the input. */
export type Dim = number | null;

/** Statically known facts about one tensor. */
export interface TensorInfo {
  dtype: TfDType;
  /** Dims, or `null` when even the rank is unknown. */
  shape: Dim[] | null;
  /**
   * Element values (row-major) when known at conversion time: constants and the small integer
   * tensors of shape arithmetic (`Shape` -> `StridedSlice` -> `Pack`). `null` entries are unknown.
   */
  value?: (number | null)[];
}

/** int64 extremes ONNX Slice uses for "to the end" / "from the end". */
export const INT64_MAX = 2n ** 63n - 1n;
export const INT64_MIN = -(2n ** 63n);

/** Read-only view of one node during the static type/shape inference pass. */
export class InferContext {
  constructor(
    readonly node: TfNode,
    readonly inputs: readonly TensorInfo[],
  ) {}

  /** Throws a ConversionError naming this node and op. */
  fail(message: string): never {
    throw new ConversionError(`${describeNode(this.node)}: ${message}`);
  }

  input(i: number): TensorInfo {
    const info = this.inputs[i];
    if (!info) this.fail(`expects at least ${i + 1} inputs, got ${this.inputs.length}`);
    return info;
  }

  /** Rank of input `i`; fails when the static pass could not determine it. */
  rank(i: number): number {
    const shape = this.input(i).shape;
    if (shape === null) this.fail(`needs the rank of input ${i}, which is not known statically`);
    return shape.length;
  }

  /** Fully known integer values of input `i` (a Const or statically computable), else fails with `what`. */
  constInts(i: number, what: string): number[] {
    const v = this.input(i).value;
    if (!v || v.some((x) => x === null)) this.fail(`${what} (input ${i}) must be known at conversion time`);
    return v as number[];
  }

  /** Fails unless input `i` has one of the given dtypes. */
  expectDType(i: number, allowed: readonly TfDType[]): TfDType {
    const dtype = this.input(i).dtype;
    if (!allowed.includes(dtype))
      this.fail(`input ${i} has dtype ${dtype}; supported: ${allowed.join(', ')}`);
    return dtype;
  }

  /** Normalises a possibly negative axis against `rank`, failing when out of range. */
  axis(axis: number, rank: number): number {
    const a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) this.fail(`axis ${axis} out of range for rank ${rank}`);
    return a;
  }
}

/** Inference context plus the ONNX builder, for the emission pass. */
export class EmitContext extends InferContext {
  constructor(
    node: TfNode,
    inputs: readonly TensorInfo[],
    /** ONNX value name of the node's input `i` (constants are materialised on first use). */
    private readonly resolveName: (i: number) => string | undefined,
    /** Inferred facts about the node's outputs. */
    readonly outputs: readonly TensorInfo[],
    readonly b: OnnxGraphBuilder,
  ) {
    super(node, inputs);
  }

  /** ONNX value name of input `i`. */
  name(i: number): string {
    const n = this.resolveName(i);
    if (n === undefined) this.fail(`expects at least ${i + 1} inputs, got ${this.inputs.length}`);
    return n;
  }

  /** ONNX value names of all inputs. */
  get names(): string[] {
    return this.inputs.map((_, i) => this.name(i));
  }

  /** Adds one single-output ONNX node, named after the TF node for traceability. */
  op(opType: string, inputs: readonly string[], attrs: Readonly<Record<string, AttrValue>> = {}): string {
    return this.b.op(opType, inputs, attrs, { name: `${this.node.name}/${opType}` });
  }

  /** Adds one multi-output ONNX node. */
  ops(
    opType: string,
    inputs: readonly string[],
    count: number,
    attrs: Readonly<Record<string, AttrValue>> = {},
  ): string[] {
    return this.b.addNode(opType, inputs, count, attrs, { name: `${this.node.name}/${opType}` });
  }

  /** An int64 initializer holding `values` (1-D, or a scalar when `scalar`). */
  i64(values: readonly (number | bigint)[], scalar = false): string {
    if (scalar && values.length !== 1) this.fail('internal: scalar constant needs exactly one value');
    return this.b.addConstant(
      `${this.node.name}/const`,
      'int64',
      scalar ? [] : [values.length],
      values.map((v) => BigInt(v)),
    );
  }

  /** A constant of the given TF dtype (1-D, or a scalar when `scalar`). */
  constant(dtype: TfDType, values: readonly number[], scalar = false): string {
    const dims = scalar ? [] : [values.length];
    if (dtype === 'int64')
      return this.b.addConstant(
        `${this.node.name}/const`,
        'int64',
        dims,
        values.map((v) => BigInt(v)),
      );
    if (dtype === 'bool')
      return this.b.addConstant(
        `${this.node.name}/const`,
        'bool',
        dims,
        values.map((v) => (v ? 1 : 0)),
      );
    return this.b.addConstant(`${this.node.name}/const`, onnxDType(dtype), dims, values);
  }

  /** `value` cast from `from` to `to` (no node when they are equal). */
  cast(value: string, from: TfDType, to: TfDType): string {
    return from === to ? value : this.op('Cast', [value], { to: castCode(to) });
  }

  /** Input `i` as int64, as ONNX requires for shapes, Slice bounds, GatherND/ScatterND indices. */
  int64Input(i: number): string {
    return this.cast(this.name(i), this.input(i).dtype, 'int64');
  }
}

const CAST_CODES: Record<TfDType, number> = { float32: 1, int32: 6, int64: 7, bool: 9 };

/** ONNX TensorProto.DataType code for Cast's `to` attribute. */
export function castCode(dtype: TfDType): number {
  return CAST_CODES[dtype];
}

/** Numpy-style broadcast of two static shapes (unknown dims stay unknown; `null` rank wins). */
export function broadcastShapes(ctx: InferContext, a: Dim[] | null, b: Dim[] | null): Dim[] | null {
  if (a === null || b === null) return null;
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    // Missing leading dims count as 1 (`??` would also turn an unknown `null` dim into 1).
    const ia = a.length - rank + i;
    const ib = b.length - rank + i;
    const x = ia >= 0 ? a[ia]! : 1;
    const y = ib >= 0 ? b[ib]! : 1;
    if (x === 1) out.push(y);
    else if (y === 1) out.push(x);
    else if (x === null) out.push(y);
    else if (y === null || x === y) out.push(x);
    else ctx.fail(`cannot broadcast shapes [${a}] and [${b}]`);
  }
  return out;
}

/** Number of elements of a fully known shape, else null. */
export function knownSize(shape: Dim[] | null): number | null {
  if (shape === null || shape.some((d) => d === null)) return null;
  return (shape as number[]).reduce((x, y) => x * y, 1);
}
