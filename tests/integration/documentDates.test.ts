import fs from 'node:fs';
import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type InputOf, type MethodName, type OutputOf } from '../../src/shared/api/contract';
import type { DocumentSummary, IngestSummary } from '../../src/shared/api/methods/library';
import type { TimeHeatmap } from '../../src/shared/api/methods/heatmap';
import { sourceResourcesDir } from '../../src/main/core/config';
import { createCore, type Core } from '../../src/main/core/createCore';
import { libraryPaths } from '../../src/main/core/store/libraryTables';
import { SCHEMA_VERSION } from '../../src/main/core/store/tableSchemas';
import { makePdf } from '../support/makePdf';
import { makeTempDir } from '../support/tempDir';
import { topics } from '../unit/similarity/topicCorpus';

// Documents' own dates with the real core (pdf.js, LanceDB, the built-in model): PDFs whose Info
// dictionaries date them across years while every file was modified on one day, so "Over time" by
// file date has one window and by document date four. Then the same library as the schema version
// before dates wrote it (no date columns): dated by mtime and saying so, until a sync reads the metadata alone.

const tmp = makeTempDir('loci-dates-');
const docsDir = path.join(tmp.dir, 'docs');
const libraryDir = path.join(tmp.dir, 'library');
/** Every file's modification time: one day, so only the documents' own dates tell them apart. */
const MTIME = Date.UTC(2024, 5, 15, 12);

const text = (topic: keyof typeof topics, from: number) =>
  Array.from({ length: 5 }, (_, i) => topics[topic][(from + i) % topics[topic].length]).join('\n');

/** File name -> PDF Info entries and the date and source the document must get. */
const PDFS: Record<
  string,
  { topic: keyof typeof topics; info: Record<string, string>; date: number; source: string }
> = {
  'aviation-a.pdf': {
    topic: 'aviation',
    info: { CreationDate: "D:20150310090000+01'00'" },
    date: Date.UTC(2015, 2, 10, 8),
    source: 'metadata',
  },
  'aviation-b.pdf': {
    topic: 'aviation',
    info: { CreationDate: 'D:20151120' },
    date: Date.UTC(2015, 10, 20),
    source: 'metadata',
  },
  // No CreationDate: the modification date in the Info dictionary is the next best.
  'river-a.pdf': {
    topic: 'river',
    info: { ModDate: 'D:20180401120000Z' },
    date: Date.UTC(2018, 3, 1, 12),
    source: 'metadata',
  },
  'river-b.pdf': {
    topic: 'river',
    info: { CreationDate: 'D:20180702' },
    date: Date.UTC(2018, 6, 2),
    source: 'metadata',
  },
  'baking-a.pdf': {
    topic: 'baking',
    info: { CreationDate: "D:20210105-05'00'" },
    date: Date.UTC(2021, 0, 5, 5),
    source: 'metadata',
  },
  'baking-b.pdf': {
    topic: 'baking',
    info: { CreationDate: 'D:2021' },
    date: Date.UTC(2021, 0, 1),
    source: 'metadata',
  },
  // No date at all, a malformed one, and the epoch placeholder: the file's mtime, said so.
  'undated.pdf': { topic: 'aviation', info: {}, date: MTIME, source: 'file' },
  'malformed.pdf': { topic: 'river', info: { CreationDate: 'D:2O21-xx-yy' }, date: MTIME, source: 'file' },
  'epoch.pdf': { topic: 'baking', info: { CreationDate: 'D:19700101000000Z' }, date: MTIME, source: 'file' },
};

interface Session {
  core: Core;
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>>;
}

async function openCore(): Promise<Session> {
  const core = await createCore({
    appVersion: 'test',
    dataDir: path.join(tmp.dir, 'data'),
    libraryDir,
    resourcesDir: sourceResourcesDir(),
    threads: 2,
  });
  const call = async <M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> =>
    (core.handlers[method] as (i: never) => Promise<OutputOf<M>>)(
      contract[method].input.parse(input) as never,
    );
  return { core, call };
}

async function documents(s: Session, sort?: 'date-asc' | 'date-desc'): Promise<Map<string, DocumentSummary>> {
  const { items } = await s.call('library.documents', {
    filter: {},
    offset: 0,
    limit: 100,
    ...(sort ? { sort } : {}),
  });
  return new Map(items.map((d) => [path.basename(d.path), d]));
}

async function overTime(s: Session, by: 'date' | 'mtime' = 'date'): Promise<TimeHeatmap> {
  const map = await s.call('heatmap.get', { kind: 'time', by, granularity: 'year' });
  if (map.kind !== 'time') throw new Error('not a time heatmap');
  return map;
}

let session: Session;

