/**
 * Broadcasting binary ops (arithmetic, comparisons, logic) and Cast. TF and ONNX share numpy
 * broadcasting, so these map one to one; the work is checking dtypes and tracking small int values.
 */
import { broadcastShapes, castCode, type InferContext, type TensorInfo } from '../convertContext';
import type { TfDType } from '../tfGraph';
import { attrOf } from '../tfGraph';
import { combineValues, type OpConverter, type OpTable } from './opConverter';

const NUMERIC: readonly TfDType[] = ['float32', 'int32', 'int64'];

interface BinarySpec {
  onnx: string;
  /** Dtypes TF allows and ONNX Runtime implements for this op. */
  dtypes: readonly TfDType[];
  /** Output is bool (comparisons) rather than the input dtype. */
  boolOut?: boolean;
  /** Value rule for shape arithmetic on known integers. */
  fold?: (x: number, y: number) => number;
}

function binaryInfer(ctx: InferContext, spec: BinarySpec): TensorInfo[] {
  const a = ctx.input(0);
  const b = ctx.input(1);
  ctx.expectDType(0, spec.dtypes);
  if (a.dtype !== b.dtype) ctx.fail(`operand dtypes differ (${a.dtype} vs ${b.dtype})`);
  const shape = broadcastShapes(ctx, a.shape, b.shape);
  const out: TensorInfo = { dtype: spec.boolOut ? 'bool' : a.dtype, shape };
  const smallInts = a.dtype !== 'float32' && shape !== null && shape.length <= 1;
  if (spec.fold && smallInts && (a.shape?.length ?? 2) <= 1 && (b.shape?.length ?? 2) <= 1) {
    const v = combineValues(a.value, b.value, spec.fold);
    if (v) out.value = v;
  }
  return [out];
}

function binary(spec: BinarySpec): OpConverter {
  return {
    attrs: [],
    infer: (ctx) => binaryInfer(ctx, spec),
    emit: (ctx) => [ctx.op(spec.onnx, [ctx.name(0), ctx.name(1)])],
  };
}

const cast: OpConverter = {
  attrs: ['Truncate'],
  infer(ctx: InferContext) {
    const to = attrOf.dtype(ctx.node, 'DstT');
    // Truncate only changes float -> narrower float rounding, which none of our dtypes involve, but a
    // graph that asks for it expects something we do not model: refuse rather than guess.
    if (attrOf.bool(ctx.node, 'Truncate', false)) ctx.fail('Truncate=true is not supported');
    const from = ctx.input(0);
    const out: TensorInfo = { dtype: to, shape: from.shape };
    if (from.value && to !== 'float32')
      out.value = from.value.map((v) =>
        v === null ? null : to === 'bool' ? Number(v !== 0) : Math.trunc(v),
      );
    return [out];
  },
  emit: (ctx) => [ctx.op('Cast', [ctx.name(0)], { to: castCode(ctx.outputs[0]!.dtype) })],
};

const logicalNot: OpConverter = {
  attrs: [],
  infer(ctx: InferContext) {
    ctx.expectDType(0, ['bool']);
    return [{ dtype: 'bool', shape: ctx.input(0).shape }];
  },
  emit: (ctx) => [ctx.op('Not', [ctx.name(0)])],
};

const trunc = (x: number): number => Math.trunc(x);

export const elementwiseOps: OpTable = {
  Add: binary({ onnx: 'Add', dtypes: NUMERIC, fold: (x, y) => x + y }),
  AddV2: binary({ onnx: 'Add', dtypes: NUMERIC, fold: (x, y) => x + y }),
  Sub: binary({ onnx: 'Sub', dtypes: NUMERIC, fold: (x, y) => x - y }),
  Mul: binary({ onnx: 'Mul', dtypes: NUMERIC, fold: (x, y) => x * y }),
  // TF RealDiv is only defined for floats; integer division is FloorDiv/TruncateDiv (not used here).
  RealDiv: binary({ onnx: 'Div', dtypes: ['float32'] }),
  Maximum: binary({ onnx: 'Max', dtypes: NUMERIC, fold: (x, y) => trunc(Math.max(x, y)) }),
  Minimum: binary({ onnx: 'Min', dtypes: NUMERIC, fold: (x, y) => trunc(Math.min(x, y)) }),
  Less: binary({ onnx: 'Less', dtypes: NUMERIC, boolOut: true, fold: (x, y) => Number(x < y) }),
  Greater: binary({ onnx: 'Greater', dtypes: NUMERIC, boolOut: true, fold: (x, y) => Number(x > y) }),
  LessEqual: binary({ onnx: 'LessOrEqual', dtypes: NUMERIC, boolOut: true, fold: (x, y) => Number(x <= y) }),
  GreaterEqual: binary({
    onnx: 'GreaterOrEqual',
    dtypes: NUMERIC,
    boolOut: true,
    fold: (x, y) => Number(x >= y),
  }),
  Equal: binary({
    onnx: 'Equal',
    dtypes: [...NUMERIC, 'bool'],
    boolOut: true,
    fold: (x, y) => Number(x === y),
  }),
  LogicalAnd: binary({ onnx: 'And', dtypes: ['bool'], boolOut: true }),
  LogicalOr: binary({ onnx: 'Or', dtypes: ['bool'], boolOut: true }),
  LogicalNot: logicalNot,
  Cast: cast,
};
