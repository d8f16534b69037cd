import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IngestSummary } from '../../src/shared/api/methods/library';
import { createCore } from '../../src/main/core/createCore';
import { sourceResourcesDir } from '../../src/main/core/config';
import { lociBin } from '../support/repoPaths';
import { makeTempDir } from '../support/tempDir';

// A file whose name is Latin-1, not UTF-8 ("café.txt" written by an old system: byte 0xE9), used to be
// skipped as "does not exist (ENOENT)". It is found and opened by its bytes, shown with U+FFFD, and
// add, search, sync, remove and document.bytes all work on it.
describe('file names that are not valid UTF-8', () => {
  const tmp = makeTempDir();
  const docs = path.join(tmp.dir, 'docs');
  const library = path.join(tmp.dir, 'library');
  const env = { ...process.env, LOCI_DATA_DIR: `${library}-data` };
  const loci = (...args: string[]) =>
    spawnSync(process.execPath, [lociBin, ...args, '--library', library], { env, encoding: 'utf8' });
  const latin1 = (name: string) => Buffer.from(name, 'latin1');
  const fileBytes = Buffer.concat([Buffer.from(`${docs}/`), latin1('caf\u00e9 cr\u00e8me.txt')]);
  const folderBytes = Buffer.concat([Buffer.from(`${docs}/`), latin1('r\u00e9sum\u00e9s')]);
  const nestedBytes = Buffer.concat([folderBytes, Buffer.from('/notes.md')]);
  const content = 'Crème brûlée needs a very hot caramelising torch and cold custard.';
  fs.mkdirSync(docs, { recursive: true });
  fs.writeFileSync(fileBytes, content);
  fs.mkdirSync(folderBytes);
  fs.writeFileSync(nestedBytes, '# Notes\n\nVolcanic basalt columns cool into hexagons.\n');
  fs.writeFileSync(path.join(docs, 'plain.txt'), 'Glaciers carve valleys as they flow downhill.');
  afterAll(() => tmp.cleanup());

  const search = (q: string) =>
    JSON.parse(loci('search', q, '--json', '--mode', 'keyword', '-k', '3').stdout) as {
      results: Array<{ path: string; title: string; docId: string }>;
    };
  const documents = () =>
    (JSON.parse(loci('status', '--json').stdout) as { documents: { total: number; ok: number } }).documents;

  it('add indexes them; search finds them by content and shows the name lossily', () => {
    const r = loci('add', docs, '--json');
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as IngestSummary;
    expect(summary).toMatchObject({ added: 3, failed: [], skipped: [] });
    expect(documents()).toMatchObject({ total: 3, ok: 3 });

    const hit = search('caramelising torch').results[0]!;
    expect(hit.title).toBe('caf\uFFFD cr\uFFFDme');
    expect(hit.path.startsWith(`${docs}/caf\uFFFD cr\uFFFDme.txt//raw:`)).toBe(true);
    const nested = search('basalt hexagons').results[0]!;
    expect(nested.path.startsWith(`${docs}/r\uFFFDsum\uFFFDs/notes.md//raw:`)).toBe(true);

    const human = loci('search', 'caramelising torch', '--mode', 'keyword', '-k', '1');
    expect(human.stdout).toContain(`${docs}/caf\uFFFD cr\uFFFDme.txt\n`);
    expect(human.stdout).not.toContain('//raw:');
  });

  it('document.bytes reads the file by its bytes', async () => {
    const core = await createCore({
      appVersion: 't',
      dataDir: `${library}-data`,
      libraryDir: library,
      resourcesDir: sourceResourcesDir(),
    });
    try {
      const { docId } = search('caramelising torch').results[0]!;
      const bytes = await core.handlers['document.bytes']({ id: docId });
      expect(Buffer.from(bytes).toString('utf8')).toBe(content);
    } finally {
      await core.close();
    }
  });

  it('sync neither drops nor duplicates them, and re-reads a changed one', () => {
    const first = loci('sync', '--json');
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: 3,
      removed: 0,
    });
    fs.writeFileSync(fileBytes, `${content} Serve it with raspberries.`);
    const second = loci('sync', '--json');
    expect(JSON.parse(second.stdout.trim().split('\n').at(-1)!)).toMatchObject({ updated: 1, removed: 0 });
    expect(documents()).toMatchObject({ total: 3, ok: 3 });
    expect(search('raspberries').results[0]!.title).toBe('caf\uFFFD cr\uFFFDme');
  });

  it('remove works on one by the name as typed (U+FFFD) and on a folder with such a name', () => {
    const one = loci('remove', `${docs}/caf\uFFFD cr\uFFFDme.txt`, '--json');
    expect(one.status, one.stderr).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual({ removed: 1 });
    const folder = loci('remove', `${docs}/r\uFFFDsum\uFFFDs`, '--json');
    expect(JSON.parse(folder.stdout)).toEqual({ removed: 1 });
    expect(documents()).toMatchObject({ total: 1, ok: 1 });
    expect(search('caramelising torch').results).toEqual([]);
    // The files themselves are untouched.
    expect(fs.readFileSync(fileBytes, 'utf8')).toContain(content);
  });
});
