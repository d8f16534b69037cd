/**
 * Shape-manipulating ops: Shape, Reshape, ExpandDims, Squeeze, Transpose, Pack, ConcatV2, SplitV,
 * Range. ONNX wants int64 for shapes and axes (inputs or attributes); TF graphs mostly compute them in
 * int32, so casts are inserted here and values are tracked so static shapes survive Shape->Pack chains.
 */
import { knownSize, type Dim, type EmitContext, type InferContext, type TensorInfo } from '../convertContext';
import { attrOf } from '../tfGraph';
import type { OpConverter, OpTable } from './opConverter';

const shape: OpConverter = {
  attrs: ['out_type'],
  infer(ctx: InferContext) {
    const dtype = ctx.node.attr.out_type ? attrOf.dtype(ctx.node, 'out_type') : 'int32';
    if (dtype !== 'int32' && dtype !== 'int64') ctx.fail(`out_type ${dtype} is not an integer type`);
    const s = ctx.input(0).shape;
    const out: TensorInfo = { dtype, shape: [s === null ? null : s.length] };
    if (s !== null) out.value = [...s];
    return [out];
  },
  emit: (ctx) => [ctx.cast(ctx.op('Shape', [ctx.name(0)]), 'int64', ctx.outputs[0]!.dtype)],
};

/** Resolves a TF target shape (with at most one -1) against the input's element count. */
function reshapeTarget(ctx: InferContext): Dim[] | null {
  const target = ctx.input(1);
  if (target.shape === null || target.shape.length !== 1 || target.shape[0] === null) {
    if (target.shape !== null && target.shape.length !== 1) ctx.fail('shape input must be 1-D');
    return null;
  }
  const dims: Dim[] = target.value
    ? target.value.map((v) => v)
    : new Array<Dim>(target.shape[0] ?? 0).fill(null);
  const wildcard = dims.indexOf(-1);
  if (wildcard >= 0) {
    if (dims.lastIndexOf(-1) !== wildcard) ctx.fail('shape has more than one -1');
    const total = knownSize(ctx.input(0).shape);
    const rest = knownSize(dims.filter((_, i) => i !== wildcard));
    dims[wildcard] = total !== null && rest !== null && rest > 0 ? total / rest : null;
  }
  return dims;
}

const reshape: OpConverter = {
  attrs: [],
  infer(ctx: InferContext) {
    const out: TensorInfo = { dtype: ctx.input(0).dtype, shape: reshapeTarget(ctx) };
    if (ctx.input(0).value && out.shape && out.shape.length <= 1) out.value = ctx.input(0).value;
    return [out];
  },
  // allowzero=1: a 0 in a TF shape means an empty dimension, not "copy the input's dimension".
  emit: (ctx) => [ctx.op('Reshape', [ctx.name(0), ctx.int64Input(1)], { allowzero: 1 })],
};

function expandDimsAxis(ctx: InferContext): number {
  const [dim] = ctx.constInts(1, 'dim');
  const rank = ctx.rank(0);
  const axis = dim! < 0 ? dim! + rank + 1 : dim!;
  if (axis < 0 || axis > rank) ctx.fail(`dim ${dim} out of range for rank ${rank}`);
  return axis;
}

const expandDims: OpConverter = {
  attrs: [],
  infer(ctx: InferContext) {
    const axis = expandDimsAxis(ctx);
    const s = [...ctx.input(0).shape!];
    s.splice(axis, 0, 1);
    const out: TensorInfo = { dtype: ctx.input(0).dtype, shape: s };
    if (ctx.input(0).value && s.length <= 1) out.value = ctx.input(0).value;
    return [out];
  },
  emit: (ctx) => [ctx.op('Unsqueeze', [ctx.name(0), ctx.i64([expandDimsAxis(ctx)])])],
};

function squeezeAxes(ctx: InferContext): number[] {
  const listed = ctx.node.attr.squeeze_dims
    ? attrOf.ints(ctx.node, 'squeeze_dims')
    : attrOf.ints(ctx.node, 'axis', []);
  const s = ctx.input(0).shape;
  if (listed.length === 0) {
    if (s === null || s.includes(null)) ctx.fail('squeezing all size-1 dims needs a fully known input shape');
    return s.flatMap((d, i) => (d === 1 ? [i] : []));
  }
  const rank = ctx.rank(0);
  const axes = listed.map((a) => ctx.axis(a, rank));
  for (const a of axes)
    if (s![a] !== null && s![a] !== 1) ctx.fail(`cannot squeeze dim ${a} of size ${s![a]}`);
  return axes;
}

const squeeze: OpConverter = {
  attrs: ['squeeze_dims', 'axis'],
  infer(ctx: InferContext) {
    const axes = squeezeAxes(ctx);
    const s = ctx.input(0).shape!.filter((_, i) => !axes.includes(i));
    return [
      {
        dtype: ctx.input(0).dtype,
        shape: s,
        ...(ctx.input(0).value && s.length <= 1 ? { value: ctx.input(0).value } : {}),
      },
    ];
  },
  emit: (ctx) => [ctx.op('Squeeze', [ctx.name(0), ctx.i64(squeezeAxes(ctx))])],
};

function permutation(ctx: InferContext): number[] {
  const perm = ctx.constInts(1, 'perm');
  const rank = ctx.rank(0);
  if (perm.length !== rank || [...perm].sort((a, b) => a - b).some((p, i) => p !== i))
    ctx.fail(`perm [${perm}] is not a permutation of rank ${rank}`);
  return perm;
}

const transpose: OpConverter = {
  attrs: [],
  infer(ctx: InferContext) {
    const perm = permutation(ctx);
    const s = ctx.input(0).shape!;
    return [{ dtype: ctx.input(0).dtype, shape: perm.map((p) => s[p]!) }];
  },
  emit: (ctx) => [ctx.op('Transpose', [ctx.name(0)], { perm: permutation(ctx) })],
};

