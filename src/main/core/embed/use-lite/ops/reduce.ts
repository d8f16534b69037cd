/**
 * Reductions (Mean, Sum, Max, Min, Prod). TF passes the axes as a tensor; opset 17 wants them as an
 * attribute (ReduceMean/Max/Min/Prod) or an int64 input (ReduceSum), so the axes must be constant.
 */
import type { Dim, EmitContext, InferContext, TensorInfo } from '../convertContext';
import { attrOf, type TfDType } from '../tfGraph';
import type { OpConverter, OpTable } from './opConverter';

function reductionAxes(ctx: InferContext): number[] {
  const rank = ctx.rank(0);
  const axes = ctx.constInts(1, 'reduction_indices').map((a) => ctx.axis(a, rank));
  return [...new Set(axes)].sort((x, y) => x - y);
}

function reduce(onnx: string, dtypes: readonly TfDType[], fold?: (values: number[]) => number): OpConverter {
  return {
    attrs: ['keep_dims'],
    infer(ctx) {
      ctx.expectDType(0, dtypes);
      const keep = attrOf.bool(ctx.node, 'keep_dims', false);
      const axes = reductionAxes(ctx);
      const shape = ctx.input(0).shape!;
      const outShape: Dim[] = [];
      shape.forEach((d, i) => {
        if (!axes.includes(i)) outShape.push(d);
        else if (keep) outShape.push(1);
      });
      const out: TensorInfo = { dtype: ctx.input(0).dtype, shape: outShape };
      const v = ctx.input(0).value;
      if (fold && v && shape.length === 1 && axes.length === 1 && v.every((x) => x !== null))
        out.value = [fold(v as number[])];
      return [out];
    },
    emit(ctx: EmitContext) {
      const axes = reductionAxes(ctx);
      const keepdims = attrOf.bool(ctx.node, 'keep_dims', false) ? 1 : 0;
      // TF reduces over nothing when the axes list is empty; ONNX would reduce over everything.
      if (axes.length === 0) return [ctx.op('Identity', [ctx.name(0)])];
      if (onnx === 'ReduceSum') return [ctx.op(onnx, [ctx.name(0), ctx.i64(axes)], { keepdims })];
      return [ctx.op(onnx, [ctx.name(0)], { axes, keepdims })];
    },
  };
}

const NUMERIC: readonly TfDType[] = ['float32', 'int32', 'int64'];

export const reduceOps: OpTable = {
  Mean: reduce('ReduceMean', ['float32']),
  Sum: reduce('ReduceSum', NUMERIC, (v) => v.reduce((a, b) => a + b, 0)),
  Max: reduce('ReduceMax', NUMERIC, (v) => Math.max(...v)),
  Min: reduce('ReduceMin', NUMERIC, (v) => Math.min(...v)),
  Prod: reduce('ReduceProd', NUMERIC, (v) => v.reduce((a, b) => a * b, 1)),
};
