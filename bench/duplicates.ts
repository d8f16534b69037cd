/**
 * Near-duplicate evaluation on a generated set with a known answer.
 *
 *   node bin/run-ts.mjs bench/duplicates.ts [--distinct 40] [--copies 12] [--noise 0.03]
 *
 * Writes `distinct` PDFs on one topic (same vocabulary, different sentences) plus near-copies of the
 * first `copies` (a page dropped, the text as .txt, the text with OCR-like noise, a dropped page with
 * noise; tests/support/duplicateCorpus.ts), indexes them with a real core and the built-in model, and
 * prints precision and recall of `duplicates.list` at the default setting, against the vectors-only
 * rule of the first release (raw cosine >= 0.95, no text check; shown as the baseline), and a small
 * sweep of both knobs. Goal: precision >= 0.9 and recall >= 0.9 at the default.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sourceResourcesDir } from '../src/main/core/config';
import { createCore } from '../src/main/core/createCore';
import { contract, type InputOf, type OutputOf } from '../src/shared/api/contract';
import type { DuplicatesResult } from '../src/shared/api/methods/duplicates';
import { pairScores, writeDuplicateCorpus } from '../tests/support/duplicateCorpus';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-dup-bench-'));
const corpusDir = path.join(root, 'docs');
const corpus = writeDuplicateCorpus(corpusDir, {
  distinct: option('distinct', 40),
  copies: option('copies', 12),
  noise: option('noise', 0.03),
});
const core = await createCore({
  appVersion: 'bench',
  dataDir: path.join(root, 'data'),
  libraryDir: path.join(root, 'library'),
  resourcesDir: sourceResourcesDir(),
  threads: 2,
});
const call = async (input: Partial<InputOf<'duplicates.list'>>): Promise<DuplicatesResult> =>
  core.handlers['duplicates.list'](contract['duplicates.list'].input.parse(input) as never) as Promise<
    OutputOf<'duplicates.list'>
  >;
try {
  const { jobId } = await core.handlers['library.add']({ paths: [corpusDir] });
  await core.jobs.wait(jobId);
  const reportedPairs = (result: DuplicatesResult): Array<[string, string]> => {
    const nameOf = new Map<string, string>();
    for (const group of result.near)
      for (const d of group.documents) nameOf.set(d.docId, path.basename(d.path));
    return result.near.flatMap((g) =>
      g.pairs.map((p) => [nameOf.get(p.a)!, nameOf.get(p.b)!] as [string, string]),
    );
  };
  const line = (label: string, result: DuplicatesResult, took: number) => {
    const s = pairScores(reportedPairs(result), corpus.truePairs);
    console.log(
      `${label.padEnd(34)} precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}  ` +
        `(${s.found} of ${s.truth} true pairs; ${s.reported} reported; ${result.candidates} candidates; ${took.toFixed(0)} ms)`,
    );
  };
  console.log(
    `\n== near-duplicates: ${corpus.files.length} files (${corpus.truePairs.length} true pairs), ${os.cpus().length} cores ==`,
  );
  let t = performance.now();
  const defaults = await call({});
  line(
    `default (cos >= ${defaults.threshold}, text >= ${defaults.minOverlap})`,
    defaults,
    performance.now() - t,
  );
  // The first release's rule: vectors only. minOverlap's floor (0.05) is below any pair of these
  // documents' shared text, so this is the vector threshold alone.
  t = performance.now();
  line(
    'baseline: vectors only, cos >= 0.95',
    await call({ threshold: 0.95, minOverlap: 0.05 }),
    performance.now() - t,
  );
  for (const threshold of [0.85, 0.9, 0.95])
    for (const minOverlap of [0.3, 0.5, 0.7]) {
      t = performance.now();
      line(
        `cos >= ${threshold}, text >= ${minOverlap}`,
        await call({ threshold, minOverlap }),
        performance.now() - t,
      );
    }
} finally {
  await core.close();
  fs.rmSync(root, { recursive: true, force: true });
}
