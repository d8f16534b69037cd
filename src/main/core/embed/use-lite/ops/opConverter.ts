/**
 * The contract every op family implements: a static inference rule (dtype, shape and, for small
 * integer tensors, values) and an emission rule that writes the equivalent ONNX opset-17 nodes.
 */
import type { EmitContext, InferContext, TensorInfo } from '../convertContext';

export interface OpConverter {
  /**
   * Attributes that carry meaning for this op. Type attributes (`T`, `Tidx`, `DstT`, ...) are accepted
   * for every op; any other attribute not listed here makes the converter refuse the node.
   */
  readonly attrs: readonly string[];
  /** Output facts from input facts; fails (via `ctx.fail`) on anything it cannot translate. */
  infer(ctx: InferContext): TensorInfo[];
  /** Emits ONNX nodes; returns the ONNX value name of each TF output, in order. */
  emit(ctx: EmitContext): string[];
}

export type OpTable = Readonly<Record<string, OpConverter>>;

/** Elementwise combination of two known value lists with numpy broadcasting of scalars/1-element lists. */
export function combineValues(
  a: (number | null)[] | undefined,
  b: (number | null)[] | undefined,
  f: (x: number, y: number) => number,
): (number | null)[] | undefined {
  if (!a || !b) return undefined;
  if (a.length !== b.length && a.length !== 1 && b.length !== 1) return undefined;
  const n = Math.max(a.length, b.length);
  return Array.from({ length: n }, (_, i) => {
    const x = a.length === 1 ? a[0]! : a[i]!;
    const y = b.length === 1 ? b[0]! : b[i]!;
    return x === null || y === null ? null : f(x, y);
  });
}
