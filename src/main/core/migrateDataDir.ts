import fs from 'node:fs';
import path from 'node:path';

/** What Loci itself keeps in its data folder (Electron's userData also holds Chromium's caches). */
export const DATA_ENTRIES = ['libraries', 'models', 'settings.json', 'desktop.json'] as const;

export interface DataDirMigration {
  /** The legacy folder the entries came from, or null when nothing moved. */
  from: string | null;
  moved: string[];
}

function sameDirectory(a: string, b: string): boolean {
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** Renames, or copies then deletes across file systems (EXDEV), so a move is whole or not at all. */
function moveEntry(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    const partial = `${to}.moving`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.cpSync(from, partial, { recursive: true, errorOnExist: true, preserveTimestamps: true });
    fs.renameSync(partial, to);
    fs.rmSync(from, { recursive: true, force: true });
  }
}

/** The desktop app remembers its last library by path: one inside the moved folder moves with it. */
function repointDesktopState(dataDir: string, legacy: string): void {
  const file = path.join(dataDir, 'desktop.json');
  try {
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as { libraryDir?: string };
    const inside = state.libraryDir && path.relative(legacy, state.libraryDir);
    if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) return;
    state.libraryDir = path.join(dataDir, inside);
    fs.writeFileSync(file, JSON.stringify(state));
  } catch {
    // No remembered library, or an unreadable file: the app falls back to the default library.
  }
}

/**
 * Moves the data of an earlier version (its libraries, imported models, settings) into `dataDir`,
 * once: only while `dataDir` holds none of them, from the first legacy folder that has any. A
 * legacy folder that is `dataDir` itself (a case-insensitive file system) is left alone. Entries move
 * by rename, so a library is never half in one place; the legacy folder keeps anything else.
 */
export function migrateDataDir(dataDir: string, legacyDirs: readonly string[]): DataDirMigration {
  const present = (dir: string) => DATA_ENTRIES.filter((e) => fs.existsSync(path.join(dir, e)));
  if (present(dataDir).length > 0) return { from: null, moved: [] };
  for (const legacy of legacyDirs) {
    if (!fs.existsSync(legacy) || sameDirectory(legacy, dataDir)) continue;
    const entries = present(legacy);
    if (entries.length === 0) continue;
    fs.mkdirSync(dataDir, { recursive: true });
    for (const entry of entries) moveEntry(path.join(legacy, entry), path.join(dataDir, entry));
    repointDesktopState(dataDir, legacy);
    // An empty legacy folder (the CLI's) goes too; Electron's keeps Chromium's files.
    if (fs.readdirSync(legacy).length === 0) fs.rmdirSync(legacy);
    return { from: legacy, moved: entries };
  }
  return { from: null, moved: [] };
}
