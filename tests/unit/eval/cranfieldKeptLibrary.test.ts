import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceResourcesDir } from '../../../src/main/core/config';
import { createCore } from '../../../src/main/core/createCore';
import { runCranfieldEval } from '../../../src/main/eval/runCranfieldEval';

/**
 * `loci eval cranfield --library DIR` on a library that was copied from another folder: the copy
 * still names the old `<dir>.docs` as its source, and the eval must search those documents, not add
 * the collection a second time from the new `<dir>.docs` (every query would then find each document
 * twice, and the figures would be wrong). A three-document collection in Cranfield's file format,
 * through the real core (extraction, the built-in model, LanceDB, USearch).
 */

const DOCS = [
  [
    'boundary layer transition on a flat plate',
    'the boundary layer on a flat plate becomes turbulent downstream.',
  ],
  ['heat transfer at hypersonic speed', 'heat transfer to a blunt body at hypersonic speed was measured.'],
  ['buckling of thin cylindrical shells', 'thin cylindrical shells buckle under axial compression.'],
];

let root: string;
const base = () => ({
  appVersion: '0.0.0-test',
  dataDir: path.join(root, 'data'),
  resourcesDir: sourceResourcesDir(),
});

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-cran-kept-'));
  const data = path.join(root, 'cranfield');
  fs.mkdirSync(data);
  fs.writeFileSync(
    path.join(data, 'cran.all.1400'),
    DOCS.map(([t, w], i) => `.I ${i + 1}\n.T\n${t}\n.A\nanon\n.B\nreport\n.W\n${w}\n`).join(''),
  );
  fs.writeFileSync(
    path.join(data, 'cran.qry'),
    '.I 001\n.W\nwhen does a boundary layer become turbulent\n.I 002\n.W\nbuckling of shells\n',
  );
  fs.writeFileSync(path.join(data, 'cranqrel'), '1 1 1\n2 3 1\n');
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('loci eval cranfield on a kept library', () => {
  it('searches a copied library with the documents it already holds, never a second copy', async () => {
    const data = path.join(root, 'cranfield');
    const first = path.join(root, 'first');
    const r1 = await runCranfieldEval(data, base(), { libraryDir: first, quick: true });
    expect(r1.collection.documents).toBe(3);
    expect(r1.modes.keyword.ndcg10).toBe(1);

    const copy = path.join(root, 'copy');
    fs.cpSync(first, copy, { recursive: true });
    const lines: string[] = [];
    const r2 = await runCranfieldEval(data, base(), {
      libraryDir: copy,
      quick: true,
      log: (l) => lines.push(l),
    });
    expect(lines.join('\n')).toContain(`in ${first}.docs: using that folder`);
    expect(fs.existsSync(`${copy}.docs`)).toBe(false);
    expect(r2.ingest.chunks).toBe(0);
    expect(r2.modes.keyword.ndcg10).toBe(1);

    const core = await createCore({ ...base(), libraryDir: copy, watch: false });
    try {
      const status = await core.handlers['library.status']({});
      expect(status.sources.map((s) => s.path)).toEqual([`${first}.docs`]);
      expect(status.documents.total).toBe(3);
    } finally {
      await core.close();
    }
  }, 120_000);
});
