import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  FAST_ENG_SHA256,
  fastEnglishArchive,
  fastEnglishModel,
  tarMember,
} from '../../../src/main/core/ingest/extract/ocrFastModel';
import { makeTempDir } from '../../support/tempDir';

// The default English OCR model comes out of an npm package's archive (ocrFastModel.ts): the real
// installed package is read here, and archives made with the system's `tar` stand in for a changed one.
describe('the fast English OCR model', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());

  /** A .tar.gz holding `files` under the paths given, made by GNU tar. */
  const archive = (
    name: string,
    files: Record<string, string | Buffer>,
    format: 'gnu' | 'ustar' = 'gnu',
  ): string => {
    const root = path.join(tmp.dir, `${name}-root`);
    for (const [file, data] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), data);
    }
    const out = path.join(tmp.dir, `${name}.tar.gz`);
    execFileSync('tar', [`--format=${format}`, '-czf', out, '-C', root, ...Object.keys(files)]);
    return out;
  };

  it('is read from the installed package: tessdata_fast eng.traineddata, byte for byte', () => {
    expect(fastEnglishArchive()).toBeDefined();
    const model = fastEnglishModel();
    expect(model.length).toBe(4_113_088);
    expect(createHash('sha256').update(model).digest('hex')).toBe(FAST_ENG_SHA256);
  });

  it('is refused when the archive holds another file under its name, or none', () => {
    const other = archive('other', {
      'tesseract-standalone/tessdata/eng.traineddata': Buffer.alloc(4096, 7),
    });
    expect(() => fastEnglishModel(other)).toThrow(/not tessdata_fast's eng.traineddata/);
    const without = archive('without', { 'tesseract-standalone/tesseract': 'binary' });
    expect(() => fastEnglishModel(without)).toThrow(/not found/);
  });

  it('finds one file among others in a tar, long names included (GNU and ustar layouts)', () => {
    const deep = `${'d'.repeat(90)}/${'e'.repeat(60)}/model.bin`;
    for (const format of ['gnu', 'ustar'] as const) {
      const files = { 'a.txt': 'first', [deep]: 'the model', 'z.txt': 'x'.repeat(1500) };
      const tar = execFileSync('gzip', ['-dc', archive(`many-${format}`, files, format)]);
      expect(tarMember(tar, deep)?.toString(), format).toBe('the model');
      expect(tarMember(tar, 'z.txt')?.length, format).toBe(1500);
      expect(tarMember(tar, 'missing.txt'), format).toBeUndefined();
    }
  });
});
