import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDataDir, legacyDataDirs } from '../../../src/main/core/config';
import { migrateDataDir } from '../../../src/main/core/migrateDataDir';
import { lociBin, repoRoot } from '../../support/repoPaths';
import { makeTempDir } from '../../support/tempDir';

let tmp = makeTempDir();
afterEach(() => {
  tmp.cleanup();
  tmp = makeTempDir();
});

function write(file: string, text = 'x'): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('one data folder for the app and the CLI', () => {
  it('lives in the OS data folder, not in config', () => {
    const home = '/home/ada';
    expect(defaultDataDir({ HOME: home }, 'linux')).toBe('/home/ada/.local/share/Loci');
    expect(defaultDataDir({ HOME: home, XDG_DATA_HOME: '/data' }, 'linux')).toBe('/data/Loci');
    expect(defaultDataDir({ HOME: home }, 'darwin')).toBe('/home/ada/Library/Application Support/Loci');
    expect(defaultDataDir({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32')).toBe(
      path.join('C:\\Users\\ada\\AppData\\Local', 'Loci'),
    );
    expect(defaultDataDir({ HOME: home, LOCI_DATA_DIR: '/elsewhere' }, 'linux')).toBe('/elsewhere');
    // The CLI's old folder and the desktop app's old userData (named after the package).
    expect(legacyDataDirs({ HOME: home }, 'linux')).toEqual([
      '/home/ada/.config/Loci',
      '/home/ada/.config/loci',
    ]);
  });

  it("moves the CLI's old folder once: libraries, models and settings, then removes the empty folder", () => {
    const legacy = path.join(tmp.dir, 'config', 'Loci');
    const data = path.join(tmp.dir, 'share', 'Loci');
    write(path.join(legacy, 'libraries', 'default', 'lance', 'chunks.lance', 'data.bin'), 'rows');
    write(path.join(legacy, 'models', 'nomic', 'model.onnx'));
    write(path.join(legacy, 'settings.json'), '{"defaultModel":"nomic"}');
    expect(migrateDataDir(data, [legacy])).toEqual({
      from: legacy,
      moved: ['libraries', 'models', 'settings.json'],
    });
    expect(fs.readFileSync(path.join(data, 'libraries/default/lance/chunks.lance/data.bin'), 'utf8')).toBe(
      'rows',
    );
    expect(fs.readFileSync(path.join(data, 'settings.json'), 'utf8')).toContain('nomic');
    expect(fs.existsSync(legacy)).toBe(false);
    // Once: a second run (or a new legacy folder appearing) changes nothing.
    write(path.join(legacy, 'settings.json'), '{"defaultModel":"old"}');
    expect(migrateDataDir(data, [legacy])).toEqual({ from: null, moved: [] });
    expect(fs.readFileSync(path.join(data, 'settings.json'), 'utf8')).toContain('nomic');
  });

  it("takes Loci's entries out of Electron's old userData, leaves Chromium's files, repoints the remembered library", () => {
    const userData = path.join(tmp.dir, 'config', 'loci');
    const data = path.join(tmp.dir, 'share', 'Loci');
    write(path.join(userData, 'libraries', 'default', 'lance', 'x'));
    write(path.join(userData, 'Cache', 'data_0'));
    write(
      path.join(userData, 'desktop.json'),
      JSON.stringify({ libraryDir: path.join(userData, 'libraries', 'default') }),
    );
    const result = migrateDataDir(data, [path.join(tmp.dir, 'config', 'Loci'), userData]);
    expect(result).toEqual({ from: userData, moved: ['libraries', 'desktop.json'] });
    expect(fs.existsSync(path.join(userData, 'Cache', 'data_0'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(data, 'desktop.json'), 'utf8'))).toEqual({
      libraryDir: path.join(data, 'libraries', 'default'),
    });
  });

  it('the real loci CLI moves an old ~/.config/Loci into ~/.local/share/Loci', () => {
    const home = tmp.dir;
    write(path.join(home, '.config', 'Loci', 'settings.json'), '{"defaultModel":"use-lite","threads":3}');
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
    for (const key of ['LOCI_DATA_DIR', 'LOCI_LIBRARY', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME']) delete env[key];
    const r = spawnSync(process.execPath, [lociBin, 'status', '--json'], {
      cwd: repoRoot,
      env,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).libraryDir).toBe(
      path.join(home, '.local', 'share', 'Loci', 'libraries', 'default'),
    );
    expect(fs.readFileSync(path.join(home, '.local', 'share', 'Loci', 'settings.json'), 'utf8')).toContain(
      '"threads":3',
    );
    expect(fs.existsSync(path.join(home, '.config', 'Loci'))).toBe(false);
  });
});
