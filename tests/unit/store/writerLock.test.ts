import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LibraryStore } from '../../../src/main/core/store/libraryStore';
import {
  LOCK_FILE_NAME,
  LibraryLockedError,
  acquireWriterLock,
  currentLockHolder,
} from '../../../src/main/core/store/writerLock';
import { makeTempDir } from './libraryFixtures';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A pid that certainly belongs to no running process: one that just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('writer lock', () => {
  it('a second writer is refused with a message naming the holder', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const store = await LibraryStore.open(dir, { command: 'loci add' });
    cleanups.push(() => store.close());
    const error = await LibraryStore.open(dir, { command: 'loci reindex' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibraryLockedError);
    const message = (error as Error).message;
    expect(message).toContain(`Library ${dir} is locked by \`loci add\` (pid ${process.pid}) since `);
    expect(message).toMatch(/since \d\d:\d\d\./);
    // Readers are never blocked.
    const reader = await LibraryStore.open(dir, { readonly: true });
    await reader.close();
  });

  it('closing the writer frees the library for the next one', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const first = await LibraryStore.open(dir, { command: 'first' });
    await first.close();
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
    const second = await LibraryStore.open(dir, { command: 'second' });
    expect(currentLockHolder(dir)?.command).toBe('second');
    await second.close();
  });

  it('takes over a lock left by a crashed writer (dead pid on this host)', () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const stale = {
      pid: deadPid(),
      host: os.hostname(),
      command: 'loci add',
      startedAt: new Date().toISOString(),
      nonce: 'x',
    };
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify(stale));
    expect(currentLockHolder(dir)).toBeNull();
    const lock = acquireWriterLock(dir, 'loci add');
    expect(currentLockHolder(dir)?.pid).toBe(process.pid);
    lock.release();
  });

  it('never takes over a lock held on another host, and says which host', () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const remote = {
      pid: 1,
      host: 'other-machine',
      command: 'Loci app',
      startedAt: '2024-05-01T10:02:00',
      nonce: 'y',
    };
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify(remote));
    expect(() => acquireWriterLock(dir, 'loci add')).toThrow(
      /locked by `Loci app` \(pid 1 on other-machine\) since 2024-05-01 10:02/,
    );
  });

  it('release leaves a lock alone that is no longer ours', () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const lock = acquireWriterLock(dir, 'mine');
    const file = path.join(dir, LOCK_FILE_NAME);
    fs.writeFileSync(
      file,
      JSON.stringify({
        pid: process.pid,
        host: os.hostname(),
        command: 'someone else',
        startedAt: '',
        nonce: 'other',
      }),
    );
    lock.release();
    expect(fs.existsSync(file)).toBe(true);
  });
});
