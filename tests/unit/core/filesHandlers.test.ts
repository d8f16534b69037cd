import fs from 'node:fs';
import path from 'node:path';
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

describe('files.upload', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());

  it('never overwrites: a second file with the same name gets a numbered name', async () => {
    const first = await saveUpload(tmp.dir, 'paper.pdf', Buffer.from('one'));
    const second = await saveUpload(tmp.dir, 'paper.pdf', Buffer.from('two'));
    expect(path.basename(first)).toBe('paper.pdf');
    expect(path.basename(second)).toBe('paper (2).pdf');
    expect(fs.readFileSync(first, 'utf8')).toBe('one');
    expect(fs.readFileSync(second, 'utf8')).toBe('two');
    expect(fs.readdirSync(tmp.dir).filter((n) => n.includes('uploading'))).toEqual([]);
  });
});
