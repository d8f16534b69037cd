import fs from 'node:fs';
import path from 'node:path';

/**
 * Damaged files are never deleted by a repair: they are moved into `<library>/quarantine/<session>/`,
 * keeping their path inside the library, so nothing is lost that a later tool (or a person) could
 * still read, and a repair can be retraced. The folder is the user's to delete.
 */

export const QUARANTINE_DIR = 'quarantine';

/** A folder name for one repair run, sortable by time (`2026-12-06T05-03-12-345Z`). */
export function quarantineSession(now = new Date()): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/**
 * Moves a file or folder inside the library into the session's quarantine folder; returns where it
 * went, relative to the library.
 */
export function moveToQuarantine(libraryDir: string, session: string, target: string): string {
  const relative = path.relative(libraryDir, target);
  if (relative.startsWith('..') || path.isAbsolute(relative))
    throw new Error(`refusing to quarantine ${target}: it is outside the library`);
  const destination = path.join(libraryDir, QUARANTINE_DIR, session, relative);
  moveInto(target, destination);
  return path.relative(libraryDir, destination);
}

/** Renames `from` to `to`, merging folder by folder where `to` already holds earlier moves. */
function moveInto(from: string, to: string): void {
  if (fs.existsSync(to) && fs.statSync(to).isDirectory() && fs.statSync(from).isDirectory()) {
    for (const name of fs.readdirSync(from)) moveInto(path.join(from, name), path.join(to, name));
    fs.rmdirSync(from);
    return;
  }
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.renameSync(from, to);
}
