import { z } from 'zod';
import { method } from '../define';
import type { ModelSummary } from './app';

export interface Settings {
  /** Model used for ingest and search unless a call names another. */
  defaultModel: string;
  /** Threads for ONNX Runtime and extraction workers; null = number of cores. */
  threads: number | null;
}

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
  'settings.get': method<Settings>()(z.object({}).strict()),
  'settings.set': method<Settings>()(
    z
      .object({
        defaultModel: z.string().max(100).optional(),
        threads: z.number().int().min(1).max(256).nullable().optional(),
      })
      .strict(),
  ),
};
