import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createModelRegistry } from '../../../src/main/core/embed/registry';
import { settingsHandlers } from '../../../src/main/core/handlers/settings';
import { SettingsStore } from '../../../src/main/core/settings/settingsStore';
import { makeTempDir } from '../../support/tempDir';

// The OCR language setting: English by default, and only languages whose npm pack is installed.
describe('settings: OCR languages', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());
  const store = new SettingsStore(path.join(tmp.dir, 'settings.json'));
  const registry = createModelRegistry({
    dataDir: path.join(tmp.dir, 'data'),
    resourcesDir: path.join(tmp.dir, 'resources'),
    threads: 1,
  });
  const handlers = settingsHandlers(registry, store);

  it('defaults to English', async () => {
    expect((await store.get()).ocrLanguages).toEqual(['eng']);
  });

  it('accepts an installed pack and keeps it', async () => {
    await handlers['settings.set']({ ocrLanguages: ['eng', 'eng'] });
    expect((await new SettingsStore(path.join(tmp.dir, 'settings.json')).get()).ocrLanguages).toEqual([
      'eng',
    ]);
  });

  it('refuses a language without an installed pack, naming the pack to install', async () => {
    await expect(handlers['settings.set']({ ocrLanguages: ['eng', 'deu'] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/@tesseract\.js-data\/deu/),
    });
    expect((await store.get()).ocrLanguages).toEqual(['eng']);
  });
});
