/**
 * Float unary ops and Softmax. Most map to one ONNX op; Square and Rsqrt have no ONNX twin and are
 * spelled out (x*x, 1/sqrt(x)), which is also how TF.js's CPU backend computes them.
 */
import type { EmitContext, InferContext } from '../convertContext';
import type { OpConverter, OpTable } from './opConverter';

function unary(
  emit: (ctx: EmitContext, x: string) => string,
  dtypes: readonly ('float32' | 'int32' | 'int64')[] = ['float32'],
): OpConverter {
  return {
    attrs: [],
    infer(ctx) {
      ctx.expectDType(0, dtypes);
      return [{ dtype: ctx.input(0).dtype, shape: ctx.input(0).shape }];
    },
    emit: (ctx) => [emit(ctx, ctx.name(0))],
  };
}

const simple = (onnx: string, dtypes?: readonly ('float32' | 'int32' | 'int64')[]): OpConverter =>
  unary((ctx, x) => ctx.op(onnx, [x]), dtypes);

const softmax: OpConverter = {
  attrs: [],
  infer(ctx: InferContext) {
    ctx.expectDType(0, ['float32']);
    return [{ dtype: 'float32', shape: ctx.input(0).shape }];
  },
  // TF Softmax normalises over the last axis; ONNX Softmax-13 normalises over `axis` alone.
  emit: (ctx) => [ctx.op('Softmax', [ctx.name(0)], { axis: -1 })],
};

const identity: OpConverter = {
  attrs: [],
  infer: (ctx) => [{ ...ctx.input(0) }],
  emit: (ctx) => [ctx.op('Identity', [ctx.name(0)])],
};

export const unaryOps: OpTable = {
  Relu: simple('Relu'),
  Tanh: simple('Tanh'),
  Sigmoid: simple('Sigmoid'),
  Sin: simple('Sin'),
  Cos: simple('Cos'),
  Exp: simple('Exp'),
  Sqrt: simple('Sqrt'),
  Neg: simple('Neg', ['float32', 'int32', 'int64']),
  Abs: simple('Abs', ['float32', 'int32', 'int64']),
  Square: unary((ctx, x) => ctx.op('Mul', [x, x]), ['float32', 'int32', 'int64']),
  Rsqrt: unary((ctx, x) => ctx.op('Reciprocal', [ctx.op('Sqrt', [x])])),
  Softmax: softmax,
  Identity: identity,
};
