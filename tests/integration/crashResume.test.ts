import { spawn } from 'node:child_process';
import readline from 'node:readline';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLibraryInvariants } from '../support/libraryInvariants';
import { writePdfCorpus } from '../support/pdfCorpus';
import { lociBin } from '../support/repoPaths';
import { makeTempDir } from '../support/tempDir';

/**
 * Runs `loci add` and SIGKILLs it once it has reported `killAt` files done (or at exit). Returns the
 * last progress seen and whether the kill happened.
 */
function addAndKill(
  dir: string,
  library: string,
  killAt: number,
): Promise<{ killed: boolean; lastDone: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [lociBin, 'add', dir, '--library', library, '--json'], {
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, LOCI_DATA_DIR: `${library}-data` },
    });
    let lastDone = 0;
    let killed = false;
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const event = JSON.parse(line) as { type: string; done?: number };
      if (event.type !== 'progress') return;
      lastDone = event.done ?? lastDone;
      if (!killed && lastDone >= killAt) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ killed, lastDone }));
  });
}

// kill -9 during ingest at several moments: after each, the library must be consistent (every table
// opens, ok documents have exactly their chunks, no chunk twice, vectors == chunks), and the next
// `loci add` finishes the rest. (scripts/stressKill.ts does the same >= 20 times.)
describe('a killed ingest leaves a consistent library and resumes', () => {
  const tmp = makeTempDir();
  const docs = path.join(tmp.dir, 'docs');
  const library = path.join(tmp.dir, 'library');
  const files = writePdfCorpus(docs, 30, 2);
  afterAll(() => tmp.cleanup());

  it('survives three kills at different points and completes afterwards', async () => {
    let kills = 0;
    for (const killAt of [2, 9, 17]) {
      const run = await addAndKill(docs, library, killAt);
      if (!run.killed) break; // it finished before the kill point: nothing left to test here
      kills += 1;
      const report = await checkLibraryInvariants(library).catch((err: Error) => ({
        problems: [err.message],
        ok: 0,
      }));
      expect(report.problems).toEqual([]);
    }
    expect(kills).toBeGreaterThanOrEqual(2);
    const final = await addAndKill(docs, library, Number.POSITIVE_INFINITY);
    expect(final.killed).toBe(false);
    const report = await checkLibraryInvariants(library);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(files.length);
    expect(report.documents).toBe(files.length);
  });
});
