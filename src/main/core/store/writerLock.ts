import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * One writer per library. LanceDB tolerates concurrent writers at the storage level, but two ingests
 * racing on the same documents would fight over generations and the index cache, so a library holds
 * an exclusive lock file while a process writes. Readers never take it.
 *
 * The file is created with O_EXCL (atomic on local disks and on SMB/NFS v3+), and holds who owns it,
 * so a second writer can tell the user exactly what is in the way.
 */

export const LOCK_FILE_NAME = 'writer.lock';

export interface LockHolder {
  pid: number;
  host: string;
  /** What the holder is doing, e.g. `loci add` or `Loci app`. */
  command: string;
  /** ISO timestamp. */
  startedAt: string;
  /** Random per acquisition, so a process can tell its own lock from a recycled pid's. */
  nonce: string;
}

export class LibraryLockedError extends Error {
  readonly code = 'LIBRARY_LOCKED';
  constructor(
    readonly libraryDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `Library ${libraryDir} is locked by \`${holder.command}\` (pid ${holder.pid}` +
        `${holder.host === os.hostname() ? '' : ` on ${holder.host}`}) since ${describeSince(holder.startedAt)}. ` +
        `Wait for it to finish, or delete ${path.join(libraryDir, LOCK_FILE_NAME)} if that process is gone.`,
    );
    this.name = 'LibraryLockedError';
  }
}

/** `10:02` for today, `2024-05-01 10:02` otherwise: what a user needs to recognise the holder. */
function describeSince(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return 'an unknown time';
  const hhmm = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  const now = new Date();
  if (at.toDateString() === now.toDateString()) return hhmm;
  const ymd = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
  return `${ymd} ${hhmm}`;
}

/** True when `pid` names a live process on this machine (EPERM means alive but not ours). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return null;
    return {
      pid: parsed.pid,
      host: parsed.host,
      command: String(parsed.command ?? 'unknown command'),
      startedAt: String(parsed.startedAt ?? ''),
      nonce: String(parsed.nonce ?? ''),
    };
  } catch {
    return null;
  }
}

export interface WriterLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

/**
 * Takes the library's writer lock or throws {@link LibraryLockedError} naming the holder.
 *
 * A lock whose pid is dead on this host is stale (the writer crashed) and is taken over. Taking over
 * renames the stale file to a unique name first, so two processes that both saw it stale cannot both
 * delete a lock the other one has just created; each then races on O_EXCL as usual.
 */
export function acquireWriterLock(libraryDir: string, command: string): WriterLock {
  fs.mkdirSync(libraryDir, { recursive: true });
  const file = path.join(libraryDir, LOCK_FILE_NAME);
  const holder: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    command,
    startedAt: new Date().toISOString(),
    nonce: randomUUID(),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      try {
        fs.writeSync(fd, JSON.stringify(holder));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      return makeLock(file, holder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const current = readHolder(file);
    if (current === null) {
      // Half-written by a writer that died between create and write, or being written right now.
      // Give a live writer a moment, then treat an unreadable file as stale.
      if (attempt < 2) {
        sleepSync(50);
        continue;
      }
    } else if (current.host !== os.hostname() || processAlive(current.pid)) {
      throw new LibraryLockedError(libraryDir, current);
    }
    const tombstone = `${file}.stale-${process.pid}-${randomUUID()}`;
    try {
      fs.renameSync(file, tombstone);
      fs.rmSync(tombstone, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const current = readHolder(file);
  if (current) throw new LibraryLockedError(libraryDir, current);
  throw new Error(`Could not take the writer lock ${file}`);
}

function makeLock(file: string, holder: LockHolder): WriterLock {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only remove the file if it is still ours (a user may have deleted it and another writer taken it).
    if (readHolder(file)?.nonce === holder.nonce) fs.rmSync(file, { force: true });
  };
  // A normal exit without close() should not leave a lock behind; a crash does, and is detected stale.
  process.on('exit', release);
  return { file, holder, release };
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Who holds the library's writer lock right now, or null (stale locks count as free). */
export function currentLockHolder(libraryDir: string): LockHolder | null {
  const holder = readHolder(path.join(libraryDir, LOCK_FILE_NAME));
  if (!holder) return null;
  if (holder.host === os.hostname() && !processAlive(holder.pid)) return null;
  return holder;
}
