import { createRequire } from 'node:module';
import type * as OrtModule from 'onnxruntime-node';
import { disableOrtTelemetry } from './ortTelemetry';

/**
 * The one door to onnxruntime-node: every module that needs ONNX Runtime imports `ort` from here (a
 * lint rule refuses `onnxruntime-node` anywhere else; type-only imports are fine). Loading it here,
 * synchronously and after `disableOrtTelemetry()`, guarantees the telemetry switch is in the
 * environment before the native library exists in this process. A static `import` could not promise
 * that: ES imports are hoisted, and a bundler places external imports before any code of the chunk.
 */
disableOrtTelemetry();

export const ort: typeof OrtModule = createRequire(import.meta.url)('onnxruntime-node') as typeof OrtModule;

/**
 * Lets `ort.Tensor` and `ort.InferenceSession` keep working as type names, as they do with a
 * namespace import (`ort` above is a value; this declares no runtime code).
 */
// eslint-disable-next-line @typescript-eslint/no-namespace -- a types-only namespace merged with the value
export declare namespace ort {
  export type Tensor = OrtModule.Tensor;
  export type InferenceSession = OrtModule.InferenceSession;
}
