import os from 'node:os';
import { ort } from './loadOrt';
import { EmbedError } from './embedError';
import type { SessionSettings } from './workerModel';

/** Default ONNX Runtime intra-op threads: one per core the OS gives this process. */
export function defaultThreads(): number {
  return Math.max(1, os.availableParallelism());
}

/**
 * Creates the one ONNX Runtime session a model gets for its whole life (sessions are never re-created
 * per call: session churn leaks native memory in onnxruntime-node).
 *
 * Spinning is off: ORT's pool threads otherwise busy-wait after each run, and on a small machine they
 * would steal the core that tokenises the next batch (or runs another worker).
 */
export async function createSession(
  modelPath: string,
  settings: SessionSettings,
): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(modelPath, {
      intraOpNumThreads: settings.threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
      extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
    });
  } catch (err) {
    throw new EmbedError(
      'MODEL_INVALID',
      `model.onnx could not be loaded by ONNX Runtime: ${(err as Error).message}`,
    );
  }
}
