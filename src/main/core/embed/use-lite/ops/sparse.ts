/**
 * Scatter-style ops: ScatterNd, SparseToDense and one-input Where. ONNX has ScatterND (int64 indices,
 * writes into an existing tensor) and NonZero (coordinates as [rank, n]); the TF forms are rebuilt on them.
 */
import { attr } from '../../onnx/graphBuilder';
import type { Dim, EmitContext, InferContext } from '../convertContext';
import { onnxDType } from '../tfGraph';
import type { OpConverter, OpTable } from './opConverter';

/** Output dims described by a 1-D shape tensor (its values where known). */
function shapeFromTensor(ctx: InferContext, i: number): Dim[] | null {
  const s = ctx.input(i);
  if (s.shape === null || s.shape.length !== 1) ctx.fail(`shape input ${i} must be 1-D`);
  const n = s.shape[0];
  if (n === null || n === undefined) return null;
  return s.value ? s.value.map((v) => v) : new Array<Dim>(n).fill(null);
}

const scatterNd: OpConverter = {
  attrs: [],
  infer(ctx: InferContext) {
    ctx.expectDType(0, ['int32', 'int64']);
    ctx.expectDType(2, ['int32', 'int64']);
    return [{ dtype: ctx.input(1).dtype, shape: shapeFromTensor(ctx, 2) }];
  },
  emit(ctx: EmitContext) {
    const dtype = ctx.input(1).dtype;
    const zeros = ctx.op('ConstantOfShape', [ctx.int64Input(2)], {
      value: attr.tensor(onnxDType(dtype), [1], dtype === 'int64' ? [0n] : [0]),
    });
    // TF ScatterNd sums updates that hit the same index; reduction='add' onto zeros does exactly that.
    return [ctx.op('ScatterND', [zeros, ctx.int64Input(0), ctx.name(1)], { reduction: 'add' })];
  },
};

const sparseToDense: OpConverter = {
  // validate_indices only makes TF raise on unsorted/duplicate indices; the conversion cannot raise,
  // and for valid input (which is all TF accepts) the result is the same.
  attrs: ['validate_indices'],
  infer(ctx: InferContext) {
    ctx.expectDType(0, ['int32', 'int64']);
    if (ctx.input(2).dtype !== ctx.input(3).dtype) ctx.fail('sparse_values and default_value dtypes differ');
    if (ctx.rank(3) !== 0) ctx.fail('default_value must be a scalar');
    if (ctx.rank(0) > 2) ctx.fail('sparse_indices must have rank 0, 1 or 2');
    return [{ dtype: ctx.input(2).dtype, shape: shapeFromTensor(ctx, 1) }];
  },
  emit(ctx: EmitContext) {
    let indices = ctx.int64Input(0);
    const indexRank = ctx.rank(0);
    // ScatterND wants [n, depth] coordinates: a scalar index is one 1-D coordinate, a vector is n of them.
    if (indexRank === 0) indices = ctx.op('Reshape', [indices, ctx.i64([1, 1])]);
    else if (indexRank === 1) indices = ctx.op('Unsqueeze', [indices, ctx.i64([1])]);
    let values = ctx.name(2);
    if (ctx.rank(2) === 0) {
      const count = ctx.op('Slice', [ctx.op('Shape', [indices]), ctx.i64([0]), ctx.i64([1])]);
      values = ctx.op('Expand', [values, count]);
    }
    const dense = ctx.op('Expand', [ctx.name(3), ctx.int64Input(1)]);
    return [ctx.op('ScatterND', [dense, indices, values])];
  },
};

const where: OpConverter = {
  attrs: [],
  infer(ctx: InferContext) {
    if (ctx.inputs.length !== 1)
      ctx.fail('only the one-input form (coordinates of true elements) is supported');
    return [{ dtype: 'int64', shape: [null, ctx.rank(0)] }];
  },
  emit: (ctx) => [ctx.op('Transpose', [ctx.op('NonZero', [ctx.name(0)])], { perm: [1, 0] })],
};

export const sparseOps: OpTable = {
  ScatterNd: scatterNd,
  SparseToDense: sparseToDense,
  Where: where,
};
