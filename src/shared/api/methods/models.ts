import { z } from 'zod';
import { method } from '../define';
import type { ModelSummary } from './app';
import type { JobStarted } from './library';

/** `models.*`: the embedding models, and embedding the library with one more. */

export const modelMethods = {
  /** Built-in and imported models. */
  'models.list': method<ModelSummary[]>()(z.object({}).strict()),
  /**
   * Imports a Hugging Face-layout ONNX folder (model.onnx + tokenizer.json ...). Validates it first and
   * says exactly what is wrong when it is not usable.
   */
  'models.import': method<ModelSummary>()(
    z.object({ path: z.string().min(1).max(4096), id: z.string().max(100).optional() }).strict(),
  ),
  /** Removes an imported model (the built-in one cannot be removed). */
  'models.remove': method<{ removed: boolean }>()(z.object({ id: z.string().min(1).max(100) }).strict()),
  /**
   * Embeds every document of the library with one more model, as a background job (progress,
   * cancel). Resumable: documents that already have vectors for the model are skipped. Chunk rows are
   * not touched; only the model's vectors are written.
   */
  'models.embedLibrary': method<JobStarted>()(z.object({ model: z.string().min(1).max(200) }).strict()),
};
