import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { listDirectory } from '../../../src/main/core/files/listDirectory';
import { saveUpload } from '../../../src/main/core/files/saveUpload';
import { makeTempDir } from '../../support/tempDir';

describe('files.list (browser "Add folder" dialog)', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());
  fs.mkdirSync(path.join(tmp.dir, 'papers'));
  fs.mkdirSync(path.join(tmp.dir, '.secret'));
  fs.writeFileSync(path.join(tmp.dir, 'b.pdf'), 'x');
  fs.writeFileSync(path.join(tmp.dir, '.hidden.txt'), 'x');

  it('lists folders first, hides dot-entries, knows its parent', async () => {
    const listing = await listDirectory(tmp.dir, false);
    expect(listing.entries.map((e) => `${e.kind}:${e.name}`)).toEqual(['dir:papers', 'file:b.pdf']);
    expect(listing.parent).toBe(path.dirname(tmp.dir));
    const all = await listDirectory(tmp.dir, true);
    expect(all.entries.map((e) => e.name)).toContain('.secret');
  });

  it('starts at home and says clearly when a folder does not exist', async () => {
    expect((await listDirectory(undefined, false)).path).toBe((await listDirectory('~', false)).home);
    await expect(listDirectory(path.join(tmp.dir, 'nope'), false)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(listDirectory(path.join(tmp.dir, 'b.pdf'), false)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('files.upload (saveUpload)', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());
  const bytes = (text: string) => Readable.from([Buffer.from(text)]);

  it('never overwrites: a second file with the same name gets a numbered name', async () => {
    const dir = path.join(tmp.dir, 'twice');
    fs.mkdirSync(dir);
    const first = await saveUpload(dir, 'paper.pdf', bytes('one'));
    const second = await saveUpload(dir, 'paper.pdf', bytes('two'));
    expect(path.basename(first)).toBe('paper.pdf');
    expect(path.basename(second)).toBe('paper (2).pdf');
    expect(fs.readFileSync(first, 'utf8')).toBe('one');
    expect(fs.readFileSync(second, 'utf8')).toBe('two');
    expect(fs.readdirSync(dir).sort()).toEqual(['paper (2).pdf', 'paper.pdf']);
  });

  it('removes its temp file when the stream fails half way, and stores nothing', async () => {
    const dir = path.join(tmp.dir, 'broken');
    fs.mkdirSync(dir);
    async function* failing() {
      yield Buffer.from('first half');
      throw new Error('client went away');
    }
    await expect(saveUpload(dir, 'half.pdf', failing())).rejects.toThrow('client went away');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses relative, missing, non-folder and system targets with INVALID_INPUT', async () => {
    const file = path.join(tmp.dir, 'plain.txt');
    fs.writeFileSync(file, 'x');
    for (const target of [
      'relative/dir',
      'uploads',
      path.join(tmp.dir, 'nope'),
      file,
      '/proc/self',
      '/dev/shm',
    ]) {
      await expect(saveUpload(target, 'a.pdf', bytes('x')), target).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    }
    expect(fs.existsSync(path.join(process.cwd(), 'relative'))).toBe(false);
    expect(fs.existsSync(path.join(process.cwd(), 'uploads', 'a.pdf'))).toBe(false);
  });

  it('stores into the real folder behind a linked one and answers with the real path', async () => {
    const real = path.join(tmp.dir, 'real-folder');
    fs.mkdirSync(real);
    const link = path.join(tmp.dir, 'linked-folder');
    fs.symlinkSync(real, link);
    const stored = await saveUpload(link, 'via-link.txt', bytes('through a link'));
    expect(stored).toBe(path.join(fs.realpathSync(real), 'via-link.txt'));
    expect(fs.lstatSync(stored).isFile()).toBe(true);
    expect(fs.readFileSync(path.join(real, 'via-link.txt'), 'utf8')).toBe('through a link');
  });

  it('shortens a long name to fit the file system when it has to number it', async () => {
    const dir = path.join(tmp.dir, 'long');
    fs.mkdirSync(dir);
    const name = `${'é'.repeat(125)}.pdf`; // 254 bytes: fits, but " (2)" would not
    await saveUpload(dir, name, bytes('one'));
    const second = await saveUpload(dir, name, bytes('two'));
    expect(Buffer.byteLength(path.basename(second))).toBeLessThanOrEqual(255);
    expect(path.basename(second).endsWith(' (2).pdf')).toBe(true);
    expect(fs.readFileSync(second, 'utf8')).toBe('two');
  });
});