function packAxis(ctx: InferContext): number {
  const rank = ctx.rank(0) + 1;
  return ctx.axis(attrOf.int(ctx.node, 'axis', 0), rank);
}

const pack: OpConverter = {
  attrs: ['axis'],
  infer(ctx: InferContext) {
    const first = ctx.input(0);
    ctx.inputs.forEach((inp, i) => {
      if (inp.dtype !== first.dtype)
        ctx.fail(`input ${i} has dtype ${inp.dtype}, input 0 has ${first.dtype}`);
      if (inp.shape?.length !== first.shape?.length) ctx.fail(`input ${i} has a different rank than input 0`);
    });
    const axis = packAxis(ctx);
    const s = [...first.shape!];
    s.splice(axis, 0, ctx.inputs.length);
    const out: TensorInfo = { dtype: first.dtype, shape: s };
    if (s.length === 1 && ctx.inputs.every((i) => i.value)) out.value = ctx.inputs.map((i) => i.value![0]!);
    return [out];
  },
  emit(ctx: EmitContext) {
    const axis = packAxis(ctx);
    const axes = ctx.i64([axis]);
    const parts = ctx.names.map((n) => ctx.op('Unsqueeze', [n, axes]));
    return [parts.length === 1 ? parts[0]! : ctx.op('Concat', parts, { axis })];
  },
};

function concatAxis(ctx: InferContext): number {
  const [axis] = ctx.constInts(ctx.inputs.length - 1, 'axis');
  return ctx.axis(axis!, ctx.rank(0));
}

const concatV2: OpConverter = {
  attrs: [],
  infer(ctx: InferContext) {
    const parts = ctx.inputs.slice(0, -1);
    if (parts.length === 0) ctx.fail('needs at least one tensor to concatenate');
    const axis = concatAxis(ctx);
    const s = [...parts[0]!.shape!];
    parts.forEach((p, i) => {
      if (p.dtype !== parts[0]!.dtype)
        ctx.fail(`input ${i} has dtype ${p.dtype}, input 0 has ${parts[0]!.dtype}`);
      if (p.shape === null || p.shape.length !== s.length)
        ctx.fail(`input ${i} has a different or unknown rank`);
    });
    s[axis] = parts.reduce<Dim>(
      (acc, p) => (acc === null || p.shape![axis] === null ? null : acc + p.shape![axis]!),
      0,
    );
    const out: TensorInfo = { dtype: parts[0]!.dtype, shape: s };
    if (s.length === 1 && parts.every((p) => p.value)) out.value = parts.flatMap((p) => p.value!);
    return [out];
  },
  // The last input is the axis: it becomes an attribute, so it is not materialised as an initializer.
  emit: (ctx) => [
    ctx.op(
      'Concat',
      ctx.inputs.slice(0, -1).map((_, i) => ctx.name(i)),
      { axis: concatAxis(ctx) },
    ),
  ],
};

function splitSizes(ctx: InferContext): { axis: number; sizes: number[] } {
  const rank = ctx.rank(0);
  const [rawAxis] = ctx.constInts(2, 'axis');
  const axis = ctx.axis(rawAxis!, rank);
  const sizes = ctx.constInts(1, 'size_splits');
  if (sizes.length !== attrOf.int(ctx.node, 'num_split'))
    ctx.fail(`num_split does not match ${sizes.length} size_splits`);
  const wildcard = sizes.indexOf(-1);
  if (wildcard >= 0) {
    const dim = ctx.input(0).shape![axis];
    if (dim === null || dim === undefined)
      ctx.fail('a -1 split size needs the split dimension to be known statically');
    sizes[wildcard] = dim - sizes.reduce((a, b, i) => (i === wildcard ? a : a + b), 0);
  }
  return { axis, sizes };
}

const splitV: OpConverter = {
  attrs: ['num_split'],
  infer(ctx: InferContext) {
    const { axis, sizes } = splitSizes(ctx);
    return sizes.map((size) => {
      const s = [...ctx.input(0).shape!];
      s[axis] = size;
      return { dtype: ctx.input(0).dtype, shape: s };
    });
  },
  emit(ctx: EmitContext) {
    const { axis, sizes } = splitSizes(ctx);
    return ctx.ops('Split', [ctx.name(0), ctx.i64(sizes)], sizes.length, { axis });
  },
};

const range: OpConverter = {
  attrs: [],
  infer(ctx: InferContext) {
    const dtype = ctx.expectDType(0, ['float32', 'int32', 'int64']);
    [0, 1, 2].forEach((i) => {
      if (ctx.input(i).dtype !== dtype) ctx.fail(`input ${i} dtype differs from start`);
      if (ctx.rank(i) !== 0) ctx.fail(`input ${i} must be a scalar`);
    });
    const [start, limit, delta] = [0, 1, 2].map((i) => ctx.input(i).value?.[0] ?? null);
    const n =
      start != null && limit != null && delta != null && delta !== 0
        ? Math.max(0, Math.ceil((limit - start) / delta))
        : null;
    return [{ dtype, shape: [n] }];
  },
  // ONNX Range, like TF Range, takes three scalars of one dtype (int32 is allowed: no cast needed).
  emit: (ctx) => [ctx.op('Range', [ctx.name(0), ctx.name(1), ctx.name(2)])],
};

export const shapeOps: OpTable = {
  Shape: shape,
  Reshape: reshape,
  ExpandDims: expandDims,
  Squeeze: squeeze,
  Transpose: transpose,
  Pack: pack,
  ConcatV2: concatV2,
  SplitV: splitV,
  Range: range,
};
