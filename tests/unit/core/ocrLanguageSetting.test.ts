import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createModelRegistry } from '../../../src/main/core/embed/registry';
import { settingsHandlers } from '../../../src/main/core/handlers/settings';
import { SettingsStore } from '../../../src/main/core/settings/settingsStore';
import { lociBin } from '../../support/repoPaths';
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
    await expect(handlers['settings.set']({ ocrLanguages: ['eng', 'spa'] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/@tesseract\.js-data\/spa/),
    });
    expect((await store.get()).ocrLanguages).toEqual(['eng']);
  });

  it('lists the installed packs by code and name: English, French and German ship with Loci', async () => {
    const { installed } = await handlers['settings.ocrLanguages']({});
    expect(installed).toEqual(
      expect.arrayContaining([
        { code: 'deu', name: 'German' },
        { code: 'eng', name: 'English' },
        { code: 'fra', name: 'French' },
      ]),
    );
    expect(installed.map((l) => l.code)).not.toContain('osd');
  });
});

describe('loci settings --ocr-languages', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());
  const library = path.join(tmp.dir, 'library');
  const loci = (...args: string[]) =>
    spawnSync(process.execPath, [lociBin, 'settings', ...args, '--library', library], {
      env: { ...process.env, LOCI_DATA_DIR: path.join(tmp.dir, 'data') },
      encoding: 'utf8',
    });

  it('sets an installed language, shows the packs, and refuses one that is not installed', () => {
    const set = loci('--ocr-languages', 'fra,eng', '--json');
    expect(set.status, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({
      settings: { ocrLanguages: ['fra', 'eng'] },
      ocrLanguagesInstalled: expect.arrayContaining([
        { code: 'eng', name: 'English' },
        { code: 'fra', name: 'French' },
        { code: 'deu', name: 'German' },
      ]),
    });
    const refused = loci('--ocr-languages', 'eng,spa');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('@tesseract.js-data/spa');
    const shown = loci();
    expect(shown.stdout).toContain('OCR languages: fra, eng');
  });
});
