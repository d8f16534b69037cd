import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkSources } from '../../../src/main/core/ingest/walkSources';
import type { SkippedEntry, SourceFile, WalkEntry } from '../../../src/main/core/ingest/types';
import { DEEP_LEVELS, makeHostileFixtures, type HostileFixtures } from '../../support/makeHostileFixtures';
import { makeTempDir } from '../../support/tempDir';

async function walkAll(
  roots: string[],
  options = {},
): Promise<{ files: SourceFile[]; skipped: SkippedEntry[] }> {
  const files: SourceFile[] = [];
  const skipped: SkippedEntry[] = [];
  for await (const entry of walkSources(roots, options)) {
    if (entry.type === 'file') files.push(entry.file);
    else skipped.push(entry.skipped);
  }
  return { files, skipped };
}

describe('walkSources on a hostile folder', () => {
  let temp: { dir: string; cleanup: () => void };
  let fx: HostileFixtures;
  let root: string;
  let files: SourceFile[];
  let skipped: SkippedEntry[];

  beforeAll(async () => {
    temp = makeTempDir('loci-walk-');
    fx = await makeHostileFixtures(temp.dir);
    root = fs.realpathSync(temp.dir);
    ({ files, skipped } = await walkAll([temp.dir]));
  });
  afterAll(async () => {
    await fx?.dispose();
    temp?.cleanup();
  });

  it('classifies every listed path as expected, with a reason for every skip', () => {
    const filePaths = new Set(files.map((f) => path.relative(root, f.path)));
    const skipByPath = new Map(skipped.map((s) => [path.relative(root, s.path), s]));
    for (const [rel, exp] of Object.entries(fx.expected)) {
      if (exp.walk === 'file') expect(filePaths.has(rel), `${rel} should be yielded`).toBe(true);
      else expect(skipByPath.get(rel)?.reason, `${rel}`).toBe(exp.walk);
    }
    for (const s of skipped) expect(s.reason).toBeTruthy();
  });

  it('yields each real file once, by its real absolute path, however many links lead to it', () => {
    const hello = path.join(root, 'docs/hello.pdf');
    expect(files.filter((f) => f.path === hello)).toHaveLength(1);
    const dupes = skipped.filter((s) => s.reason === 'duplicate').map((s) => path.relative(root, s.path));
    expect(dupes.sort()).toEqual([...fx.duplicates].sort());
    expect(new Set(files.map((f) => f.path)).size).toBe(files.length);
    for (const f of files) {
      expect(path.isAbsolute(f.path)).toBe(true);
      expect(fs.realpathSync(f.path)).toBe(f.path);
    }
  });

  it('reports size, mtime and kind of candidates', () => {
    const hello = files.find((f) => f.path.endsWith('docs/hello.pdf'))!;
    const st = fs.statSync(hello.path);
    expect(hello).toMatchObject({ size: st.size, mtimeMs: st.mtimeMs, kind: 'pdf' });
    expect(files.find((f) => f.path.endsWith('UPPER.PDF'))?.kind).toBe('pdf');
    expect(files.find((f) => f.path.endsWith('notes.md'))?.kind).toBe('markdown');
    expect(files.find((f) => f.path.endsWith('report.docx'))?.kind).toBe('docx');
  });

  it('does not descend into hidden or ignored folders', () => {
    const inside = [...files.map((f) => f.path), ...skipped.map((s) => s.path)].filter((p) =>
      /\/(\.hidden|node_modules|\.git)\//.test(p),
    );
    expect(inside).toEqual([]);
  });

  it('finds a file 60 folders deep', () => {
    const bottom = files.find((f) => f.path.endsWith('/bottom.txt'));
    expect(bottom?.path.split(path.sep).filter((p) => /^d\d+$/.test(p))).toHaveLength(DEEP_LEVELS);
  });

  it('reports folders past maxDepth as too-deep instead of walking them', async () => {
    const { files: shallow, skipped: cut } = await walkAll([temp.dir], { maxDepth: 10 });
    expect(shallow.some((f) => f.path.endsWith('/bottom.txt'))).toBe(false);
    expect(cut.filter((s) => s.reason === 'too-deep').map((s) => path.basename(s.path))).toEqual(['d11']);
  });
});

describe('walkSources roots', () => {
  it('walks overlapping roots once, accepts a file as a root and reports missing roots', async () => {
    const temp = makeTempDir('loci-walk-roots-');
    try {
      fs.mkdirSync(path.join(temp.dir, 'a/b'), { recursive: true });
      fs.writeFileSync(path.join(temp.dir, 'a/one.txt'), 'one');
      fs.writeFileSync(path.join(temp.dir, 'a/b/two.md'), '# two');
      const missing = path.join(temp.dir, 'nope');
      const { files, skipped } = await walkAll([
        path.join(temp.dir, 'a/b'),
        path.join(temp.dir, 'a'),
        path.join(temp.dir, 'a/one.txt'),
        missing,
      ]);
      expect(files.map((f) => path.basename(f.path)).sort()).toEqual(['one.txt', 'two.md']);
      expect(skipped.find((s) => s.path === missing)?.reason).toBe('missing');
      expect(skipped.filter((s) => s.reason === 'duplicate')).toHaveLength(2);
    } finally {
      temp.cleanup();
    }
  });

  it('stops when its signal aborts', async () => {
    const temp = makeTempDir('loci-walk-abort-');
    try {
      for (let i = 0; i < 300; i++) fs.writeFileSync(path.join(temp.dir, `f${i}.txt`), 'x');
      const controller = new AbortController();
      const seen: WalkEntry[] = [];
      await expect(
        (async () => {
          for await (const entry of walkSources([temp.dir], { signal: controller.signal })) {
            seen.push(entry);
            if (seen.length === 10) controller.abort(new Error('user cancelled'));
          }
        })(),
      ).rejects.toThrow('user cancelled');
      expect(seen.length).toBeLessThan(300);
    } finally {
      temp.cleanup();
    }
  });
});

describe('walkSources at scale', () => {
  it('streams 100k files with bounded memory', async () => {
    // tmpfs when there is one: creating 100k files on a busy ext4 /tmp takes minutes, walking them seconds.
    const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
    const temp = { dir: fs.mkdtempSync(path.join(base, 'loci-walk-100k-')) };
    const cleanup = (): void => fs.rmSync(temp.dir, { recursive: true, force: true });
    try {
      const empty = Buffer.alloc(0);
      for (let d = 0; d < 100; d++) {
        const dir = path.join(temp.dir, `folder${d}`);
        fs.mkdirSync(dir);
        for (let i = 0; i < 1000; i++) fs.writeFileSync(path.join(dir, `note-${i}.txt`), empty);
      }
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      let count = 0;
      let peakHeap = heapBefore;
      for await (const entry of walkSources([temp.dir])) {
        if (entry.type === 'file') count++;
        if (count % 5000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      }
      expect(count).toBe(100_000);
      // The visited set holds one short key per file (~10 MB for 100k); entries themselves are not kept.
      expect((peakHeap - heapBefore) / 1024 / 1024).toBeLessThan(80);
    } finally {
      cleanup();
    }
  });
});
