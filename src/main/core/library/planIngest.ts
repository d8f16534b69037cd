import fs from 'node:fs/promises';
import path from 'node:path';
import type { SkipReason, WalkEntry } from '../ingest/types';
import { walkSources } from '../ingest/walkSources';
import type { IngestItem } from './ingestFiles';

/** Walk outcomes worth telling the user about (hidden files and unsupported kinds are expected). */
const reportedSkips: ReadonlySet<SkipReason> = new Set([
  'not-regular-file',
  'unreadable',
  'broken-link',
  'symlink-loop',
  'missing',
  'too-deep',
]);

export interface IngestPlan {
  items: IngestItem[];
  /** Files seen under each source, for sync's "deleted since" check. */
  seen: Set<string>;
  /** Sources whose root could not be found (their documents are kept, see sync). */
  missingSources: string[];
  skipped: Array<{ path: string; reason: string }>;
  failed: Array<{ path: string; reason: string }>;
}

/** The real path of a source as the walker will report its files (symlinks resolved). */
export async function resolveSource(p: string): Promise<string> {
  return fs.realpath(path.resolve(p)).catch(() => path.resolve(p));
}

function describeSkip(entry: Extract<WalkEntry, { type: 'skipped' }>): string {
  const { reason, detail } = entry.skipped;
  const text: Record<SkipReason, string> = {
    hidden: 'hidden',
    'ignored-folder': 'ignored folder',
    'unsupported-kind': 'unsupported file type',
    'not-regular-file': 'not a regular file (FIFO, socket or device): never opened',
    unreadable: 'unreadable',
    'broken-link': 'broken symbolic link',
    'symlink-loop': 'symbolic link loop',
    duplicate: 'same file reached twice',
    missing: 'does not exist',
    'too-deep': 'folder nested too deeply',
  };
  return detail ? `${text[reason]} (${detail})` : text[reason];
}

/**
 * Walks the given sources and lists every document to consider, each tagged with its source. Files
 * that cannot be read are listed as failed (unreadable) and odd entries (FIFOs, loops, broken links)
 * as skipped with the reason, so the summary accounts for everything the user pointed at.
 */
export async function planIngest(sources: readonly string[], signal: AbortSignal): Promise<IngestPlan> {
  const plan: IngestPlan = { items: [], seen: new Set(), missingSources: [], skipped: [], failed: [] };
  for (const source of sources) {
    for await (const entry of walkSources([source], { signal })) {
      if (entry.type === 'file') {
        plan.items.push({ file: entry.file, source });
        plan.seen.add(entry.file.path);
        continue;
      }
      if (entry.skipped.reason === 'missing' && path.resolve(entry.skipped.path) === path.resolve(source)) {
        plan.missingSources.push(source);
        continue;
      }
      if (!reportedSkips.has(entry.skipped.reason)) continue;
      const item = { path: entry.skipped.path, reason: describeSkip(entry) };
      if (entry.skipped.reason === 'unreadable') plan.failed.push(item);
      else plan.skipped.push(item);
    }
  }
  return plan;
}