beforeAll(async () => {
  fs.mkdirSync(docsDir, { recursive: true });
  Object.entries(PDFS).forEach(([name, spec], i) => {
    fs.writeFileSync(path.join(docsDir, name), makePdf([text(spec.topic, i)], { info: spec.info }));
  });
  fs.writeFileSync(path.join(docsDir, 'notes.md'), `# Notes\n\n${text('river', 3)}\n`);
  for (const name of fs.readdirSync(docsDir))
    fs.utimesSync(path.join(docsDir, name), MTIME / 1000, MTIME / 1000);
  session = await openCore();
  const { jobId } = await session.call('library.add', { paths: [docsDir] });
  const summary = (await session.core.jobs.wait(jobId)) as IngestSummary;
  expect(summary.added).toBe(10);
}, 120_000);

afterAll(async () => {
  await session?.core.close();
  tmp.cleanup();
});

describe('documents dated by their own metadata', () => {
  it('PDF Info dates (CreationDate, else ModDate) are stored with their source; no date, a malformed or the epoch one fall back to mtime', async () => {
    const docs = await documents(session);
    for (const [name, spec] of Object.entries(PDFS)) {
      expect({ name, date: docs.get(name)?.date, source: docs.get(name)?.dateSource }).toEqual({
        name,
        date: spec.date,
        source: spec.source,
      });
    }
    expect(docs.get('notes.md')).toMatchObject({ date: MTIME, dateSource: 'file' });
    // The Library table's order by date: oldest first, ties by path.
    const ascending = [...(await documents(session, 'date-asc')).keys()];
    expect(ascending.slice(0, 2)).toEqual(['aviation-a.pdf', 'aviation-b.pdf']);
    expect(ascending.at(-1)).toBe('undated.pdf');
    expect([...(await documents(session, 'date-desc')).keys()][0]).toBe('epoch.pdf');
  });

  it('"Over time" windows come from those dates, and it says how the documents were dated', async () => {
    const byDate = await overTime(session);
    expect(byDate.windows.map((w) => [w.label, w.count])).toEqual([
      ['2015', 2],
      ['2018', 2],
      ['2021', 2],
      ['2024', 4],
    ]);
    expect(byDate.dated).toEqual({ metadata: 6, file: 4, pending: 0 });
    // By file time every document is in one window: the message case, not a one-cell plot.
    const byMtime = await overTime(session, 'mtime');
    expect(byMtime.windows.map((w) => [w.label, w.count])).toEqual([['2024', 10]]);
    expect(byMtime.dated).toBeNull();
  });

  it('the map\'s "colour by date" gets the same dates', async () => {
    const map = await session.call('map.get', { method: 'pca', dims: 2 });
    if (map.status !== 'ready') throw new Error('a PCA map answers at once');
    const dates = new Map(map.layout.docs.map((d) => [path.basename(d.path), d.date]));
    for (const [name, spec] of Object.entries(PDFS))
      expect([name, dates.get(name)]).toEqual([name, spec.date]);
  });
});

describe('a library written before dates were stored (the schema version before them)', () => {
  it('dates by mtime and says so; a sync reads the metadata alone (nothing re-embedded) and "Over time" spreads out', async () => {
    const before = await documents(session);
    await session.core.close();
    // Make the library what the version before dates wrote: no date columns, the schema version before.
    const db = await lancedb.connect(libraryPaths(libraryDir).lanceDir);
    const docsTable = await db.openTable('documents');
    await docsTable.dropColumns(['docDate', 'dateSource']);
    const meta = await db.openTable('meta');
    await meta.update({ where: "key = 'schemaVersion'", values: { value: String(SCHEMA_VERSION - 1) } });
    docsTable.close();
    meta.close();
    db.close();

    session = await openCore();
    const old = await documents(session);
    expect([...old.values()].every((d) => d.dateSource === 'pending' && d.date === MTIME)).toBe(true);
    const pending = await overTime(session);
    expect(pending.dated).toEqual({ metadata: 0, file: 0, pending: 10 });
    expect(pending.windows).toHaveLength(1);

    const { jobId } = await session.call('library.sync', {});
    const summary = (await session.core.jobs.wait(jobId)) as IngestSummary;
    expect(summary).toMatchObject({ added: 0, updated: 0, unchanged: 10, removed: 0 });
    const after = await documents(session);
    for (const [name, spec] of Object.entries(PDFS))
      expect([name, after.get(name)?.date, after.get(name)?.dateSource]).toEqual([
        name,
        spec.date,
        spec.source,
      ]);
    // Not indexed again: the rows keep their ingest time and chunk counts.
    for (const [name, doc] of after) {
      expect(doc.indexedAt).toBe(before.get(name)!.indexedAt);
      expect(doc.chunks).toBe(before.get(name)!.chunks);
    }
    expect((await overTime(session)).dated).toEqual({ metadata: 6, file: 4, pending: 0 });
    expect((await overTime(session)).windows).toHaveLength(4);

    const db2 = await lancedb.connect(libraryPaths(libraryDir).lanceDir);
    const rows = (await (await db2.openTable('meta')).query().toArray()) as Array<{
      key: string;
      value: string;
    }>;
    expect(rows.find((r) => r.key === 'schemaVersion')?.value).toBe(String(SCHEMA_VERSION));
    db2.close();
  }, 120_000);
});
