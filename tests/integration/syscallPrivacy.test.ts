import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeScannedPdf } from '../support/makeScanFixtures';
import { writePdfCorpus } from '../support/pdfCorpus';
import { lociBin, repoRoot } from '../support/repoPaths';
import {
  listTree,
  networkViolations,
  parseSocketCalls,
  runInNetns,
  syscallTestsEnabled,
  tracedShell,
  type SocketCall,
} from '../support/syscallTrace';
import { makeTempDir } from '../support/tempDir';

// "Nothing leaves the machine", checked where native code cannot hide: every connect/sendto/sendmsg of
// `loci add`, `loci search` and `loci serve` (with API calls) and all their threads and children, in
// a network namespace with only loopback, and a fresh HOME that must stay empty. ONNX Runtime's
// telemetry was found this way: it wrote ~/.cache/Microsoft/DeveloperTools/.onnxruntime/* and looked
// up mobile.events.data.microsoft.com every few seconds, which Node-level network blockers never see.

const enabled = syscallTestsEnabled();
const driver = path.join(repoRoot, 'tests/support/tracedServeDriver.mjs');

/** How long `loci serve` stays up after its last call: ORT's uploader first fires ~9 s after a session. */
const serveHoldMs = 12_000;

describe.runIf(enabled)('syscall privacy: no socket leaves loopback, nothing lands in HOME', () => {
  const tmp = makeTempDir('loci-privacy-');
  const home = path.join(tmp.dir, 'home');
  const library = path.join(tmp.dir, 'library');
  const docs = path.join(tmp.dir, 'docs');
  const moreDocs = path.join(tmp.dir, 'more-docs');
  fs.mkdirSync(home);
  writePdfCorpus(docs, 3, 1);
  fs.writeFileSync(path.join(docs, 'notes.txt'), 'Boundary layer transition on a swept wing.\n');
  // An image-only page: OCR (tesseract.js, its language data and wasm core) runs under the trace too.
  writeScannedPdf(path.join(docs, 'scan.pdf'), ['Glaciers carve valleys shaped like the letter U.']);
  fs.mkdirSync(moreDocs);
  fs.writeFileSync(
    path.join(moreDocs, 'readme.md'),
    '# Caramel\n\nLow heat and patience turn onions sweet.\n',
  );
  afterAll(() => {
    // One line for the record: socket calls seen per command, and how many broke the rule.
    const summary = Object.entries(found).map(
      ([n, f]) => `${n}: ${f.calls.length} calls, ${f.violations.length} off-loopback`,
    );
    console.info(`syscall privacy: ${summary.join('; ')}`);
    tmp.cleanup();
  });

  // A user's environment, not the test runner's: CI=true (and GITHUB_ACTIONS, TF_BUILD) make ONNX
  // Runtime switch its telemetry off by itself, which would hide exactly what this test looks for.
  // XDG folders point inside the fresh HOME so anything written "for the user" shows up there.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_STATE_HOME: path.join(home, '.local/state'),
    LANG: 'C.UTF-8',
  };
  const lociArgv = (...args: string[]) => [process.execPath, lociBin, ...args, '--library', library];

  const found: Record<string, { calls: SocketCall[]; violations: SocketCall[] }> = {};
  function inspect(name: string, traceFile: string) {
    const calls = parseSocketCalls(fs.readFileSync(traceFile, 'utf8'));
    found[name] = { calls, violations: networkViolations(calls) };
    return found[name]!;
  }
  const describeCalls = (calls: SocketCall[]) => calls.map((c) => c.line).join('\n');
  // The only place Loci documents under HOME is its data folder ($XDG_DATA_HOME/Loci: imported
  // models, the default library); with --library given these commands need none of it.
  const undocumentedInHome = () =>
    listTree(home).filter(
      (p) => !p.startsWith('.local/share/Loci/') && !['.local/', '.local/share/'].includes(p),
    );

  it('the trace and its rules catch what they must (so the checks below can fail)', () => {
    const trace = path.join(tmp.dir, 'probe.strace');
    // A DNS query to systemd-resolved's loopback stub, a TCP connect off the machine, and a loopback
    // connect that is allowed.
    const probe = [
      "const s = require('node:dgram').createSocket('udp4');",
      "s.send('q', 53, '127.0.0.53', () => s.close());",
      "require('node:net').connect(443, '192.0.2.1').on('error', () => {});",
      "require('node:net').connect(9, '127.0.0.1').on('error', () => {});",
      'setTimeout(() => {}, 500);',
    ].join('\n');
    runInNetns([process.execPath, '-e', probe], trace, { env, cwd: tmp.dir });
    const calls = parseSocketCalls(fs.readFileSync(trace, 'utf8'));
    const violations = networkViolations(calls).map((c) => `${c.address}:${c.port}`);
    expect(violations, describeCalls(calls)).toEqual(
      expect.arrayContaining(['127.0.0.53:53', '192.0.2.1:443']),
    );
    expect(calls.map((c) => `${c.address}:${c.port}`)).toContain('127.0.0.1:9');
    expect(violations).not.toContain('127.0.0.1:9');
  });

  it('loci add: documents indexed, no socket off loopback', () => {
    const trace = path.join(tmp.dir, 'add.strace');
    const r = runInNetns(lociArgv('add', docs, '--json'), trace, { env, cwd: repoRoot });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toMatchObject({ added: 5, failed: [] });
    const { violations } = inspect('add', trace);
    expect(describeCalls(violations)).toBe('');
    expect(undocumentedInHome()).toEqual([]);
  });

  it('loci search: answers, no socket off loopback', () => {
    const trace = path.join(tmp.dir, 'search.strace');
    const r = runInNetns(lociArgv('search', 'lift of a wing in a propeller slipstream', '--json'), trace, {
      env,
      cwd: repoRoot,
    });
    expect(r.status, r.stderr).toBe(0);
    const response = JSON.parse(r.stdout) as { results: Array<{ path: string }> };
    expect(response.results[0]?.path).toMatch(/aerodynamics/);
    // The scanned page was read by OCR inside the traced `add`.
    const scanned = runInNetns(
      lociArgv('search', 'glaciers carve valleys', '--mode', 'keyword', '--json'),
      null,
      {
        env,
        cwd: repoRoot,
      },
    );
    expect((JSON.parse(scanned.stdout) as { results: Array<{ path: string }> }).results[0]?.path).toMatch(
      /scan\.pdf$/,
    );
    const { violations } = inspect('search', trace);
    expect(describeCalls(violations)).toBe('');
    expect(undocumentedInHome()).toEqual([]);
  });

  it('loci serve with API calls over loopback: every call answered, no socket off loopback', () => {
    const trace = path.join(tmp.dir, 'serve.strace');
    const pidFile = path.join(tmp.dir, 'serve.pid');
    const served = [...tracedShell(trace, pidFile), ...lociArgv('serve', '--port', '0', '--no-open')];
    const r = runInNetns(
      [process.execPath, driver, JSON.stringify(served), pidFile, moreDocs, String(serveHoldMs)],
      null,
      { env, cwd: repoRoot },
    );
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const report = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
      calls: Record<string, { status: number; body: Record<string, unknown> }>;
      end: { code: number | null };
    };
    for (const [name, answer] of Object.entries(report.calls)) expect(answer.status, name).toBe(200);
    expect(report.calls.status!.body).toMatchObject({ documents: { total: 6, ok: 6 } });
    expect((report.calls.search!.body.results as unknown[]).length).toBeGreaterThan(0);
    // Stopped by SIGINT and shut down by itself (README: exit 130), not killed.
    expect(report.end.code).toBe(130);

    const { violations } = inspect('serve', trace);
    expect(describeCalls(violations)).toBe('');
    expect(undocumentedInHome()).toEqual([]);
  });

  it('the library was written where --library says, HOME holds nothing', () => {
    expect(fs.readdirSync(library).length).toBeGreaterThan(0);
    expect(listTree(home)).toEqual([]);
  });
});

// The same promise without strace, so it is checked on every platform: ONNX Runtime runs (in the
// embed worker) and leaves no trace under a fresh HOME, even when the user's environment asks for
// telemetry (ORT_DISABLE_TELEMETRY=0) and no CI variable would switch it off.
describe('ONNX Runtime telemetry is off in code, whatever the environment says', () => {
  it('loci embed writes nothing under HOME', () => {
    const tmp = makeTempDir('loci-ort-home-');
    try {
      const home = path.join(tmp.dir, 'home');
      fs.mkdirSync(home);
      const r = spawnSync(process.execPath, [lociBin, 'embed', '--json', 'How old are you?'], {
        env: {
          PATH: process.env.PATH,
          HOME: home,
          XDG_CACHE_HOME: path.join(home, '.cache'),
          XDG_CONFIG_HOME: path.join(home, '.config'),
          ORT_DISABLE_TELEMETRY: '0',
        },
        cwd: repoRoot,
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('[');
      expect(listTree(home)).toEqual([]);
    } finally {
      tmp.cleanup();
    }
  });
});
