import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contract } from '../../../src/shared/api/contract';
import { createModelRegistry } from '../../../src/main/core/embed/registry';
import { settingsHandlers } from '../../../src/main/core/handlers/settings';
import { SettingsStore } from '../../../src/main/core/settings/settingsStore';
import { makeTempDir } from '../../support/tempDir';

// The theme setting: `system` by default, saved in settings.json, and only the three known values.
describe('settings: theme', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());
  const file = path.join(tmp.dir, 'settings.json');
  const registry = createModelRegistry({
    dataDir: path.join(tmp.dir, 'data'),
    resourcesDir: path.join(tmp.dir, 'resources'),
    threads: 1,
  });

  it('defaults to following the system', async () => {
    expect((await new SettingsStore(file).get()).theme).toBe('system');
  });

  it('saves a choice in the settings file, next to the other settings', async () => {
    const handlers = settingsHandlers(registry, new SettingsStore(file));
    await handlers['settings.set']({ theme: 'dark' });
    const reread = await new SettingsStore(file).get();
    expect(reread.theme).toBe('dark');
    expect(reread.defaultModel).toBe('use-lite-int8');
  });

  it('rejects an unknown theme at the contract and ignores one edited into the file', async () => {
    expect(contract['settings.set'].input.safeParse({ theme: 'sepia' }).success).toBe(false);
    expect(contract['settings.set'].input.safeParse({ theme: 'light' }).success).toBe(true);
    fs.writeFileSync(file, JSON.stringify({ theme: 'sepia', threads: 3 }));
    const settings = await new SettingsStore(file).get();
    expect(settings.theme).toBe('system');
    expect(settings.threads).toBe(3);
  });
});
