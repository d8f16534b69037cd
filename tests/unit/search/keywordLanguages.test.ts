import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lancedb from '@lancedb/lancedb';
import { contract, type InputOf, type MethodName, type OutputOf } from '../../../src/shared/api/contract';
import { sourceResourcesDir } from '../../../src/main/core/config';
import { createCore, type Core } from '../../../src/main/core/createCore';
import { LibraryStore } from '../../../src/main/core/store/libraryStore';
import { libraryPaths } from '../../../src/main/core/store/libraryTables';
import { STEMS_INDEX_NAME } from '../../../src/main/core/store/keywordIndex';
import { search } from '../../../src/main/core/search/search';

/**
 * Keyword search in French and German documents: a small multilingual folder of .txt files made here,
 * added through `library.add` (real extraction, real model, real LanceDB). Before schema version 3
 * every text was stemmed as English, so each of these queries found nothing.
 */
const FILES: Record<string, string> = {
  'chevaux.txt':
    'Les chevaux de la ferme galopaient dans les prés. Les éleveurs nourrissaient les chevaux avec du foin ' +
    "et des pommes, et les juments restaient dans les écuries pendant les nuits froides de l'hiver.",
  'politique.txt':
    'Les politiques économiques de la région ont été discutées par les ministres. Les réformes fiscales et ' +
    "les échanges commerciaux sont au centre des débats sur la croissance et l'emploi des jeunes.",
  'altstadt.txt':
    'Die Häuser der Altstadt wurden im Mittelalter gebaut. Viele Häuser sind aus Holz und Stein, und die ' +
    'Bewohner pflegen ihre Gärten mit großer Sorgfalt und viel Liebe zum Detail.',
  'kassen.txt':
    'Die Krankenversicherungen in Deutschland sind gesetzlich geregelt. Für die Beiträge der Versicherten ' +
    'gelten Grenzen, und die Kassen zahlen die Kosten der Behandlung bei einem Arzt oder im Krankenhaus.',
  'stables.txt':
    'The horses on the farm were fed with hay and apples. The breeders kept the mares in the stables ' +
    'during the cold winter nights, and the foals stayed close to them until spring.',
};

let root: string;
let core: Core;

async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const parsed = contract[method].input.parse(input) as never;
  return (core.handlers[method] as (i: never) => Promise<OutputOf<M>>)(parsed);
}

const keywordFiles = async (q: string): Promise<string[]> => {
  const result = await call('search.query', { q, mode: 'keyword', k: 10, groupBy: 'document' });
  return result.results.map((h) => path.basename(h.path));
};

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-languages-'));
  const folder = path.join(root, 'notes');
  fs.mkdirSync(folder);
  for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(folder, name), text);
  core = await createCore({
    appVersion: 'test',
    dataDir: path.join(root, 'data'),
    libraryDir: path.join(root, 'library'),
    resourcesDir: sourceResourcesDir(),
    threads: 2,
  });
  const { jobId } = await call('library.add', { paths: [folder] });
  await core.jobs.wait(jobId);
}, 60_000);

afterAll(async () => {
  await core?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('keyword search in the language of each document', () => {
  it('finds French inflected forms: cheval -> chevaux, nourrir -> nourrissaient, économie -> économiques', async () => {
    expect(await keywordFiles('cheval')).toEqual(['chevaux.txt']);
    expect(await keywordFiles('nourrir')).toEqual(['chevaux.txt']);
    expect(await keywordFiles('économie')).toEqual(['politique.txt']);
  });

  it('finds German plurals with umlauts and compounds in other cases, typed with or without umlaut', async () => {
    expect((await keywordFiles('Haus'))[0]).toBe('altstadt.txt');
    expect(await keywordFiles('Garten')).toEqual(['altstadt.txt']);
    expect(await keywordFiles('Krankenversicherung')).toEqual(['kassen.txt']);
  });

  it("finds German compounds by their last part, from the library's own words", async () => {
    // No dictionary: "Krankenversicherungen" is in the library, and it ends with "Versicherung".
    expect(await keywordFiles('Versicherung')).toEqual(['kassen.txt']);
    // The word itself ranks first: "Häuser" before the compound "Krankenhaus".
    expect(await keywordFiles('Haus')).toEqual(['altstadt.txt', 'kassen.txt']);
    // Only the last part counts: "Krankenversicherungen" starts with "Kranken" but is not one.
    expect(await keywordFiles('Kranken')).toEqual([]);
    const result = await call('search.query', { q: 'Versicherung', mode: 'keyword', groupBy: 'chunk' });
    const hit = result.results[0]!;
    expect(hit.highlights.map(([a, b]) => hit.snippet.slice(a, b))).toEqual(['Krankenversicherungen']);
  });

  it('keeps English as it was: an English word finds the English document only', async () => {
    expect(await keywordFiles('horse stable')).toEqual(['stables.txt']);
  });

  it('marks the inflected form the query matched in the snippet', async () => {
    const result = await call('search.query', { q: 'cheval', mode: 'keyword', groupBy: 'chunk' });
    const hit = result.results[0]!;
    const marked = hit.highlights.map(([a, b]) => hit.snippet.slice(a, b));
    expect(marked).toEqual(['chevaux', 'chevaux']);
  });
});

describe('a library written before stems (schema 2)', () => {
  it('gains them when a writer opens it; until then a reader searches the English-stemmed text', async () => {
    const libraryDir = path.join(root, 'library');
    await core.close();
    const db = await lancedb.connect(libraryPaths(libraryDir).lanceDir);
    const chunks = await db.openTable('chunks');
    await chunks.dropIndex(STEMS_INDEX_NAME);
    await chunks.dropColumns(['stems']);
    const meta = await db.openTable('meta');
    await meta.delete("key = 'chunkStems'");
    await meta.update({ where: "key = 'schemaVersion'", values: { value: '2' } });
    chunks.close();
    meta.close();
    db.close();

    const cheval = { q: 'cheval', mode: 'keyword', k: 10 } as const;
    const reader = await LibraryStore.open(libraryDir, { readonly: true });
    expect((await search({ store: reader }, cheval)).hits).toEqual([]);
    const writer = await LibraryStore.open(libraryDir);
    expect((await search({ store: writer }, cheval)).hits.map((h) => path.basename(h.path))).toEqual([
      'chevaux.txt',
    ]);
    await writer.close();
    expect((await search({ store: reader }, cheval)).hits.map((h) => path.basename(h.path))).toEqual([
      'chevaux.txt',
    ]);
    await reader.close();
  }, 30_000);
});
