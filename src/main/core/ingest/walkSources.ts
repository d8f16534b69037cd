import { constants as fsConstants, type Dirent, type Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { childPath, displayPath, fsPath, pathFromBytes } from './bytePaths';
import { IGNORED_FOLDER_NAMES, isHiddenName, kindOfPath } from './sourceKinds';
import type { SkipReason, WalkEntry } from './types';

export interface WalkOptions {
  /** Folders nested deeper than this below a root are reported as `too-deep`. Default 256. */
  maxDepth?: number;
  /** Stops the walk between entries; the iterator throws `signal.reason`. */
  signal?: AbortSignal;
}

/** Entries processed concurrently per folder: stat calls overlap, memory stays bounded. */
const BATCH = 64;

interface PendingDir {
  /** Real path of the folder. */
  real: string;
  depth: number;
}

type Emit = (entry: WalkEntry) => void;

/**
 * Walks files and folders, yielding every supported document once and every skipped entry with its
 * reason, in depth-first order.
 *
 * - Roots may be files or folders; a root is walked even if its own name is hidden (the user chose it).
 * - Below a root, dot-names and `IGNORED_FOLDER_NAMES` are skipped without descending.
 * - Symlinks are followed to their real path; each real file and folder is visited once (by device and
 *   inode, so hard links and overlapping roots count once); a link back into its own ancestry is a
 *   `symlink-loop`.
 * - FIFOs, sockets and devices are classified from `readdir`/`stat` types and never opened.
 * - Errors (permission denied, vanished files) become `unreadable` entries, never exceptions.
 * - Names are read as bytes: one that is not valid UTF-8 (Latin-1 0xE9...) is found and opened by its
 *   exact bytes and reported as a byte path (`bytePaths.ts`), not lost as "does not exist".
 *
 * Memory is bounded by the folder stack and the visited set (one short key per file), not by file count:
 * folders are read as streams (`opendir`), so a folder of 100k files is never held as one array.
 */
export async function* walkSources(
  roots: readonly string[],
  options: WalkOptions = {},
): AsyncGenerator<WalkEntry, void, undefined> {
  const maxDepth = options.maxDepth ?? 256;
  const visited = new Set<string>();
  const stack: PendingDir[] = [];
  const out: WalkEntry[] = [];
  const emit: Emit = (entry) => out.push(entry);
  const ctx: VisitContext = { visited, stack, maxDepth };

  for (const root of roots) {
    options.signal?.throwIfAborted();
    const abs = path.resolve(root);
    commit(await probePath(abs, path.dirname(abs), 0, true), ctx, emit);
    yield* out.splice(0);
    while (stack.length > 0) {
      options.signal?.throwIfAborted();
      const dir = stack.pop()!;
      for await (const batch of readDirBatches(dir.real, emit)) {
        const probes = await Promise.all(batch.map((d) => probeDirent(d, dir)));
        for (const probe of probes) commit(probe, ctx, emit);
        yield* out.splice(0);
        options.signal?.throwIfAborted();
      }
      yield* out.splice(0);
    }
  }
}

interface VisitContext {
  visited: Set<string>;
  stack: PendingDir[];
  maxDepth: number;
}

/** What probing one path found, before the in-order (deterministic) de-duplication step. */
type Probe =
  | { type: 'skip'; entry: WalkEntry }
  | { type: 'dir'; full: string; real: string; key: string; depth: number; parentReal: string }
  | { type: 'file'; full: string; real: string; key: string; entry: WalkEntry };

/** Streams a folder's entries in batches; an unreadable folder is reported once and yields nothing. */
async function* readDirBatches(dir: string, emit: Emit): AsyncGenerator<Dirent<Buffer>[]> {
  let handle;
  try {
    // Node reads names as bytes with encoding 'buffer' (its types only list text encodings).
    handle = await fs.opendir(fsPath(dir), { bufferSize: BATCH, encoding: 'buffer' as BufferEncoding });
  } catch (error) {
    emit(skip(dir, 'unreadable', describe(error)));
    return;
  }
  let batch: Dirent<Buffer>[] = [];
  try {
    for await (const dirent of handle as AsyncIterable<Dirent> as AsyncIterable<Dirent<Buffer>>) {
      batch.push(dirent);
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    // The folder became unreadable or vanished mid-way: keep what was read, report the rest.
    emit(skip(dir, 'unreadable', describe(error)));
  }
  if (batch.length > 0) yield batch;
}

/** Classifies a folder entry, from its dirent type where that suffices (no stat for skipped names). */
async function probeDirent(dirent: Dirent<Buffer>, parent: PendingDir): Promise<Probe> {
  const full = childPath(parent.real, dirent.name);
  // The name as text, for the checks below (lossy only where the bytes are not UTF-8).
  const name = dirent.name.toString('utf8');
  if (IGNORED_FOLDER_NAMES.has(name) && !dirent.isFile()) {
    return { type: 'skip', entry: skip(full, 'ignored-folder') };
  }
  if (isHiddenName(name)) return { type: 'skip', entry: skip(full, 'hidden') };
  if (dirent.isFile() && !kindOfPath(name)) {
    return {
      type: 'skip',
      entry: skip(full, 'unsupported-kind', path.extname(name) || 'no extension'),
    };
  }
  const special = specialType(dirent);
  if (special) return { type: 'skip', entry: skip(full, 'not-regular-file', special) };
  // Files, folders, symlinks and DT_UNKNOWN (some network file systems): stat decides.
  return probePath(full, parent.real, parent.depth + 1, false);
}

/** Classifies one path (root or folder entry) by stat, following symlinks to their real path. */
async function probePath(full: string, parentReal: string, depth: number, isRoot: boolean): Promise<Probe> {
  let lst: Stats;
  try {
    lst = await fs.lstat(fsPath(full));
  } catch (error) {
    const reason = errorCode(error) === 'ENOENT' ? 'missing' : 'unreadable';
    return { type: 'skip', entry: skip(full, reason, describe(error)) };
  }
  let real = full;
  let st = lst;
  if (lst.isSymbolicLink() || isRoot) {
    try {
      real = pathFromBytes(await fs.realpath(fsPath(full), { encoding: 'buffer' }));
      st = await fs.stat(fsPath(real));
    } catch (error) {
      const code = errorCode(error);
      let reason: SkipReason = 'unreadable';
      if (code === 'ELOOP') reason = 'symlink-loop';
      else if (code === 'ENOENT') reason = lst.isSymbolicLink() ? 'broken-link' : 'missing';
      return { type: 'skip', entry: skip(full, reason, describe(error)) };
    }
  }
  const key = `${st.dev}:${st.ino}`;
  if (st.isDirectory()) return { type: 'dir', full, real, key, depth, parentReal };
  if (!st.isFile()) {
    return { type: 'skip', entry: skip(full, 'not-regular-file', specialType(st) ?? 'special file') };
  }
  const kind = kindOfPath(displayPath(real)) ?? kindOfPath(displayPath(full));
  if (!kind) {
    return {
      type: 'skip',
      entry: skip(full, 'unsupported-kind', path.extname(displayPath(real)) || 'no extension'),
    };
  }
  try {
    await fs.access(fsPath(real), fsConstants.R_OK);
  } catch (error) {
    return { type: 'skip', entry: skip(full, 'unreadable', describe(error)) };
  }
  const entry: WalkEntry = { type: 'file', file: { path: real, size: st.size, mtimeMs: st.mtimeMs, kind } };
  return { type: 'file', full, real, key, entry };
}

/** De-duplicates in walk order (so which of two links "wins" does not depend on stat timing). */
function commit(probe: Probe, ctx: VisitContext, emit: Emit): void {
  if (probe.type === 'skip') {
    emit(probe.entry);
    return;
  }
  if (ctx.visited.has(probe.key)) {
    // A link to a folder that contains the link is a loop; any other repeat is a plain duplicate.
    const loop =
      probe.type === 'dir' && probe.full !== probe.real && isSameOrInside(probe.parentReal, probe.real);
    emit(skip(probe.full, loop ? 'symlink-loop' : 'duplicate', probe.real));
    return;
  }
  if (probe.type === 'dir') {
    if (probe.depth > ctx.maxDepth) {
      emit(skip(probe.full, 'too-deep', `deeper than ${ctx.maxDepth} folders`));
      return;
    }
    ctx.visited.add(probe.key);
    ctx.stack.push({ real: probe.real, depth: probe.depth });
    return;
  }
  ctx.visited.add(probe.key);
  emit(probe.entry);
}

function isSameOrInside(child: string, ancestor: string): boolean {
  if (child === ancestor) return true;
  const prefix = ancestor.endsWith(path.sep) ? ancestor : ancestor + path.sep;
  return child.startsWith(prefix);
}

function specialType(
  s: Pick<Stats, 'isFIFO' | 'isSocket' | 'isBlockDevice' | 'isCharacterDevice'>,
): string | undefined {
  if (s.isFIFO()) return 'fifo';
  if (s.isSocket()) return 'socket';
  if (s.isBlockDevice()) return 'block device';
  if (s.isCharacterDevice()) return 'character device';
  return undefined;
}

function skip(p: string, reason: SkipReason, detail?: string): WalkEntry {
  return {
    type: 'skipped',
    skipped: detail === undefined ? { path: p, reason } : { path: p, reason, detail },
  };
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e?.code ? `${e.code}: ${e.message.replace(/^[A-Z]+: /, '')}` : String(error);
}

/** Counts of a finished walk, by outcome; what a progress UI or report shows. */
export interface WalkSummary {
  files: number;
  bytes: number;
  skipped: Partial<Record<SkipReason, number>>;
}

/** Adds one entry to a running summary (kept here so every caller counts the same way). */
export function countWalkEntry(summary: WalkSummary, entry: WalkEntry): void {
  if (entry.type === 'file') {
    summary.files += 1;
    summary.bytes += entry.file.size;
  } else {
    summary.skipped[entry.skipped.reason] = (summary.skipped[entry.skipped.reason] ?? 0) + 1;
  }
}
