import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExtractPool } from '../../../src/main/core/ingest/extractPool';
import type { ExtractResult, SourceFile } from '../../../src/main/core/ingest/types';
import { walkSources } from '../../../src/main/core/ingest/walkSources';
import {
  makeFlateBombPdf,
  makeHostileFixtures,
  type HostileFixtures,
} from '../../support/makeHostileFixtures';
import { makePdf } from '../../support/makePdf';
import { makeTempDir } from '../../support/tempDir';

const MB = 1024 * 1024;

describe('extract pool on the hostile folder', () => {
  let temp: { dir: string; cleanup: () => void };
  let fx: HostileFixtures;
  let root: string;
  const results = new Map<string, ExtractResult>();
  let rssBefore = 0;
  let rssPeak = 0;

  beforeAll(async () => {
    temp = makeTempDir('loci-pool-');
    fx = await makeHostileFixtures(temp.dir);
    root = fs.realpathSync(temp.dir);
    const files: SourceFile[] = [];
    for await (const entry of walkSources([temp.dir])) if (entry.type === 'file') files.push(entry.file);
    rssBefore = process.memoryUsage().rss;
    rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
    const pool = createExtractPool({ workers: 2 });
    try {
      await Promise.all(
        files.map(async (f) => results.set(path.relative(root, f.path), await pool.extract(f))),
      );
    } finally {
      clearInterval(sampler);
      await pool.close();
    }
  });
  afterAll(async () => {
    await fx?.dispose();
    temp?.cleanup();
  });

  it('classifies every file, with a reason whenever it is not ok', () => {
    for (const [rel, exp] of Object.entries(fx.expected)) {
      if (exp.walk !== 'file') continue;
      const r = results.get(rel);
      expect(r?.status, rel).toBe(exp.status);
      if (exp.reason) expect(r?.reason, rel).toMatch(exp.reason);
      if (exp.contains) expect(r?.pages.map((p) => p.text).join('\n'), rel).toContain(exp.contains);
    }
    for (const [rel, r] of results) if (r.status !== 'ok') expect(r.reason, rel).toBeTruthy();
  });

  it('caps the 50 MB text file at 5 M characters but hashes all of it', () => {
    const big = results.get('text/big.txt')!;
    expect(big).toMatchObject({ status: 'ok', truncated: true, chars: 5_000_000, size: fx.bigTextBytes });
    expect(big.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the process RSS bounded while doing it', () => {
    // Two workers (pdf.js + tsx loaded in each), one 20 MB read window and a 5 M-char string in flight.
    // Reading the 50 MB file whole, or once per worker, would show here.
    expect((rssPeak - rssBefore) / MB).toBeLessThan(400);
  });
});

describe('extract pool limits', () => {
  let temp: { dir: string; cleanup: () => void };
  beforeAll(() => {
    temp = makeTempDir('loci-pool-limits-');
  });
  afterAll(() => temp?.cleanup());
  const write = (name: string, data: string | Buffer): string => {
    const p = path.join(temp.dir, name);
    fs.writeFileSync(p, data);
    return p;
  };

  it('cuts a parse that never ends at the timeout, replaces the worker, and goes on', async () => {
    const before = write('before.txt', 'Before the hang.');
    const hang = write('hang-forever.txt', 'The extractor spins on this path.');
    const after = write('after.txt', 'After the hang.');
    const pool = createExtractPool({
      workers: 1,
      timeoutMs: 1500,
      testHooks: { hangOnPath: 'hang-forever' },
    });
    try {
      const [a, h, b] = await Promise.all([before, hang, after].map((p) => pool.extract({ path: p })));
      expect(a!.status).toBe('ok');
      expect(h).toMatchObject({ status: 'timeout', reason: 'no result within 1.5 s', pages: [] });
      expect(b!.status).toBe('ok');
      expect(b!.pages[0]!.text).toBe('After the hang.');
      expect(pool.stats).toMatchObject({ timeouts: 1, workersStarted: 2 });
    } finally {
      await pool.close();
    }
  });

  it('cuts a genuinely slow PDF (6,000 pages in one flat page tree) at the timeout', async () => {
    // pdf.js walks a flat /Kids array from the start for every page: quadratic, about 15 s here.
    const slow = write(
      'slow.pdf',
      makePdf(
        Array.from({ length: 6000 }, (_, i) => `p${i}`),
        { compress: true },
      ),
    );
    const next = write('next.pdf', makePdf(['The next document.']));
    const pool = createExtractPool({ workers: 1, timeoutMs: 3000 });
    try {
      const [s, n] = await Promise.all([slow, next].map((p) => pool.extract({ path: p })));
      expect(s!.status).toBe('timeout');
      expect(n!.status).toBe('ok');
      expect(n!.pages[0]!.text).toBe('The next document.');
    } finally {
      await pool.close();
    }
  });

  it('stops a PDF that exhausts the heap limit, reports it, and goes on', async () => {
    // One TJ array of 8 M elements: pdf.js materialises it as a JS array, far beyond a 128 MB heap
    // (4 M already exceed 96 MB; a worker itself starts in under 64 MB).
    const hog = write(
      'hog.pdf',
      makePdf(['Hog.'], {
        compress: true,
        extraContent: () => `BT /F1 1 Tf [${'(a) -1 '.repeat(8_000_000)}] TJ ET`,
      }),
    );
    const next = write('after-hog.md', '# Fine\n\nStill working.');
    const pool = createExtractPool({ workers: 1, memoryLimitMb: 128 });
    try {
      const [h, n] = await Promise.all([hog, next].map((p) => pool.extract({ path: p })));
      expect(h).toMatchObject({ status: 'failed', reason: 'out of memory (limit 128 MB)' });
      expect(n!.status).toBe('ok');
      expect(pool.stats.crashes).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('stops a PDF whose streams inflate outside the heap (RSS watchdog), and goes on', async () => {
    const bomb = write('bomb.pdf', await makeFlateBombPdf(1500));
    const next = write('after-bomb.txt', 'Still working.');
    const pool = createExtractPool({ workers: 1, rssGrowthLimitMb: 300 });
    let peak = process.memoryUsage().rss;
    const before = peak;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const [b, n] = await Promise.all([bomb, next].map((p) => pool.extract({ path: p })));
      expect(b).toMatchObject({
        status: 'failed',
        reason: 'out of memory (process grew by more than 300 MB)',
      });
      expect(n!.status).toBe('ok');
      // Unchecked, pdf.js takes this file to about 3 GB.
      expect((peak - before) / MB).toBeLessThan(700);
    } finally {
      clearInterval(sampler);
      await pool.close();
    }
  });

  it('retries documents one at a time when it cannot tell which one grew the process', async () => {
    const bomb = write('bomb-shared.pdf', await makeFlateBombPdf(1500));
    const innocent = write(
      'innocent.pdf',
      makePdf(
        Array.from({ length: 6000 }, (_, i) => `p${i}`),
        { compress: true },
      ),
    );
    const pool = createExtractPool({ workers: 2, rssGrowthLimitMb: 300, timeoutMs: 600_000 });
    try {
      // The innocent, slow document starts first, so both are busy when the bomb grows the process.
      const innocentResult = pool.extract({ path: innocent });
      await new Promise((r) => setTimeout(r, 300));
      const bombResult = await pool.extract({ path: bomb });
      expect(bombResult).toMatchObject({
        status: 'failed',
        reason: 'out of memory (process grew by more than 300 MB)',
      });
      expect((await innocentResult).status).toBe('ok');
      expect(pool.stats).toMatchObject({ crashes: 1, retriedAlone: 2 });
    } finally {
      await pool.close();
    }
  });

  it('aborts a running extraction on its signal without stopping the pool', async () => {
    const hang = write('abort-hang.txt', 'spins');
    const fine = write('abort-fine.txt', 'fine');
    const pool = createExtractPool({
      workers: 1,
      timeoutMs: 60_000,
      testHooks: { hangOnPath: 'abort-hang' },
    });
    try {
      const controller = new AbortController();
      const pending = pool.extract({ path: hang }, { signal: controller.signal });
      setTimeout(() => controller.abort(new Error('cancelled by user')), 300);
      await expect(pending).rejects.toThrow('cancelled by user');
      expect((await pool.extract({ path: fine })).status).toBe('ok');
    } finally {
      await pool.close();
    }
  });

  it('defaults to one worker per core and rejects work once closed', async () => {
    const pool = createExtractPool();
    expect(pool.size).toBe(os.availableParallelism());
    await pool.close();
    await expect(pool.extract({ path: write('late.txt', 'x') })).rejects.toThrow(/closed/);
  });
});
