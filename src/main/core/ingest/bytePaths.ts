import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { BYTE_PATH_MARK, displayPath } from '../../../shared/displayPath';

/**
 * Paths whose bytes are not valid UTF-8, as the core carries them: one string (see
 * `shared/displayPath.ts` for the format and why) that file-system calls turn back into the exact
 * bytes with `fsPath`. Node accepts a Buffer wherever it takes a path, and a Buffer path is never
 * re-encoded, so `fs.open(fsPath(p))` opens the very file the walk found.
 */

/** The catalogue string for a path given as bytes: the path itself when it is valid UTF-8. */
export function pathFromBytes(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  return `${bytes.toString('utf8')}${BYTE_PATH_MARK}${bytes.toString('base64url')}`;
}

/** What to give `fs` for a catalogued path: its exact bytes when it has any, else the string. */
export function fsPath(p: string): string | Buffer {
  const at = p.indexOf(BYTE_PATH_MARK);
  return at < 0 ? p : Buffer.from(p.slice(at + BYTE_PATH_MARK.length), 'base64url');
}

/** The catalogue string of `name` (bytes from a `readdir` in buffer mode) inside folder `parent`. */
export function childPath(parent: string, name: Buffer): string {
  if (isUtf8(name) && !parent.includes(BYTE_PATH_MARK)) return path.join(parent, name.toString('utf8'));
  const base = fsPath(parent);
  const dir = Buffer.isBuffer(base) ? base : Buffer.from(base, 'utf8');
  const sep = dir.at(-1) === 0x2f ? Buffer.alloc(0) : Buffer.from(path.sep);
  return pathFromBytes(Buffer.concat([dir, sep, name]));
}

export { displayPath };
