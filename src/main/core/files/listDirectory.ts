import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DirListing } from '../../../shared/api/methods/files';
import { LociError } from '../../../shared/api/errors';

/**
 * One folder of the machine running the core, for browser mode's "Add folder" dialog. Folders first,
 * then files, each alphabetical; hidden entries left out unless asked for. Entries that cannot be
 * stat'ed (broken links, permission) are skipped rather than failing the listing.
 */
export async function listDirectory(requested: string | undefined, showHidden: boolean): Promise<DirListing> {
  const home = os.homedir();
  const dir = path.resolve(requested?.trim() ? expandHome(requested.trim(), home) : home);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new LociError('NOT_FOUND', `No such folder: ${dir}`);
    if (code === 'ENOTDIR') throw new LociError('INVALID_INPUT', `Not a folder: ${dir}`);
    if (code === 'EACCES' || code === 'EPERM')
      throw new LociError('FORBIDDEN', `Cannot read ${dir}: permission denied`);
    throw err;
  }
  const entries = (
    await Promise.all(
      names
        .filter((name) => showHidden || !name.startsWith('.'))
        .map(async (name) => {
          const full = path.join(dir, name);
          const stat = await fs.stat(full).catch(() => null);
          if (!stat || !(stat.isDirectory() || stat.isFile())) return null;
          return {
            name,
            path: full,
            kind: stat.isDirectory() ? ('dir' as const) : ('file' as const),
            size: stat.size,
          };
        }),
    )
  )
    .filter((e): e is NonNullable<typeof e> => e !== null)
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));
  const parent = path.dirname(dir);
  return { path: dir, parent: parent === dir ? null : parent, entries, home };
}

function expandHome(p: string, home: string): string {
  return p === '~' ? home : p.startsWith('~/') ? path.join(home, p.slice(2)) : p;
}
