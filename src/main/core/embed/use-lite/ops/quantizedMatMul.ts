/**
 * Optional int8 path for `x @ W` with a large constant W: W is stored as int8 with one symmetric scale
 * per output column, x is quantised to uint8 at run time (DynamicQuantizeLinear), the product is an
 * integer MatMul rescaled to float. This is the pattern ONNX Runtime fuses into its int8 GEMM
 * (MatMulIntegerToFloat). Used only when the conversion asks for `quantizeWeights`.
 */
import type { EmitContext } from '../convertContext';

/** Weights smaller than this stay float: the saving would not pay for the extra nodes. */
export const MIN_QUANTIZED_WEIGHTS = 65_536;

/** Emits `x @ W` for a row-major [k, n] float weight, quantised as described above. */
export function emitQuantizedMatMul(
  ctx: EmitContext,
  x: string,
  weight: Float32Array,
  k: number,
  n: number,
): string {
  const scales = new Float32Array(n);
  for (let c = 0; c < n; c++) {
    let max = 0;
    for (let r = 0; r < k; r++) max = Math.max(max, Math.abs(weight[r * n + c]!));
    scales[c] = max > 0 ? max / 127 : 1;
  }
  const q = new Int8Array(k * n);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < n; c++)
      q[r * n + c] = Math.max(-127, Math.min(127, Math.round(weight[r * n + c]! / scales[c]!)));
  }
  const name = ctx.node.name;
  const wq = ctx.b.addConstant(`${name}/weight_int8`, 'int8', [k, n], q);
  const wZero = ctx.b.addConstant(`${name}/weight_zero_point`, 'int8', [n], new Int8Array(n));
  const wScale = ctx.b.addConstant(`${name}/weight_scale`, 'float32', [n], scales);
  const [xq, xScale, xZero] = ctx.ops('DynamicQuantizeLinear', [x], 3);
  const product = ctx.op('MatMulInteger', [xq!, wq, xZero!, wZero]);
  const scale = ctx.op('Mul', [xScale!, wScale]);
  return ctx.op('Mul', [ctx.op('Cast', [product], { to: 1 }), scale]);
}
