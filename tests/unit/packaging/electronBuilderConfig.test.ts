import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/repoPaths';

// `npm run package` needs the Electron download, so CI cannot run it; this checks the config instead.
interface BuilderConfig {
  appId: string;
  productName: string;
  asar: boolean;
  files: string[];
  publish: unknown;
  extraResources: Array<{ from: string; to: string }>;
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
}
const config = parseYaml(
  fs.readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8'),
) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('names the product and targets every desktop platform', () => {
    expect(config.appId).toMatch(/^[a-z0-9.]+$/);
    expect(config.productName).toBe('Loci');
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toEqual(expect.arrayContaining(['dmg']));
    expect(config.win.target).toEqual(expect.arrayContaining(['nsis']));
  });

  it('packs the app into asar and ships the built-in models as extraResources', () => {
    expect(config.asar).toBe(true);
    const models = config.extraResources.find((r) => r.from === 'resources/models');
    expect(models?.to).toBe('models');
  });

  it('hardens the Electron fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('never publishes anywhere', () => {
    expect(config.publish).toBeNull();
  });

  it('packages what the build writes and the notices it promises', () => {
    expect(config.files).toContain('out/**/*');
    expect(fs.existsSync(path.join(repoRoot, 'resources/THIRD_PARTY_NOTICES.md'))).toBe(true);
  });
});
