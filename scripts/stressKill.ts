/**
 * Stress test for crash safety: `loci add` on a generated corpus, SIGKILLed at random moments N times
 * (default 20), checking the library's invariants after every kill, then one run to completion.
 *
 *   node bin/run-ts.mjs scripts/stressKill.ts [--kills 20] [--docs 60]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkLibraryInvariants } from '../tests/support/libraryInvariants';
import { makePdf } from '../tests/support/makePdf';
import { writePdfCorpus } from '../tests/support/pdfCorpus';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const kills = arg('kills', 20);
const docCount = arg('docs', 60);
const root = path.resolve(import.meta.dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-stress-'));
const docs = path.join(work, 'docs');
const library = path.join(work, 'library');
writePdfCorpus(docs, docCount, 3);

function runAdd(killAfterMs: number | null): Promise<'killed' | 'finished'> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'bin/loci.mjs'), 'add', docs, '--library', library, '--json'],
      {
        stdio: 'ignore',
        env: { ...process.env, LOCI_DATA_DIR: `${library}-data` },
      },
    );
    let killed = false;
    const timer =
      killAfterMs === null ? null : setTimeout(() => ((killed = true), child.kill('SIGKILL')), killAfterMs);
    child.on('exit', () => {
      if (timer) clearTimeout(timer);
      resolve(killed ? 'killed' : 'finished');
    });
  });
}

/** Rewrites some files with new text, so every run has real work (new versions replace old ones). */
function reviseSome(round: number): void {
  const files = fs.readdirSync(docs).filter((f) => f.endsWith('.pdf'));
  for (let n = 0; n < Math.max(3, Math.floor(files.length / 4)); n++) {
    const file = files[Math.floor(Math.random() * files.length)]!;
    const pages = [1, 2, 3].map(
      (p) => `Revision ${round} of ${file}, page ${p}.\nNew findings replace the old text here.`,
    );
    fs.writeFileSync(path.join(docs, file), makePdf(pages, { title: `${file} r${round}` }));
  }
}

let failures = 0;
for (let i = 1; i <= kills; i++) {
  const after = 1000 + Math.floor(Math.random() * 15000);
  const outcome = await runAdd(after);
  // Killed before the library was first created: nothing to check yet (and nothing half-made).
  const created = fs.existsSync(path.join(library, 'lance'));
  const report = created
    ? await checkLibraryInvariants(library).catch((err: Error) => ({
        problems: [`library did not open: ${err.message}`],
        ok: 0,
        documents: 0,
      }))
    : { problems: [], ok: 0, documents: 0 };
  const ok = report.problems.length === 0;
  if (!ok) failures += 1;
  console.log(
    `kill ${String(i).padStart(2)}: after ${after} ms -> ${outcome}; ${report.ok}/${docCount} ok; ` +
      (ok ? 'consistent' : `PROBLEMS: ${report.problems.join('; ')}`),
  );
  reviseSome(i);
}
await runAdd(null);
const final = await checkLibraryInvariants(library);
console.log(`final run: ${final.ok}/${docCount} documents ok; problems: ${final.problems.length}`);
fs.rmSync(work, { recursive: true, force: true });
if (failures > 0 || final.problems.length > 0 || final.ok !== docCount) {
  console.log('STRESS FAILED');
  process.exitCode = 1;
} else console.log(`STRESS PASSED: ${kills} kills, every state consistent, resumed to completion`);
