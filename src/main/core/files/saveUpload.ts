import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import fs, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { LociError } from '../../../shared/api/errors';
import { maxFileNameBytes, utf8Length } from '../../../shared/api/methods/files';
import { uploadFolder } from './uploadFolder';

/** `name (2).pdf` ... `name (1000).pdf`; after that the folder is too crowded with one name. */
const maxNumberedNames = 1000;

/** Errors of link() that mean "this file system has no hard links" (FAT, exFAT, some network mounts). */
const noHardLinks = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

/**
 * Stores one file uploaded from the browser in the folder the user chose, streaming it to disk
 * (memory stays flat whatever the size):
 *
 * - The bytes go to a temp file with a random name, created exclusively (O_EXCL) with mode 0600 and
 *   O_NOFOLLOW: a link planted in the folder is never written through, and no other upload can share
 *   the file (the old `.<name>.<pid>.uploading` name was predictable and shared by concurrent uploads).
 * - The file is fsync'ed, then given its final name with link(), which fails on any existing entry
 *   (a file, a folder, a dangling link) instead of replacing or following it; a taken name moves on to
 *   `name (2).pdf`. So concurrent uploads of one name each get their own name and their own bytes,
 *   and the file appears whole or not at all. Then the temp name is removed and the folder fsync'ed.
 * - On file systems without hard links the final name is reserved by an exclusive create and the temp
 *   file renamed onto that reservation (rename replaces the entry; it never follows a link).
 * - On any failure (client gone, disk full, over the size limit) the temp file is removed.
 */
export async function saveUpload(
  targetDir: string,
  name: string,
  body: AsyncIterable<Uint8Array>,
): Promise<string> {
  const dir = await uploadFolder(targetDir);
  const tmp = path.join(dir, `.loci-upload-${randomBytes(16).toString('hex')}.part`);
  let handle: FileHandle;
  try {
    handle = await fs.open(
      tmp,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    );
  } catch (err) {
    throw writeError(err, dir);
  }
  try {
    for await (const chunk of body) await writeAll(handle, chunk);
    // Readable like any file the user saves there (the temp file was private while being written).
    await handle.chmod(0o644);
    await handle.sync();
    const written = await handle.stat();
    await handle.close();
    const stored = await nameUnique(tmp, dir, name, written);
    await syncFolder(dir);
    return stored;
  } catch (err) {
    throw writeError(err, dir);
  } finally {
    await handle.close().catch(() => {});
    await fs.rm(tmp, { force: true });
  }
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

/** Gives the temp file its final name: the first free one of `name`, `name (2)`, ... never replacing. */
async function nameUnique(tmp: string, dir: string, name: string, written: Stats): Promise<string> {
  let hardLinks = true;
  for (let n = 1; n <= maxNumberedNames; n++) {
    const candidate = path.join(dir, numberedName(name, n));
    if (path.dirname(candidate) !== dir) throw new LociError('INVALID_INPUT', 'Invalid file name');
    if (hardLinks) {
      try {
        await fs.link(tmp, candidate);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? '';
        if (code === 'EEXIST') continue;
        if (!noHardLinks.has(code)) throw err;
        hardLinks = false;
      }
    }
    if (!hardLinks) {
      try {
        const reservation = await fs.open(
          candidate,
          constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
          0o600,
        );
        await reservation.close();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw err;
      }
      await fs.rename(tmp, candidate);
    }
    // The folder is writable by us, maybe by others: make sure the name holds the file we wrote.
    const stored = await fs.lstat(candidate);
    if (stored.ino !== written.ino || stored.dev !== written.dev) {
      throw new LociError('CONFLICT', `The folder changed while ${name} was being stored; try again`);
    }
    return candidate;
  }
  throw new LociError('CONFLICT', `Too many files named like ${name} in ${dir}`);
}

/** `report.pdf`, `report (2).pdf`, ... shortened so the name stays within the file system's limit. */
export function numberedName(name: string, n: number): string {
  if (n === 1) return name;
  const { name: base, ext } = path.parse(name);
  const suffix = ` (${n})${ext}`;
  let kept = base;
  while (kept.length > 0 && utf8Length(kept + suffix) > maxFileNameBytes)
    kept = [...kept].slice(0, -1).join('');
  return kept.length > 0 ? kept + suffix : `(${n})${ext}`.slice(0, maxFileNameBytes);
}

/** Makes the new directory entries durable (a crash after the answer must not lose the file). */
async function syncFolder(dir: string): Promise<void> {
  const handle = await fs.open(dir, constants.O_RDONLY).catch(() => null);
  if (!handle) return;
  // Some platforms (Windows) cannot fsync a directory; the file itself is already synced.
  await handle.sync().catch(() => {});
  await handle.close();
}

/** File system failures the user can act on become `{code, message}`; the rest stay internal. */
function writeError(err: unknown, dir: string): unknown {
  if (err instanceof LociError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new LociError('FORBIDDEN', `Cannot write to ${dir}: permission denied`);
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new LociError('UNAVAILABLE', `No space left on the disk of ${dir}`);
  if (code === 'ENAMETOOLONG') return new LociError('INVALID_INPUT', 'The file name is too long');
  return err;
}
