import fs from 'node:fs/promises';
import path from 'node:path';
import type { CoreConfig } from '../config';
import { EmbedError } from './embedError';
import { importModelFolder, type ImportPlan } from './importModelFolder';
import { readManifest, type ModelManifest } from './modelManifest';
import { openEmbedder } from './openEmbedder';
import type { Embedder, ModelInfo } from './types';

/**
 * The model used when none is chosen: the built-in Universal Sentence Encoder Lite, static int8 build
 * (`use-lite` is its fp32 build; a library embedded with it is offered the re-embed, modelVariants.ts).
 */
export const DEFAULT_MODEL_ID = 'use-lite-int8';

/** A model the app can use: its info plus where it lives and whether it ships with the app. */
export interface RegisteredModel extends ModelInfo {
  builtIn: boolean;
  dir: string;
  /** Which build of its family this is (`fp32` / `int8` for use-lite; see modelVariants.ts). */
  variant?: string;
  importedFrom?: string;
  importedAt?: string;
}

export interface ImportModelOptions {
  /** Id to register under (default: derived from the model's name, e.g. `bge-small-en-v1.5`). */
  id?: string;
  /** Display name (default: the model's own). */
  name?: string;
}

export type ModelRegistryConfig = Pick<CoreConfig, 'dataDir' | 'resourcesDir' | 'threads'>;

/**
 * The models Loci knows: built-ins from `<resourcesDir>/models/<id>/manifest.json` and models imported
 * into `<dataDir>/models/<id>/`. Hands out one Embedder per model (one ONNX session, one worker), cached
 * until `closeAll()`.
 */
export class ModelRegistry {
  private readonly embedders = new Map<string, Promise<Embedder>>();

  constructor(private readonly config: ModelRegistryConfig) {}

  private get builtInDir(): string {
    return path.join(this.config.resourcesDir, 'models');
  }

  /** Where imported models live. */
  get importedDir(): string {
    return path.join(this.config.dataDir, 'models');
  }

  private async scan(root: string, builtIn: boolean): Promise<RegisteredModel[]> {
    const entries = await fs.readdir(root, { withFileTypes: true }).catch(() => []);
    const models: RegisteredModel[] = [];
    // Hidden folders are imports in progress or removals half done; never list them.
    for (const entry of entries.filter((e) => e.isDirectory() && !e.name.startsWith('.'))) {
      const dir = path.join(root, entry.name);
      const m = await readManifest(dir);
      if (m && m.id === entry.name) models.push(toRegistered(m, dir, builtIn));
    }
    return models.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Built-in models first, then imported ones, each sorted by id. Folders without a valid manifest are skipped. */
  async listModels(): Promise<RegisteredModel[]> {
    const builtIns = await this.scan(this.builtInDir, true);
    const imported = (await this.scan(this.importedDir, false)).filter(
      (m) => !builtIns.some((b) => b.id === m.id),
    );
    return [...builtIns, ...imported];
  }

  /** One model by id; EmbedError MODEL_NOT_FOUND listing the known ids when there is none. */
  async getModel(id: string): Promise<RegisteredModel> {
    const models = await this.listModels();
    const found = models.find((m) => m.id === id);
    if (!found) {
      const known = models.map((m) => m.id).join(', ') || 'none';
      throw new EmbedError('MODEL_NOT_FOUND', `no model "${id}" (known models: ${known})`);
    }
    return found;
  }

  /**
   * Validates a Hugging Face ONNX folder, copies it into the data folder and registers it (see
   * importModelFolder.ts for the checks). MODEL_CONFLICT when the id is taken or the very same model
   * (same fingerprint) is already registered.
   */
  async importModel(folder: string, options: ImportModelOptions = {}): Promise<RegisteredModel> {
    const existing = await this.listModels();
    const chooseId = async (suggested: ImportPlan): Promise<ImportPlan> => {
      const plan = { id: options.id ?? suggested.id, name: options.name ?? suggested.name };
      const clash = existing.find((m) => m.id === plan.id);
      if (clash) {
        throw new EmbedError(
          'MODEL_CONFLICT',
          `a ${clash.builtIn ? 'built-in ' : ''}model with id "${plan.id}" already exists; choose another id`,
        );
      }
      return plan;
    };
    const manifest = await importModelFolder(folder, this.importedDir, {
      chooseId,
      threads: this.config.threads,
      beforeCopy: async (fingerprint) => {
        const same = existing.find((m) => m.fingerprint === fingerprint);
        if (same)
          throw new EmbedError(
            'MODEL_CONFLICT',
            `this model (same files and settings) is already registered as "${same.id}"`,
          );
      },
    });
    return toRegistered(manifest, path.join(this.importedDir, manifest.id), false);
  }

  /** Removes an imported model (its vectors in libraries stay, tagged with its fingerprint). Built-ins cannot be removed. */
  async removeModel(id: string): Promise<void> {
    const model = await this.getModel(id);
    if (model.builtIn) throw new EmbedError('MODEL_CONFLICT', `"${id}" is built in and cannot be removed`);
    const cached = this.embedders.get(id);
    this.embedders.delete(id);
    await cached?.then(
      (e) => e.close(),
      () => undefined,
    );
    // Rename first: a crash mid-delete then leaves a hidden folder, never a half model that is listed.
    const trash = path.join(this.importedDir, `.removing-${id}-${Date.now()}`);
    await fs.rename(model.dir, trash);
    await fs.rm(trash, { recursive: true, force: true });
  }

  /** The model's Embedder, opened on first use and shared by every caller until closeAll(). */
  getEmbedder(id: string = DEFAULT_MODEL_ID): Promise<Embedder> {
    let embedder = this.embedders.get(id);
    if (!embedder) {
      embedder = this.getModel(id).then((m) =>
        openEmbedder(
          { kind: m.kind, dir: m.dir, id: m.id, name: m.name },
          this.config.threads ? { threads: this.config.threads } : {},
        ),
      );
      this.embedders.set(id, embedder);
      // A failed open is not cached: the next call tries again (e.g. after the user fixed the files).
      embedder.catch(() => this.embedders.get(id) === embedder && this.embedders.delete(id));
    }
    return embedder;
  }

  /** Closes every open embedder (sessions and workers). The registry stays usable. */
  async closeAll(): Promise<void> {
    const all = [...this.embedders.values()];
    this.embedders.clear();
    await Promise.all(
      all.map((e) =>
        e.then(
          (x) => x.close(),
          () => undefined,
        ),
      ),
    );
  }
}

function toRegistered(m: ModelManifest, dir: string, builtIn: boolean): RegisteredModel {
  const model: RegisteredModel = {
    id: m.id,
    name: m.name,
    kind: m.kind,
    dims: m.dims,
    maxTokens: m.maxTokens,
    normalized: m.normalized,
    fingerprint: m.fingerprint,
    builtIn,
    dir,
  };
  if (m.kind === 'use-lite') model.variant = typeof m.variant === 'string' ? m.variant : 'fp32';
  if (typeof m.importedFrom === 'string') model.importedFrom = m.importedFrom;
  if (typeof m.importedAt === 'string') model.importedAt = m.importedAt;
  return model;
}

/** A registry over the config's resources and data folders. */
export function createModelRegistry(config: ModelRegistryConfig): ModelRegistry {
  return new ModelRegistry(config);
}
