import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireWriterLock } from '../../src/main/core/store/writerLock';
import { makePdf } from '../support/makePdf';
import { writePdfCorpus } from '../support/pdfCorpus';
import { lociBin } from '../support/repoPaths';
import { makeTempDir } from '../support/tempDir';

// The library commands through the real `loci` binary, checking the JSON shapes scripts rely on.
describe('loci add / status / search / sync / remove (--json)', () => {
  const tmp = makeTempDir();
  const docs = path.join(tmp.dir, 'docs');
  const library = path.join(tmp.dir, 'library');
  writePdfCorpus(docs, 6, 2);
  fs.writeFileSync(path.join(docs, 'garbage.pdf'), 'this is not a pdf at all');
  fs.writeFileSync(
    path.join(docs, 'notes.md'),
    '# Glaciers\n\nGlaciers carve valleys as they flow downhill.\n',
  );
  afterAll(() => tmp.cleanup());
  const env = { ...process.env, LOCI_DATA_DIR: `${library}-data` };
  const loci = (...args: string[]) =>
    spawnSync(process.execPath, [lociBin, ...args, '--library', library], { env, encoding: 'utf8' });
  const lines = (out: string) =>
    out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  it('add prints NDJSON progress, then the summary line, and exits 0 even with a failed file', () => {
    const r = loci('add', docs, '--json');
    expect(r.status, r.stderr).toBe(0);
    const events = lines(r.stdout);
    expect(events.some((e) => e.type === 'progress' && typeof e.rate === 'number' && 'etaSeconds' in e)).toBe(
      true,
    );
    const summary = events.at(-1)!;
    expect(summary).toMatchObject({ type: 'summary', added: 7, updated: 0, unchanged: 0, removed: 0 });
    expect(summary.failed).toEqual([
      { path: fs.realpathSync(path.join(docs, 'garbage.pdf')), reason: expect.any(String) },
    ]);
    for (const key of ['skipped', 'pages', 'chunks', 'seconds']) expect(summary).toHaveProperty(key);
    // Named phases; after the last file the job says what it still does, and stderr shows it.
    const phases = events.filter((e) => e.type === 'progress').map((e) => e.phase);
    expect(phases).toContain('extracting and embedding');
    expect(phases).toContain('writing');
    expect(phases).toContain('building the vector index');
    expect(r.stderr).toMatch(/(\d+)\/\1 files {2}building the vector index…/);
    expect(r.stderr).not.toMatch(/(\d+)\/\1 files {2}0\.0\/s/);
  });

  it('status has the documented shape', () => {
    const r = loci('status', '--json');
    expect(r.status).toBe(0);
    const status = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(status).toMatchObject({
      documents: { total: 8, ok: 7, failed: 1, encrypted: 0, skipped: 0, timeout: 0 },
      chunks: expect.any(Number),
      models: [{ id: 'use-lite-int8', dims: 512, vectors: expect.any(Number) }],
      index: { state: 'ready', vectors: expect.any(Number) },
    });
  });

  it('search answers with ranked results in the documented shape; --batch gives NDJSON', () => {
    const r = loci('search', 'how glaciers shape valleys', '-k', '3', '--json');
    expect(r.status, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as {
      query: string;
      mode: string;
      tookMs: number;
      results: Array<Record<string, unknown>>;
    };
    expect(res).toMatchObject({
      query: 'how glaciers shape valleys',
      mode: 'hybrid',
      tookMs: expect.any(Number),
    });
    expect(res.results[0]).toMatchObject({
      rank: 1,
      path: expect.stringMatching(/notes\.md$/),
      title: expect.any(String),
    });
    for (const key of ['score', 'page', 'snippet', 'text', 'chunkId'])
      expect(res.results[0]).toHaveProperty(key);
    const queries = path.join(tmp.dir, 'queries.txt');
    fs.writeFileSync(queries, 'supernova remnant\ncontract law offer\n');
    const batch = loci('search', '--batch', queries, '--mode', 'keyword');
    const answers = lines(batch.stdout);
    expect(answers.map((a) => a.query)).toEqual(['supernova remnant', 'contract law offer']);
    expect((answers[1]!.results as Array<{ path: string }>)[0]!.path).toMatch(/law/);
  });

  it('search --kind and --path narrow the results; a wrong kind is a usage error', () => {
    const paths = (...args: string[]) => {
      const r = loci('search', 'glaciers carve valleys', '-k', '20', '--json', ...args);
      expect(r.status, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { results: Array<{ path: string }> }).results.map((h) => h.path);
    };
    expect(paths()).toEqual(expect.arrayContaining([expect.stringMatching(/notes\.md$/)]));
    const pdfs = paths('--kind', 'pdf');
    expect(pdfs.length).toBeGreaterThan(0);
    expect(pdfs.every((p) => p.endsWith('.pdf'))).toBe(true);
    expect(paths('--kind', 'markdown,text').every((p) => /\.(md|txt)$/.test(p))).toBe(true);
    const inside = paths('--path', path.join(docs, 'notes.md'));
    expect(inside.length).toBeGreaterThan(0);
    expect(inside.every((p) => p.endsWith('notes.md'))).toBe(true);
    const bad = loci('search', 'x', '--kind', 'spreadsheet');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--kind');
  });

  it('sync picks up a changed file and a deleted one; remove drops a document', () => {
    const changed = fs.readdirSync(docs).find((f) => f.includes('cooking'))!;
    fs.writeFileSync(
      path.join(docs, changed),
      makePdf(['Sourdough needs a lively starter and a long, cold proof.']),
    );
    fs.rmSync(path.join(docs, 'notes.md'));
    const sync = loci('sync', '--json');
    expect(lines(sync.stdout).at(-1)).toMatchObject({ type: 'summary', updated: 1, removed: 1 });
    const found = JSON.parse(loci('search', 'sourdough starter', '--json', '--mode', 'keyword').stdout) as {
      results: Array<{ path: string }>;
    };
    expect(found.results[0]?.path).toContain(changed);
    const removed = loci('remove', path.join(docs, changed), '--json');
    expect(JSON.parse(removed.stdout)).toEqual({ removed: 1 });
  });

  it('a second writer gets a clear error naming the holder, and a non-zero exit', () => {
    // This test process takes the writer lock for real, as a running `loci add` would.
    const lock = acquireWriterLock(library, 'loci add');
    try {
      const r = loci('add', docs);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/locked by `loci add` \(pid \d+\)/);
    } finally {
      lock.release();
    }
    expect(loci('status').status).toBe(0);
  });
});
