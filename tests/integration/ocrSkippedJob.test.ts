import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceResourcesDir } from '../../src/main/core/config';
import { createCore, type Core } from '../../src/main/core/createCore';
import { documentIdForPath } from '../../src/main/core/store/chunkIdentity';
import { LibraryStore } from '../../src/main/core/store/libraryStore';
import { createDispatcher } from '../../src/main/transport/dispatch';
import { libraryPaths } from '../../src/main/core/store/libraryTables';
import type { IngestSummary, LibraryRepairSummary } from '../../src/shared/api/methods/library';
import { writeScannedPdf } from '../support/makeScanFixtures';
import { lociBin } from '../support/repoPaths';
import { makeTempDir } from '../support/tempDir';

// "OCR N skipped files" as a job. The library is left as a version without OCR left it: a scanned
// PDF catalogued as skipped for "no text layer" (written through the real store). The status counts
// it, the job reads it with OCR (in-process through the dispatcher, and with `loci ocr`),
// cancelling leaves them waiting, and with nothing left the method says so as {code, message}.
describe('library.ocrSkipped / loci ocr', () => {
  const tmp = makeTempDir();
  const docs = path.join(tmp.dir, 'scans');
  const library = path.join(tmp.dir, 'library');
  const env = { ...process.env, LOCI_DATA_DIR: `${library}-data` };
  const loci = (...args: string[]) =>
    spawnSync(process.execPath, [lociBin, ...args, '--library', library], { env, encoding: 'utf8' });
  let core: Core;
  let dispatch: ReturnType<typeof createDispatcher>;

  beforeAll(async () => {
    fs.mkdirSync(docs);
    const source = fs.realpathSync(docs);
    const files = [
      writeScannedPdf(path.join(source, 'orchard.pdf'), [
        'Quince trees flowered late in the walled orchard.',
      ]),
    ];
    const store = await LibraryStore.open(library);
    await store.addSource(source);
    for (const file of files) {
      const stat = fs.statSync(file);
      await store.upsertDocument(
        {
          id: documentIdForPath(file),
          source,
          path: file,
          title: path.basename(file, '.pdf'),
          kind: 'pdf',
          size: stat.size,
          mtime: stat.mtimeMs,
          sha256: createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
          pages: 1,
          status: 'skipped',
          reason: 'no text layer (scanned or image-only PDF?)',
        },
        [],
        [],
      );
    }
    await store.close();
    core = await createCore({
      appVersion: '0.1.0',
      dataDir: `${library}-data`,
      libraryDir: library,
      resourcesDir: sourceResourcesDir(),
      threads: 1,
    });
    dispatch = createDispatcher(core.handlers);
  }, 60_000);

  afterAll(async () => {
    await core?.close();
    tmp.cleanup();
  });

  it('counts the skipped scans, and `loci status` offers `loci ocr`', async () => {
    const status = await core.handlers['library.status']({});
    expect(status.awaitingOcr).toBe(1);
    const r = loci('status');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('OCR: 1 skipped file may be read with OCR: run `loci ocr`');
  });

  it('validates its input', async () => {
    expect(await dispatch('library.ocrSkipped', { paths: ['x'] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('is a job that can be cancelled, leaving the file waiting', async () => {
    const started = await dispatch('library.ocrSkipped', {});
    expect(started.ok).toBe(true);
    const { jobId } = (started as { value: { jobId: string } }).value;
    expect(core.jobs.cancel(jobId)).toBe(true);
    const summary = (await core.jobs.wait(jobId)) as IngestSummary;
    expect(summary.cancelled).toBe(true);
    expect((await core.handlers['library.status']({})).awaitingOcr).toBeGreaterThan(0);
  }, 60_000);

  it('reads it with OCR (`loci ocr`): the document is indexed, its reason says OCR', async () => {
    const r = loci('ocr', '--json');
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as IngestSummary;
    expect(summary).toMatchObject({ type: 'summary', failed: [], skipped: [], cancelled: false });
    expect(summary.added + summary.updated).toBeGreaterThan(0);
    const status = await core.handlers['library.status']({});
    expect(status.awaitingOcr).toBe(0);
    expect(status.documents).toMatchObject({ ok: 1, skipped: 0 });
    expect(status.chunks).toBeGreaterThan(0);
    const [doc] = (await core.handlers['library.documents']({ filter: {}, offset: 0, limit: 10 })).items;
    expect(doc?.reason).toMatch(/^OCR: 1 page, mean confidence \d+%$/);
  }, 180_000);

  it('says there is nothing to read when no file waits for OCR', async () => {
    expect(await dispatch('library.ocrSkipped', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No skipped files are waiting for OCR.' },
    });
    const r = loci('ocr');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('No skipped files are waiting for OCR.');
  });

  /** Damages the real library's `ocr_pages` table through LanceDB itself, as a crash or a bug would. */
  async function damageOcrPages(edit: (table: lancedb.Table) => Promise<void>): Promise<void> {
    const db = await lancedb.connect(libraryPaths(library).lanceDir);
    const table = await db.openTable('ocr_pages');
    try {
      await edit(table);
    } finally {
      table.close();
      db.close();
    }
  }
  const repair = async () => {
    const { jobId } = await core.handlers['library.repair']({});
    return (await core.jobs.wait(jobId)) as LibraryRepairSummary;
  };
  /** The scan's stored OCR pages with word boxes, read through the store as the viewer's reader does. */
  const ocrPagesOfScan = async () => {
    const store = await LibraryStore.open(library, { readonly: true });
    try {
      const [doc] = await store.listDocuments({});
      return (await store.getOcrPages(doc!.id)).filter((p) => p.boxes.starts.length > 0).length;
    } finally {
      await store.close();
    }
  };

  it('the doctor finds OCR word boxes gone, or left of a document that is gone; the repair restores them', async () => {
    expect(await core.handlers['library.check']({ full: true })).toMatchObject({
      healthy: true,
      ocr: { pages: 1, orphanRows: 0, damaged: [] },
    });
    const scan = (await core.handlers['library.documents']({ filter: {}, offset: 0, limit: 1 })).items[0]!;
    await damageOcrPages(async (table) => {
      const [row] = (await table.query().toArray()) as Array<Record<string, unknown>>;
      // The scan's row goes; a row of a document that never existed stays behind.
      await table.delete('true');
      await table.add([{ ...row, id: 'gone.p1', docId: 'no-such-document', generation: 'gone' }]);
    });
    const check = await core.handlers['library.check']({ full: true });
    expect(check.healthy).toBe(false);
    expect(check.ocr).toEqual({
      pages: 0,
      orphanRows: 1,
      damaged: [{ path: scan.path, problem: "no stored OCR word boxes (1 OCR'd pages)" }],
    });
    expect(check.problems).toEqual([
      'ocr_pages: 1 row of documents or versions that no longer exist',
      `1 OCR'd document without usable word boxes (e.g. ${scan.path}: no stored OCR word boxes (1 OCR'd pages))`,
    ]);
    const doctor = loci('doctor');
    expect(doctor.status).toBe(1);
    expect(doctor.stdout).toContain(
      "OCR word boxes: 0 pages, 1 rows of documents that no longer exist; 1 OCR'd documents without usable ones",
    );

    const summary = await repair();
    expect(summary.actions).toContain(
      'ocr_pages: removed 1 row of documents or versions that no longer exist',
    );
    expect(summary).toMatchObject({
      reindexed: 1,
      lost: [],
      after: { healthy: true, ocr: { pages: 1, orphanRows: 0 } },
    });
    expect(await ocrPagesOfScan()).toBe(1);
  }, 120_000);

  it('unreadable word boxes are found by the full check and indexed again by the repair', async () => {
    await damageOcrPages((table) =>
      table.update({ values: { boxes: '{"starts":[1,2' } }).then(() => undefined),
    );
    expect((await core.handlers['library.check']({ full: false })).healthy).toBe(true);
    const check = await core.handlers['library.check']({ full: true });
    expect(check.ocr?.damaged).toEqual([
      {
        path: expect.stringMatching(/orchard\.pdf$/),
        problem: '1 of 1 OCR pages have unreadable word boxes',
      },
    ]);
    const summary = await repair();
    expect(summary).toMatchObject({ reindexed: 1, after: { healthy: true, ocr: { pages: 1, damaged: [] } } });
    expect(await ocrPagesOfScan()).toBe(1);
  }, 120_000);
});
