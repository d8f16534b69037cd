/** Every TF op the converter understands, by op name (Const and Placeholder are handled by the driver). */
import { elementwiseOps } from './elementwise';
import { gatherOps } from './gather';
import { matmulOps } from './matmul';
import type { OpTable } from './opConverter';
import { reduceOps } from './reduce';
import { shapeOps } from './shape';
import { sliceOps } from './slice';
import { sparseOps } from './sparse';
import { unaryOps } from './unary';

export const opConverters: OpTable = {
  ...elementwiseOps,
  ...unaryOps,
  ...reduceOps,
  ...shapeOps,
  ...sliceOps,
  ...gatherOps,
  ...sparseOps,
  ...matmulOps,
};

/** Names of the TF ops the converter can translate (plus Const and Placeholder). */
export const supportedTfOps: readonly string[] = [
  'Const',
  'Placeholder',
  ...Object.keys(opConverters),
].sort();
