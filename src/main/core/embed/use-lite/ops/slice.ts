/**
 * Slice and StridedSlice. StridedSlice's five bit masks are resolved at conversion time into one ONNX
 * Slice (the ranged axes), a Squeeze (shrink_axis_mask) and an Unsqueeze (new_axis_mask), following
 * TensorFlow's own canonicalisation (`ValidateStridedSliceOp`): shrunk axes ignore the masks and take
 * exactly `begin`, an ellipsis expands to the dims no other entry consumes.
 */
import {
  INT64_MAX,
  INT64_MIN,
  type Dim,
  type EmitContext,
  type InferContext,
  type TensorInfo,
} from '../convertContext';
import { attrOf } from '../tfGraph';
import type { OpConverter, OpTable } from './opConverter';

interface AxisRange {
  axis: number;
  /** ±Infinity stand for "from/to the very end", written as int64 extremes. */
  start: number;
  end: number;
  step: number;
}

interface SlicePlan {
  ranges: AxisRange[];
  /** Input axes removed after slicing. */
  shrink: number[];
  /** Output positions of inserted size-1 axes. */
  newAxes: number[];
}

/** Number of elements python/ONNX slicing keeps from a dimension of size `dim`. */
function sliceLength(dim: number, r: AxisRange): number {
  const norm = (v: number): number => (v < 0 && Number.isFinite(v) ? v + dim : v);
  let start = norm(r.start);
  let end = norm(r.end);
  if (r.step > 0) {
    start = Math.min(Math.max(start, 0), dim);
    end = Math.min(Math.max(end, 0), dim);
    return Math.max(0, Math.ceil((end - start) / r.step));
  }
  start = Math.min(Math.max(start, -1), dim - 1);
  end = Math.min(Math.max(end, -1), dim - 1);
  return Math.max(0, Math.ceil((start - end) / -r.step));
}

function sliceValues(values: (number | null)[], r: AxisRange): (number | null)[] {
  const dim = values.length;
  const out: (number | null)[] = [];
  const n = sliceLength(dim, r);
  let i =
    r.start === -Infinity || r.start === Infinity
      ? r.step > 0
        ? 0
        : dim - 1
      : r.start < 0
        ? r.start + dim
        : r.start;
  i = r.step > 0 ? Math.max(0, Math.min(i, dim)) : Math.max(-1, Math.min(i, dim - 1));
  for (let k = 0; k < n; k++, i += r.step) out.push(values[i] ?? null);
  return out;
}

function stridedSlicePlan(ctx: InferContext): SlicePlan {
  const begin = ctx.constInts(1, 'begin');
  const end = ctx.constInts(2, 'end');
  const strides = ctx.constInts(3, 'strides');
  if (begin.length !== end.length || begin.length !== strides.length)
    ctx.fail('begin, end and strides differ in length');
  const mask = (key: string): number => attrOf.int(ctx.node, key, 0);
  const [beginMask, endMask, ellipsisMask, newAxisMask, shrinkMask] = [
    'begin_mask',
    'end_mask',
    'ellipsis_mask',
    'new_axis_mask',
    'shrink_axis_mask',
  ].map(mask) as [number, number, number, number, number];
  const bit = (m: number, i: number): boolean => ((m >> i) & 1) === 1;
  const k = begin.length;
  if (ellipsisMask & (ellipsisMask - 1)) ctx.fail('more than one ellipsis in ellipsis_mask');
  if (newAxisMask & shrinkMask)
    ctx.fail('an entry with both new_axis_mask and shrink_axis_mask is not supported');
  const rank = ctx.rank(0);
  let consuming = 0;
  for (let i = 0; i < k; i++) if (!bit(ellipsisMask, i) && !bit(newAxisMask, i)) consuming++;
  const free = rank - consuming;
  if (free < 0) ctx.fail(`slice spec addresses ${consuming} dims of a rank-${rank} input`);

  const plan: SlicePlan = { ranges: [], shrink: [], newAxes: [] };
  let axis = 0;
  let outPos = 0;
  for (let i = 0; i < k; i++) {
    if (bit(ellipsisMask, i)) {
      axis += free;
      outPos += free;
      continue;
    }
    if (bit(newAxisMask, i)) {
      plan.newAxes.push(outPos++);
      continue;
    }
    const step = strides[i]!;
    if (step === 0) ctx.fail(`stride ${i} is zero`);
    if (bit(shrinkMask, i)) {
      if (step !== 1) ctx.fail('shrink_axis_mask with a stride other than 1 is not supported');
      const b = begin[i]!;
      plan.ranges.push({ axis, start: b, end: b === -1 ? Infinity : b + 1, step: 1 });
      plan.shrink.push(axis++);
      continue;
    }
    const start = bit(beginMask, i) ? (step > 0 ? 0 : Infinity) : begin[i]!;
    const stop = bit(endMask, i) ? (step > 0 ? Infinity : -Infinity) : end[i]!;
    if (!(start === 0 && stop === Infinity && step === 1)) plan.ranges.push({ axis, start, end: stop, step });
    axis++;
    outPos++;
  }
  return plan;
}

