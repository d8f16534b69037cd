import { createHash } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import fs, { type FileHandle } from 'node:fs/promises';
import { fsPath } from '../bytePaths';

/** A file that cannot be extracted for a reason worth telling the user (not a bug). */
export class SourceReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceReadError';
  }
}

const READ_BLOCK = 1024 * 1024;

/**
 * Opens a file for reading only if it is a regular file. `O_NONBLOCK` makes opening a FIFO return at
 * once instead of blocking until a writer appears (the walker already skips FIFOs; this closes the race
 * where a path is replaced between walk and extract), and `fstat` on the open handle rejects it.
 */
export async function openRegularFile(filePath: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await fs.open(fsPath(filePath), fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new SourceReadError(describeFsError(error));
  }
  const st = await handle.stat();
  if (!st.isFile()) {
    await handle.close();
    throw new SourceReadError('not a regular file');
  }
  return { handle, size: st.size };
}

/** Reads a whole file (parsers that need random access: PDF, DOCX, HTML), refusing files over `maxBytes`. */
export async function readWholeFile(
  filePath: string,
  maxBytes: number,
): Promise<{ bytes: Buffer; sha256: string; size: number }> {
  const { handle, size } = await openRegularFile(filePath);
  try {
    if (size > maxBytes) {
      throw new SourceReadError(`file too large (${mib(size)} MB, limit ${mib(maxBytes)} MB)`);
    }
    // Read up to the stat size plus one block: a file that grows while read is capped, not unbounded.
    const bytes = await readUpTo(handle, Math.min(size + READ_BLOCK, maxBytes + 1));
    if (bytes.length > maxBytes) throw new SourceReadError(`file too large (grew past ${mib(maxBytes)} MB)`);
    return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
  } finally {
    await handle.close();
  }
}

/**
 * Reads the first `prefixBytes` of a file into memory and streams the rest only through the hash, so a
 * 50 GB "text" file costs one block of memory beyond the prefix. `partial` tells whether bytes were left.
 */
export async function readFilePrefix(
  filePath: string,
  prefixBytes: number,
): Promise<{ bytes: Buffer; partial: boolean; sha256: string; size: number }> {
  const { handle } = await openRegularFile(filePath);
  try {
    const hash = createHash('sha256');
    const prefix = await readUpTo(handle, prefixBytes);
    hash.update(prefix);
    let size = prefix.length;
    const block = Buffer.allocUnsafe(READ_BLOCK);
    for (;;) {
      const { bytesRead } = await handle.read(block, 0, READ_BLOCK, null);
      if (bytesRead === 0) break;
      hash.update(block.subarray(0, bytesRead));
      size += bytesRead;
    }
    return { bytes: prefix, partial: size > prefix.length, sha256: hash.digest('hex'), size };
  } finally {
    await handle.close();
  }
}

/** Reads from the current position until EOF or `limit` bytes. */
async function readUpTo(handle: FileHandle, limit: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const want = Math.min(READ_BLOCK * 4, limit - total);
    const buf = Buffer.allocUnsafe(want);
    const { bytesRead } = await handle.read(buf, 0, want, null);
    if (bytesRead === 0) break;
    // Copy a short read so the mostly empty block is not kept alive by a view into it.
    parts.push(bytesRead === want ? buf : Buffer.from(buf.subarray(0, bytesRead)));
    total += bytesRead;
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
}

function mib(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
}

/** "permission denied" rather than "EACCES: permission denied, open '/x'": the path is shown elsewhere. */
export function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'file not found';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'symlink loop';
    case 'EIO':
      return 'I/O error';
    default:
      return e?.message ?? String(error);
  }
}
