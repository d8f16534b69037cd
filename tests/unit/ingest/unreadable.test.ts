import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractResult, WalkEntry } from '../../../src/main/core/ingest/types';
import { isRoot } from '../../support/makeHostileFixtures';
import { repoRoot } from '../../support/repoPaths';
import { makeTempDir } from '../../support/tempDir';

/** The user the probe runs as when the suite runs as root (root ignores mode 000). */
const NOBODY = 65534;

describe('unreadable files and folders', () => {
  let temp: { dir: string; cleanup: () => void };
  beforeAll(() => {
    temp = makeTempDir('loci-unreadable-');
  });
  afterAll(() => temp?.cleanup());

  it('are reported with a reason by the walker and the extractor, never thrown', () => {
    // The probe may run as another user: it must be able to reach the folder.
    fs.chmodSync(temp.dir, 0o755);
    const readable = path.join(temp.dir, 'readable.txt');
    const locked = path.join(temp.dir, 'locked.txt');
    const lockedDir = path.join(temp.dir, 'locked-folder');
    fs.writeFileSync(readable, 'Anyone can read this.');
    fs.writeFileSync(locked, 'Nobody can read this.');
    fs.mkdirSync(lockedDir);
    fs.writeFileSync(path.join(lockedDir, 'inside.md'), '# inside');
    fs.chmodSync(readable, 0o644);
    fs.chmodSync(locked, 0o000);
    fs.chmodSync(lockedDir, 0o000);

    const output = execFileSync(
      process.execPath,
      [
        path.join(repoRoot, 'bin/run-ts.mjs'),
        path.join(import.meta.dirname, 'unprivilegedProbe.ts'),
        temp.dir,
        locked,
        readable,
      ],
      { cwd: repoRoot, encoding: 'utf8', ...(isRoot() ? { uid: NOBODY, gid: NOBODY } : {}) },
    );
    const { uid, walk, extracted } = JSON.parse(output) as {
      uid: number;
      walk: WalkEntry[];
      extracted: ExtractResult[];
    };
    expect(uid).not.toBe(0);

    const skipped = new Map(
      walk.flatMap((e) => (e.type === 'skipped' ? [[e.skipped.path, e.skipped] as const] : [])),
    );
    expect(skipped.get(locked)).toMatchObject({
      reason: 'unreadable',
      detail: expect.stringMatching(/EACCES/),
    });
    expect(skipped.get(lockedDir)).toMatchObject({
      reason: 'unreadable',
      detail: expect.stringMatching(/EACCES/),
    });
    expect(walk.filter((e) => e.type === 'file').map((e) => e.type === 'file' && e.file.path)).toEqual([
      readable,
    ]);

    expect(extracted[0]).toMatchObject({ status: 'failed', reason: 'permission denied' });
    expect(extracted[1]).toMatchObject({ status: 'ok' });
    expect(extracted[1]!.pages[0]!.text).toBe('Anyone can read this.');
  });
});
