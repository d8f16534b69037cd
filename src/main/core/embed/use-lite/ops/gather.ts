/**
 * GatherV2 and GatherNd. ONNX Gather accepts int32 or int64 indices as TF does; GatherND insists on
 * int64, so int32 index tensors are cast.
 */
import type { Dim, InferContext, TensorInfo } from '../convertContext';
import { attrOf } from '../tfGraph';
import type { OpConverter, OpTable } from './opConverter';

function gatherAxis(ctx: InferContext): number {
  if (attrOf.int(ctx.node, 'batch_dims', 0) !== 0) ctx.fail('batch_dims other than 0 is not supported');
  const [axis] = ctx.constInts(2, 'axis');
  return ctx.axis(axis!, ctx.rank(0));
}

const gatherV2: OpConverter = {
  attrs: ['batch_dims'],
  infer(ctx: InferContext) {
    ctx.expectDType(1, ['int32', 'int64']);
    const axis = gatherAxis(ctx);
    const params = ctx.input(0);
    const indices = ctx.input(1);
    if (indices.shape === null) ctx.fail('needs the rank of the indices');
    const shape: Dim[] = [
      ...params.shape!.slice(0, axis),
      ...indices.shape,
      ...params.shape!.slice(axis + 1),
    ];
    const out: TensorInfo = { dtype: params.dtype, shape };
    if (params.value && params.shape!.length === 1 && indices.value && shape.length <= 1) {
      out.value = indices.value.map((i) =>
        i === null ? null : (params.value![i < 0 ? i + params.value!.length : i] ?? null),
      );
    }
    return [out];
  },
  emit: (ctx) => [ctx.op('Gather', [ctx.name(0), ctx.name(1)], { axis: gatherAxis(ctx) })],
};

const gatherNd: OpConverter = {
  attrs: [],
  infer(ctx: InferContext) {
    ctx.expectDType(1, ['int32', 'int64']);
    const params = ctx.input(0).shape;
    const indices = ctx.input(1).shape;
    if (params === null || indices === null || indices.length === 0)
      ctx.fail('needs the ranks of params and indices');
    const depth = indices[indices.length - 1];
    if (depth === null || depth === undefined)
      ctx.fail('needs the last dimension of the indices to be known statically');
    if (depth > params.length) ctx.fail(`index depth ${depth} exceeds params rank ${params.length}`);
    return [{ dtype: ctx.input(0).dtype, shape: [...indices.slice(0, -1), ...params.slice(depth)] }];
  },
  emit: (ctx) => [ctx.op('GatherND', [ctx.name(0), ctx.int64Input(1)], { batch_dims: 0 })],
};

export const gatherOps: OpTable = {
  GatherV2: gatherV2,
  GatherNd: gatherNd,
};