function applyPlanToShape(input: TensorInfo, plan: SlicePlan): TensorInfo {
  const dims: Dim[] = [...input.shape!];
  for (const r of plan.ranges) {
    const d = dims[r.axis];
    dims[r.axis] = d === null || d === undefined ? null : sliceLength(d, r);
  }
  const kept = dims.filter((_, i) => !plan.shrink.includes(i));
  for (const pos of plan.newAxes) kept.splice(pos, 0, 1);
  const out: TensorInfo = { dtype: input.dtype, shape: kept };
  if (input.value && input.shape!.length === 1 && plan.newAxes.length === 0) {
    const r = plan.ranges[0];
    out.value = r ? sliceValues(input.value, r) : input.value;
  }
  return out;
}

const toInt64 = (v: number): bigint => (v === Infinity ? INT64_MAX : v === -Infinity ? INT64_MIN : BigInt(v));

function emitPlan(ctx: EmitContext, plan: SlicePlan): string {
  let x = ctx.name(0);
  if (plan.ranges.length > 0) {
    const col = <K extends keyof AxisRange>(key: K): bigint[] => plan.ranges.map((r) => toInt64(r[key]));
    x = ctx.op('Slice', [
      x,
      ctx.i64(col('start')),
      ctx.i64(col('end')),
      ctx.i64(col('axis')),
      ctx.i64(col('step')),
    ]);
  }
  if (plan.shrink.length > 0) x = ctx.op('Squeeze', [x, ctx.i64(plan.shrink)]);
  if (plan.newAxes.length > 0) x = ctx.op('Unsqueeze', [x, ctx.i64(plan.newAxes)]);
  return x === ctx.name(0) ? ctx.op('Identity', [x]) : x;
}

const stridedSlice: OpConverter = {
  attrs: ['begin_mask', 'end_mask', 'ellipsis_mask', 'new_axis_mask', 'shrink_axis_mask'],
  infer: (ctx) => [applyPlanToShape(ctx.input(0), stridedSlicePlan(ctx))],
  emit: (ctx) => [emitPlan(ctx, stridedSlicePlan(ctx))],
};

/** TF Slice(input, begin, size) with size -1 meaning "to the end". */
function constSlicePlan(ctx: InferContext): SlicePlan | null {
  const b = ctx.input(1).value;
  const s = ctx.input(2).value;
  if (!b || !s || b.includes(null) || s.includes(null)) return null;
  return {
    ranges: (b as number[]).map((start, axis) => ({
      axis,
      start,
      end: s[axis] === -1 ? Infinity : start + s[axis]!,
      step: 1,
    })),
    shrink: [],
    newAxes: [],
  };
}

const slice: OpConverter = {
  attrs: [],
  infer(ctx: InferContext) {
    const rank = ctx.rank(0);
    if (ctx.input(1).shape?.[0] !== rank && ctx.input(1).shape?.[0] !== null)
      ctx.fail('begin length differs from the input rank');
    const plan = constSlicePlan(ctx);
    if (plan) return [applyPlanToShape(ctx.input(0), plan)];
    return [{ dtype: ctx.input(0).dtype, shape: new Array<Dim>(rank).fill(null) }];
  },
  emit(ctx: EmitContext) {
    const plan = constSlicePlan(ctx);
    if (plan) return [emitPlan(ctx, plan)];
    // Bounds known only at run time: ends = size == -1 ? INT64_MAX : begin + size.
    const starts = ctx.int64Input(1);
    const sizes = ctx.int64Input(2);
    const toEnd = ctx.op('Equal', [sizes, ctx.i64([-1], true)]);
    const ends = ctx.op('Where', [toEnd, ctx.i64([INT64_MAX], true), ctx.op('Add', [starts, sizes])]);
    return [ctx.op('Slice', [ctx.name(0), starts, ends])];
  },
};

export const sliceOps: OpTable = {
  StridedSlice: stridedSlice,
  Slice: slice,
};
