import { z } from 'zod';
import { method } from '../define';

/** A model the app can embed with. */
export interface ModelSummary {
  id: string;
  name: string;
  kind: 'use-lite' | 'hf-onnx';
  dims: number;
  maxTokens: number;
  fingerprint: string;
  /** Ships with the app (cannot be removed) vs imported by the user. */
  builtIn: boolean;
}

export interface AppInfo {
  name: 'Loci';
  version: string;
  /** Per-user data directory (imported models, settings). */
  dataDir: string;
  /** The open library. */
  libraryDir: string;
  platform: string;
  arch: string;
  /** Node.js version the core runs on. */
  runtime: string;
  models: ModelSummary[];
}

export interface Pong {
  pong: true;
  /** Echo of the input, if any: proves the payload made the round trip. */
  echo?: string;
  /** Core clock (ms since epoch) when answered. */
  at: number;
}

export const appMethods = {
  /** Version, data and library locations, platform and the models available. */
  'app.info': method<AppInfo>()(z.object({}).strict()),
  /** Liveness check through the whole transport; echoes a short string. */
  'app.ping': method<Pong>()(z.object({ echo: z.string().max(1000).optional() }).strict()),
};
