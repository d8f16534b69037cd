import { z } from 'zod';
import { method } from '../define';

/** `settings.*`: the user's choices, kept in the data folder. */

export interface Settings {
  /** Model used for ingest and search unless a call names another. */
  defaultModel: string;
  /** Threads for ONNX Runtime and extraction workers; null = number of cores. */
  threads: number | null;
}

export const settingsMethods = {
  /** The current settings. */
  'settings.get': method<Settings>()(z.object({}).strict()),
  /** Changes some settings; an unknown default model is NOT_FOUND. */
  'settings.set': method<Settings>()(
    z
      .object({
        defaultModel: z.string().max(100).optional(),
        threads: z.number().int().min(1).max(256).nullable().optional(),
      })
      .strict(),
  ),
};
