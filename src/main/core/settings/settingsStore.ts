import fs from 'node:fs/promises';
import path from 'node:path';
import { embeddedTextChoices, themePreferences, type Settings } from '../../../shared/api/methods/settings';

const defaults: Settings = {
  // The static int8 build of the built-in model: 2x the fp32 throughput, same retrieval quality
  // (src/main/core/embed/use-lite/README.md). `use-lite` (fp32) stays selectable.
  defaultModel: 'use-lite-int8',
  threads: null,
  ocrLanguages: ['eng'],
  theme: 'system',
  // Measured with `loci eval` (Cranfield and the known-item set): titles in the vectors help semantic
  // search on both but hybrid is mixed, so none by default (library/libraryChunkContext.ts).
  embeddedText: 'none',
};

const themes = new Set<unknown>(themePreferences);

/** User settings as one small JSON file in the data directory, written atomically. */
export class SettingsStore {
  private cache: Settings | null = null;

  constructor(private readonly file: string) {}

  static inDataDir(dataDir: string): SettingsStore {
    return new SettingsStore(path.join(dataDir, 'settings.json'));
  }

  async get(): Promise<Settings> {
    if (this.cache) return { ...this.cache };
    const text = await fs.readFile(this.file, 'utf8').catch(() => null);
    let stored: Partial<Settings> = {};
    if (text) {
      try {
        stored = JSON.parse(text) as Partial<Settings>;
      } catch {
        // A corrupt settings file falls back to defaults rather than blocking the app.
      }
    }
    this.cache = { ...defaults, ...stored };
    // A hand-edited file with an unknown theme must not reach the renderer as one.
    if (!themes.has(this.cache.theme)) this.cache.theme = defaults.theme;
    if (!embeddedTextChoices.includes(this.cache.embeddedText))
      this.cache.embeddedText = defaults.embeddedText;
    return { ...this.cache };
  }

  async set(patch: Partial<Settings>): Promise<Settings> {
    const next = { ...(await this.get()), ...patch };
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(next, null, 2));
    await fs.rename(tmp, this.file);
    this.cache = next;
    return { ...next };
  }
}
