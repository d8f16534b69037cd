import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SourceWatcher } from '../../../src/main/core/library/sourceWatcher';
import { makeTempDir } from '../../support/tempDir';

describe('SourceWatcher', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());

  it('keeps hearing changes while its sources are refreshed, and follows added and removed roots', async () => {
    const a = path.join(tmp.dir, 'a');
    const b = path.join(tmp.dir, 'b');
    fs.mkdirSync(a);
    fs.mkdirSync(b);
    fs.writeFileSync(path.join(a, 'one.txt'), 'one');
    fs.writeFileSync(path.join(a, 'two.txt'), 'two');
    const heard: string[] = [];
    const watcher = new SourceWatcher({
      debounceMs: 100,
      onChanges: async (paths) => {
        heard.push(...paths);
        return true;
      },
    });
    try {
      await watcher.watch([a]);
      // Every write job refreshes the watch; a deletion right after must not fall into a deaf window.
      const refreshed = watcher.watch([a]);
      fs.rmSync(path.join(a, 'one.txt'));
      await refreshed;
      await expect.poll(() => heard, { timeout: 10_000 }).toContain(path.join(a, 'one.txt'));

      await watcher.watch([b]);
      await new Promise((r) => setTimeout(r, 300)); // let the new root's scan settle
      fs.writeFileSync(path.join(b, 'three.md'), '# three');
      fs.rmSync(path.join(a, 'two.txt'));
      fs.writeFileSync(path.join(b, 'ignored.bin'), 'not a document kind');
      await expect.poll(() => heard, { timeout: 10_000 }).toContain(path.join(b, 'three.md'));
      await new Promise((r) => setTimeout(r, 300));
      expect(heard).not.toContain(path.join(a, 'two.txt'));
      expect(heard).not.toContain(path.join(b, 'ignored.bin'));
    } finally {
      await watcher.close();
    }
  });

  it('retries changes that arrive while a job is running', async () => {
    const dir = path.join(tmp.dir, 'busy');
    fs.mkdirSync(dir);
    let busy = true;
    const started: string[][] = [];
    const watcher = new SourceWatcher({
      debounceMs: 100,
      onChanges: async (paths) => {
        if (busy) return false;
        started.push(paths);
        return true;
      },
    });
    try {
      await watcher.watch([dir]);
      fs.writeFileSync(path.join(dir, 'note.txt'), 'hello');
      await new Promise((r) => setTimeout(r, 1500));
      expect(started).toEqual([]);
      busy = false;
      await expect.poll(() => started, { timeout: 10_000 }).toEqual([[path.join(dir, 'note.txt')]]);
    } finally {
      await watcher.close();
    }
  });
});
