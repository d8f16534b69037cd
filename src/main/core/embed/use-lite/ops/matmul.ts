/**
 * Matrix products: MatMul, BatchMatMul(V2), Conv2D (only the 1x1 / stride-1 form, which is a MatMul
 * over the channel axis) and BiasAdd. Transposition flags become explicit Transpose nodes.
 */
import { broadcastShapes, type Dim, type EmitContext, type InferContext } from '../convertContext';
import { attrOf } from '../tfGraph';
import type { OpConverter, OpTable } from './opConverter';

/** Swaps the last two dims of input `i` when `flag` is set. */
function maybeTranspose(ctx: EmitContext, i: number, flag: boolean): string {
  if (!flag) return ctx.name(i);
  const rank = ctx.rank(i);
  const perm = Array.from({ length: rank }, (_, k) => k);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1]!, perm[rank - 2]!];
  return ctx.op('Transpose', [ctx.name(i)], { perm });
}

function lastTwo(shape: Dim[], transposed: boolean): [Dim, Dim] {
  const r = shape[shape.length - 2] ?? null;
  const c = shape[shape.length - 1] ?? null;
  return transposed ? [c, r] : [r, c];
}

function matmulInfer(ctx: InferContext, flagA: string, flagB: string, batched: boolean): [Dim[]] {
  ctx.expectDType(0, ['float32']);
  if (ctx.input(1).dtype !== 'float32') ctx.fail('operands must both be float32');
  const ra = ctx.rank(0);
  const rb = ctx.rank(1);
  if (batched ? ra < 2 || rb < 2 : ra !== 2 || rb !== 2)
    ctx.fail(`unsupported operand ranks ${ra} and ${rb}`);
  const a = ctx.input(0).shape!;
  const b = ctx.input(1).shape!;
  const [m, ka] = lastTwo(a, attrOf.bool(ctx.node, flagA, false));
  const [kb, n] = lastTwo(b, attrOf.bool(ctx.node, flagB, false));
  if (ka !== null && kb !== null && ka !== kb) ctx.fail(`inner dimensions differ (${ka} vs ${kb})`);
  const batch = broadcastShapes(ctx, a.slice(0, -2), b.slice(0, -2))!;
  return [[...batch, m, n]];
}

function matmul(flagA: string, flagB: string, batched: boolean): OpConverter {
  return {
    attrs: [flagA, flagB],
    infer: (ctx) => [{ dtype: 'float32', shape: matmulInfer(ctx, flagA, flagB, batched)[0] }],
    emit: (ctx) => {
      return [
        ctx.op('MatMul', [
          maybeTranspose(ctx, 0, attrOf.bool(ctx.node, flagA, false)),
          maybeTranspose(ctx, 1, attrOf.bool(ctx.node, flagB, false)),
        ]),
      ];
    },
  };
}

function checkPointwiseConv(ctx: InferContext): { cin: number; cout: number } {
  if (attrOf.string(ctx.node, 'data_format', 'NHWC') !== 'NHWC')
    ctx.fail('only data_format NHWC is supported');
  const padding = attrOf.string(ctx.node, 'padding');
  if (padding !== 'VALID' && padding !== 'SAME') ctx.fail(`padding ${padding} is not supported`);
  const ones = (key: string): boolean => attrOf.ints(ctx.node, key, [1, 1, 1, 1]).every((v) => v === 1);
  if (!ones('strides') || !ones('dilations')) ctx.fail('only strides and dilations of 1 are supported');
  if (ctx.rank(0) !== 4 || ctx.rank(1) !== 4) ctx.fail('input and filter must have rank 4');
  const [kh, kw, cin, cout] = ctx.input(1).shape!;
  // A 1x1 kernel with stride 1 is a per-pixel matrix product; VALID and SAME pad nothing for it.
  if (kh !== 1 || kw !== 1) ctx.fail(`only 1x1 kernels are supported (filter is ${kh}x${kw})`);
  if (cin === null || cout === null || cin === undefined || cout === undefined)
    ctx.fail('filter channel counts must be known statically');
  const inC = ctx.input(0).shape![3];
  if (inC !== null && inC !== cin) ctx.fail(`input has ${inC} channels, filter expects ${cin}`);
  return { cin, cout };
}

const conv2d: OpConverter = {
  attrs: ['data_format', 'padding', 'strides', 'dilations', 'use_cudnn_on_gpu', 'explicit_paddings'],
  infer(ctx: InferContext) {
    ctx.expectDType(0, ['float32']);
    const { cout } = checkPointwiseConv(ctx);
    const [n, h, w] = ctx.input(0).shape!;
    return [{ dtype: 'float32', shape: [n!, h!, w!, cout] }];
  },
  emit(ctx: EmitContext) {
    const { cin, cout } = checkPointwiseConv(ctx);
    // A [1, 1, cin, cout] filter is already a row-major [cin, cout] matrix. (The int8 model quantises
    // this MatMul afterwards: onnx/quantizeStatic.ts recognises the Reshape of a constant.)
    const kernel = ctx.op('Reshape', [ctx.name(1), ctx.i64([cin, cout])]);
    return [ctx.op('MatMul', [ctx.name(0), kernel])];
  },
};

const biasAdd: OpConverter = {
  attrs: ['data_format'],
  infer(ctx: InferContext) {
    if (attrOf.string(ctx.node, 'data_format', 'NHWC') !== 'NHWC')
      ctx.fail('only data_format NHWC is supported');
    ctx.expectDType(0, ['float32', 'int32', 'int64']);
    if (ctx.rank(1) !== 1) ctx.fail('bias must be 1-D');
    return [
      { dtype: ctx.input(0).dtype, shape: broadcastShapes(ctx, ctx.input(0).shape, ctx.input(1).shape) },
    ];
  },
  emit: (ctx) => [ctx.op('Add', [ctx.name(0), ctx.name(1)])],
};

export const matmulOps: OpTable = {
  MatMul: matmul('transpose_a', 'transpose_b', false),
  BatchMatMul: matmul('adj_x', 'adj_y', true),
  BatchMatMulV2: matmul('adj_x', 'adj_y', true),
  Conv2D: conv2d,
  BiasAdd: biasAdd,
};
