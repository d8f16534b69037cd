import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLibraryInvariants } from '../support/libraryInvariants';
import { writePdfCorpus } from '../support/pdfCorpus';
import { lociBin } from '../support/repoPaths';
import { makeTempDir } from '../support/tempDir';

// What a script or an impatient user does to the CLI: very long arguments, a batch with bad lines,
// Ctrl-C and SIGTERM in the middle of an ingest. Each must end with a clear answer and exit code,
// never a crash (exit 139) or a silent 0.
describe('loci CLI under long input, bad batch lines and signals', () => {
  const tmp = makeTempDir();
  const docs = path.join(tmp.dir, 'docs');
  const library = path.join(tmp.dir, 'library');
  const env = { ...process.env, LOCI_DATA_DIR: `${library}-data` };
  const loci = (...args: string[]) =>
    spawnSync(process.execPath, [lociBin, ...args, '--library', library], {
      env,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  /** A paragraph of real prose, `chars` long (a "find documents like this" query). */
  const paragraph = (chars: number): string =>
    'Glaciers carve deep valleys as they flow downhill, and the ice grinds the rock beneath into fine silt. '
      .repeat(Math.ceil(chars / 100))
      .slice(0, chars);

  beforeAll(() => {
    fs.mkdirSync(docs, { recursive: true });
    fs.writeFileSync(
      path.join(docs, 'glaciers.md'),
      '# Glaciers\n\nGlaciers carve valleys as they flow downhill. The ice grinds rock into silt.\n',
    );
    fs.writeFileSync(
      path.join(docs, 'volcanoes.md'),
      '# Volcanoes\n\nBasaltic lava flows build broad shield volcanoes over many eruptions.\n',
    );
    const r = loci('add', docs);
    expect(r.status, r.stderr).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  it('search --batch answers every line, with {error:{code,message}} for bad ones, and exits 0', () => {
    const lines = [
      'shield volcanoes',
      paragraph(2_083), // refused by the old 2,000-character cap, stopping the batch
      'x'.repeat(50_000),
      '-only -exclusions',
      'glaciers carve valleys',
    ];
    const file = path.join(tmp.dir, 'queries.txt');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const r = loci('search', '--batch', file, '-k', '2');
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(5);
    expect(out[0]).toMatchObject({ query: 'shield volcanoes' });
    expect((out[0]!.results as Array<{ path: string }>)[0]!.path).toMatch(/volcanoes\.md$/);
    // A pasted paragraph is a query like any other: keyword search sees all of it.
    expect((out[1]!.results as Array<{ path: string }>)[0]!.path).toMatch(/glaciers\.md$/);
    expect(out[2]).toEqual({
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/50,000 characters; the most is 10,000/),
      },
      line: 3,
    });
    expect(out[3]).toEqual({
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/not only -exclusions/) },
      line: 4,
    });
    expect((out[4]!.results as Array<{ path: string }>)[0]!.path).toMatch(/glaciers\.md$/);
    expect(r.stderr).toMatch(/line 3: .*10,000/);
  });

  it('a 10,000-character query is answered; a 50,000-character one is refused with exit 2', () => {
    const long = loci('search', paragraph(10_000), '-k', '2', '--json');
    expect(long.status, long.stderr).toBe(0);
    const answer = JSON.parse(long.stdout) as { results: Array<{ path: string }> };
    expect(answer.results[0]!.path).toMatch(/glaciers\.md$/);

    const tooLong = loci('search', paragraph(50_000));
    expect(tooLong.status, tooLong.stderr).toBe(2);
    expect(tooLong.stderr).toMatch(/50,000 characters; the most is 10,000/);
  });

  it('loci embed with a 50,000-character argument embeds the part the model sees (no crash)', () => {
    // Used to end in a segfault (exit 139): ONNX Runtime's telemetry scanned the process's command
    // line with a recursive regex on the embed worker's 4 MB stack.
    const r = loci('embed', '--json', paragraph(50_000));
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { vectors: number[][]; truncated: boolean[] };
    expect(out.vectors[0]).toHaveLength(512);
    expect(out.truncated).toEqual([true]);
  });

  /** Starts `loci add` on a corpus and sends `signal` once two files are done; resolves its exit. */
  function addAndSignal(dir: string, lib: string, signal: NodeJS.Signals) {
    return new Promise<{ code: number | null; lastLine: string; signalled: boolean }>((resolve, reject) => {
      const child = spawn(process.execPath, [lociBin, 'add', dir, '--library', lib, '--json'], {
        stdio: ['ignore', 'pipe', 'ignore'],
        env: { ...process.env, LOCI_DATA_DIR: `${lib}-data` },
      });
      let signalled = false;
      let lastLine = '';
      readline.createInterface({ input: child.stdout }).on('line', (line) => {
        lastLine = line;
        const event = JSON.parse(line) as { type: string; done?: number };
        if (!signalled && event.type === 'progress' && (event.done ?? 0) >= 2) {
          signalled = true;
          child.kill(signal);
        }
      });
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, lastLine, signalled }));
    });
  }

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s during loci add cancels cleanly and exits %i', async (signal, expected) => {
    const corpus = path.join(tmp.dir, `corpus-${signal}`);
    const lib = path.join(tmp.dir, `library-${signal}`);
    writePdfCorpus(corpus, 40, 2);
    const run = await addAndSignal(corpus, lib, signal);
    expect(run.signalled).toBe(true);
    expect(run.code).toBe(expected);
    // It still finished the document in hand and reported what it did.
    expect(JSON.parse(run.lastLine)).toMatchObject({ type: 'summary', cancelled: true });
    const report = await checkLibraryInvariants(lib);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBeGreaterThanOrEqual(2);
    expect(report.ok).toBeLessThan(40);
  });
});
