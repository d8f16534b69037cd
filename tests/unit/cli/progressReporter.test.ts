import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../src/shared/api/events';
import {
  createProgressReporter,
  formatProgressLine,
  shortenMiddle,
} from '../../../src/main/cli/progressReporter';

const base: JobProgress = {
  jobId: 'j',
  kind: 'ingest',
  state: 'running',
  done: 12,
  total: 60,
  rate: 1.5,
  etaSeconds: 32,
};

describe('CLI progress line', () => {
  it('shortens long names in the middle, keeping where and which file', () => {
    const name = '/home/reader/Documents/papers/very long folder name/2024/final-report-revised.pdf';
    const short = shortenMiddle(name, 40);
    expect(short.length).toBe(40);
    expect(short.startsWith('/home/reader/Doc')).toBe(true);
    expect(short.endsWith('report-revised.pdf')).toBe(true);
    expect(short).toContain('…');
    expect(shortenMiddle('short.pdf', 40)).toBe('short.pdf');
    expect(shortenMiddle('abcdef', 1)).toBe('…');
    expect(shortenMiddle('abcdef', 0)).toBe('');
  });

  it('fits the terminal width with the file name shortened, not cut at the end', () => {
    const current = '/home/reader/Documents/papers/a very long folder/with many words/the-file-name.pdf';
    for (const width of [60, 80, 120]) {
      const line = formatProgressLine({ ...base, current }, 'files', width);
      expect(line.length).toBeLessThanOrEqual(width);
      expect(line).toContain('12/60 files');
      expect(line).toContain('ETA 32s');
      if (width >= 80) expect(line.endsWith('name.pdf')).toBe(true);
    }
  });

  it('at 60/60 says what the job is still doing instead of "0.0/s ETA --"', () => {
    const line = formatProgressLine(
      { ...base, done: 60, total: 60, rate: 0, etaSeconds: null, phase: 'building the vector index' },
      'files',
      100,
    );
    expect(line).toContain('60/60 files  building the vector index…');
    expect(line).not.toContain('0.0/s');
    expect(line).not.toContain('ETA');
  });

  it('the plain (non-terminal) reporter writes a line for every new phase', () => {
    let written = '';
    const stderr = new Writable({
      write(chunk: Buffer, _enc, cb) {
        written += chunk.toString();
        cb();
      },
    });
    const reporter = createProgressReporter({
      stderr,
      stdout: stderr,
      interactive: false,
      json: false,
      unit: 'files',
    });
    reporter.update({ ...base, phase: 'extracting and embedding' });
    reporter.update({ ...base, done: 60, phase: 'writing' });
    reporter.update({ ...base, done: 60, phase: 'building the vector index' });
    reporter.update({ ...base, done: 60, state: 'done', etaSeconds: null });
    const lines = written.trim().split('\n');
    expect(lines.some((l) => l.endsWith('writing…'))).toBe(true);
    expect(lines.some((l) => l.endsWith('building the vector index…'))).toBe(true);
    expect(lines.at(-1)).toMatch(/60\/60 files$/);
  });
});
