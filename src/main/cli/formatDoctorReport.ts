import type { LibraryCheckReport, LibraryRepairSummary } from '../../shared/api/methods/library';

/** `loci doctor`'s human report: one line per table, model and index, then the verdict. */
export function formatCheckReport(r: LibraryCheckReport): string {
  const lines = [`Library: ${r.libraryDir}`];
  if (r.tables.length === 0) {
    lines.push('No library here yet: nothing to check.');
    return `${lines.join('\n')}\n`;
  }
  lines.push('Tables:');
  const width = Math.max(...r.tables.map((t) => t.table.length));
  for (const t of r.tables) {
    const version = t.version === null ? '   -' : `v${t.version}`.padStart(4);
    const rows = t.rows === null ? '-' : `${t.rows} rows`;
    lines.push(`  ${t.table.padEnd(width)}  ${version}  ${rows.padStart(12)}  ${t.problem ?? 'ok'}`);
  }
  const d = r.documents;
  const unread = r.tables.filter((t) => ['documents', 'chunks'].includes(t.table) && t.rows === null);
  if (unread.length > 0) lines.push('Documents: not counted (their tables cannot be read)');
  else
    lines.push(
      `Documents: ${d.ok} indexed with ${d.chunks} chunks; ${d.damaged.length === 0 ? 'every one complete' : `${d.damaged.length} lost chunks or vectors`}`,
    );
  for (const doc of d.damaged.slice(0, 10)) lines.push(`  ${doc.path}: ${doc.problem}`);
  if (d.damaged.length > 10) lines.push(`  ... and ${d.damaged.length - 10} more (see --json)`);
  for (const m of r.models)
    lines.push(
      `Model ${m.id}: ${m.vectors === null ? 'unreadable' : `${m.vectors} vectors`}${m.problem ? ` (${m.problem})` : ''}`,
    );
  if (r.ocr) {
    const o = r.ocr;
    const orphans = o.orphanRows > 0 ? `, ${o.orphanRows} rows of documents that no longer exist` : '';
    lines.push(
      `OCR word boxes: ${o.pages} pages${orphans}; ${o.damaged.length === 0 ? "every OCR'd document has them" : `${o.damaged.length} OCR'd documents without usable ones`}`,
    );
    for (const doc of o.damaged.slice(0, 10)) lines.push(`  ${doc.path}: ${doc.problem}`);
    if (o.damaged.length > 10) lines.push(`  ... and ${o.damaged.length - 10} more (see --json)`);
  }
  for (const i of r.indexes) {
    const state = {
      ok: 'ok, matches the table',
      none: 'no index file (searched exactly, or built on the next search)',
      stale: 'behind the table (catches up on the next search)',
      damaged: `DAMAGED: ${i.problem}`,
    }[i.state];
    lines.push(`Vector index ${i.modelId}: ${state}`);
  }
  lines.push(
    `Checked in ${r.seconds.toFixed(1)} s (${r.full ? 'every row and column read' : 'quick check'}).`,
  );
  if (r.healthy) lines.push('The library is healthy.');
  else {
    lines.push(`The library is damaged (${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}):`);
    for (const p of r.problems) lines.push(`  - ${p}`);
    lines.push('Run `loci doctor --repair` to repair it (your source files are never changed).');
  }
  return `${lines.join('\n')}\n`;
}

/** What `loci doctor --repair` did. */
export function formatRepairSummary(s: LibraryRepairSummary): string {
  if (s.found.length === 0) return 'The library is healthy: nothing to repair.\n';
  const lines = [`Found ${s.found.length} problem${s.found.length === 1 ? '' : 's'}:`];
  for (const p of s.found) lines.push(`  - ${p}`);
  lines.push(s.cancelled ? 'Cancelled after:' : `Repaired in ${s.seconds.toFixed(1)} s:`);
  for (const a of s.actions) lines.push(`  - ${a}`);
  if (s.quarantined.length > 0)
    lines.push(`Moved ${s.quarantined.length} damaged file(s) into the library's quarantine/ folder.`);
  for (const l of s.lost) lines.push(`Lost: ${l.path} (${l.reason})`);
  lines.push(
    s.after.healthy
      ? `The library is healthy again: ${s.after.documents.ok} documents, ${s.after.documents.chunks} chunks.`
      : `Still damaged:\n${s.after.problems.map((p) => `  - ${p}`).join('\n')}`,
  );
  return `${lines.join('\n')}\n`;
}
