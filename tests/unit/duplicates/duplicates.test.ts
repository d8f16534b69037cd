import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceResourcesDir } from '../../../src/main/core/config';
import { createCore, type Core } from '../../../src/main/core/createCore';
import { compareTexts, fingerprintText } from '../../../src/main/core/duplicates/textOverlap';
import { contract, type InputOf } from '../../../src/shared/api/contract';
import type { DuplicatesResult } from '../../../src/shared/api/methods/duplicates';
import {
  ocrNoise,
  pairScores,
  writeDuplicateCorpus,
  type DuplicateCorpus,
} from '../../support/duplicateCorpus';

const pages = (texts: string[]) =>
  texts.map((text, i) => ({ chunkId: `c${i}`, page: i + 1, charStart: 0, charEnd: text.length, text }));

describe('text overlap', () => {
  const a = [
    'The wide table aligns the column across each ruled header and the caption stays above it.',
    'By default the narrow rule separates the row inside each numeric cell of the long table.',
    'Footnotes inside a floating table need a package that repeats the header after each break.',
  ];

  it('a copy with a page dropped: containment near 1, the dropped page named as only in the original', () => {
    const report = compareTexts(fingerprintText(pages(a)), fingerprintText(pages([a[0]!, a[2]!])));
    expect(report.containment).toBe(1);
    expect(report.onlyInA.map((p) => p.page)).toEqual([2]);
    expect(report.onlyInA[0]!.snippet).toMatch(/^By default the narrow rule/);
    expect(report.onlyInB).toEqual([]);
    expect(report.match).not.toBeNull();
  });

  it('OCR noise keeps most shared phrasing; different sentences in the same vocabulary share little', () => {
    const random = (() => {
      let s = 5;
      return () => (s = (s * 16807) % 2147483647) / 2147483647;
    })();
    const noisy = compareTexts(
      fingerprintText(pages(a)),
      fingerprintText(pages(a.map((t) => ocrNoise(t, 0.03, random)))),
    );
    expect(noisy.containment).toBeGreaterThan(0.5);
    const other = [
      'Each column of the table needs a header; the caption goes above the wide table.',
      'A numeric cell aligns on the decimal point when the package defines a column type.',
    ];
    expect(compareTexts(fingerprintText(pages(a)), fingerprintText(pages(other))).containment).toBeLessThan(
      0.2,
    );
  });
});

// Near-duplicates end to end: generated PDFs on one topic, copies with a page dropped, as .txt and with
// OCR noise, indexed by a real core with the built-in model (the bench runs the larger version).
describe('duplicates.list on a generated set with a known answer', () => {
  let root: string;
  let core: Core;
  let corpus: DuplicateCorpus;
  const list = (input: Partial<InputOf<'duplicates.list'>>) =>
    core.handlers['duplicates.list'](
      contract['duplicates.list'].input.parse(input) as never,
    ) as Promise<DuplicatesResult>;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-dups-'));
    corpus = writeDuplicateCorpus(path.join(root, 'docs'), { distinct: 12, copies: 4, seed: 3 });
    core = await createCore({
      appVersion: 'test',
      dataDir: path.join(root, 'data'),
      libraryDir: path.join(root, 'library'),
      resourcesDir: sourceResourcesDir(),
      threads: 2,
    });
    const { jobId } = await core.handlers['library.add']({ paths: [path.join(root, 'docs')] });
    await core.jobs.wait(jobId);
  }, 240_000);
  afterAll(async () => {
    await core?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const names = (result: DuplicatesResult) => {
    const nameOf = new Map(
      result.near.flatMap((g) => g.documents.map((d) => [d.docId, path.basename(d.path)])),
    );
    return result.near.flatMap((g) =>
      g.pairs.map((p) => [nameOf.get(p.a)!, nameOf.get(p.b)!] as [string, string]),
    );
  };

  it('precision and recall >= 0.9 at the default; vectors alone would list distinct documents', async () => {
    const result = await list({});
    const scores = pairScores(names(result), corpus.truePairs);
    expect(scores.recall).toBeGreaterThanOrEqual(0.9);
    expect(scores.precision).toBeGreaterThanOrEqual(0.9);
    // The same candidates without the text check (its floor) are mostly distinct documents: the
    // check is what makes the list honest.
    const vectorsOnly = pairScores(names(await list({ minOverlap: 0.05 })), corpus.truePairs);
    expect(vectorsOnly.precision).toBeLessThan(0.5);
  });

  it('says where copies differ and where they match, by page', async () => {
    const result = await list({});
    const group = result.near.find((g) => g.documents.some((d) => d.path.endsWith('tables-001-short.pdf')))!;
    expect(group.documents.map((d) => path.basename(d.path)).sort()).toEqual([
      'tables-001-short.pdf',
      'tables-001.pdf',
    ]);
    const pair = group.pairs[0]!;
    const original = group.documents.find((d) => d.path.endsWith('tables-001.pdf'))!;
    const onlyInOriginal = pair.a === original.docId ? pair.onlyInA : pair.onlyInB;
    expect(onlyInOriginal?.map((p) => p.page)).toEqual([2]); // copy 0 drops page 2
    expect(pair.overlap).toBeGreaterThan(0.9);
    expect(pair.match?.a.chunkId).toBeTruthy();
    expect(pair.match?.a.page).toBeGreaterThanOrEqual(1);
    expect(pair.match?.b.page).toBeGreaterThanOrEqual(1);
    // The two passages are the same text (the copy kept it): the viewer marks them in both panes.
    expect(pair.match!.a.text.slice(0, 40)).toBe(pair.match!.b.text.slice(0, 40));
    expect(pair.match!.a.charEnd).toBeGreaterThan(pair.match!.a.charStart);
  });
});
