import fs from 'node:fs/promises';
import path from 'node:path';
import { LociError } from '../../../shared/api/errors';

/** Pseudo file systems: writing "files" there changes the kernel's or a device's state. */
const systemRoots = ['/proc', '/sys', '/dev'];

function isUnder(p: string, root: string): boolean {
  return p === root || p.startsWith(root + path.sep);
}

/**
 * Checks the folder an upload goes into and returns its real path. The policy is the one uploads
 * always had (any folder the user can write to, chosen in the folder picker), made explicit: the
 * path must be absolute (a relative one would land under the server's working directory), must
 * exist and be a folder (it is not created: the picker only offers existing folders), and must not be
 * in /proc, /sys or /dev. Links in the path are resolved once here; the file is then created in the
 * real folder, and the returned path is the one the library will catalogue.
 */
export async function uploadFolder(targetDir: string): Promise<string> {
  if (targetDir.includes('\0')) throw new LociError('INVALID_INPUT', 'The folder path contains NUL');
  if (!path.isAbsolute(targetDir))
    throw new LociError('INVALID_INPUT', `The upload folder must be an absolute path, got ${targetDir}`);
  const asGiven = path.resolve(targetDir);
  let real: string;
  try {
    real = await fs.realpath(asGiven);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new LociError('INVALID_INPUT', `No such folder: ${asGiven}`);
    if (code === 'ENOTDIR') throw new LociError('INVALID_INPUT', `Not a folder: ${asGiven}`);
    if (code === 'EACCES' || code === 'EPERM')
      throw new LociError('FORBIDDEN', `Cannot open ${asGiven}: permission denied`);
    if (code === 'ELOOP') throw new LociError('INVALID_INPUT', `Too many links in ${asGiven}`);
    if (code === 'ENAMETOOLONG') throw new LociError('INVALID_INPUT', 'The folder path is too long');
    throw err;
  }
  if (process.platform !== 'win32' && systemRoots.some((r) => isUnder(asGiven, r) || isUnder(real, r)))
    throw new LociError('INVALID_INPUT', `Cannot upload into a system folder (${asGiven})`);
  const stat = await fs.lstat(real);
  if (!stat.isDirectory()) throw new LociError('INVALID_INPUT', `Not a folder: ${asGiven}`);
  return real;
}
