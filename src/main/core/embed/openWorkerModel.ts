import { EmbedError } from './embedError';
import { openHfModel } from './hf/hfModel';
import { openUseLiteModel } from './useLiteModel';
import type { ModelSource, SessionSettings, WorkerModel } from './workerModel';

/** Opens the runner for a model source's kind (inside the embed worker). */
export async function openWorkerModel(source: ModelSource, settings: SessionSettings): Promise<WorkerModel> {
  switch (source.kind) {
    case 'hf-onnx':
      return (await openHfModel(source, settings)) as WorkerModel;
    case 'use-lite':
      return (await openUseLiteModel(source, settings)) as WorkerModel;
    default:
      throw new EmbedError('MODEL_INVALID', `unknown model kind ${String(source.kind)}`);
  }
}
