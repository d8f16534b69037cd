import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processSampler } from '../support/processSampler';
import { startServe, type ServedLoci } from '../support/serveProcess';
import { makeTempDir } from '../support/tempDir';
import { generatedBytes, putUpload } from '../support/uploadClient';

const MB = 1024 * 1024;
/** The limit this server runs with: above the 300 MB upload, so both sides of it can be tried. */
const limitMb = 320;

// Browser uploads against a real `loci serve` over loopback: streamed to disk with flat memory, each
// upload in its own exclusively created temp file, never through a link, and refused with 400/413
// `{code, message}` when the input is wrong or too large.
describe('loci serve: uploads (PUT /api/files.upload)', () => {
  const tmp = makeTempDir();
  const libraryDir = path.join(tmp.dir, 'library');
  const uploads = path.join(tmp.dir, 'uploads');
  let served: ServedLoci;
  const put = (dir: string, name: string, body: Buffer | ReturnType<typeof generatedBytes>) =>
    putUpload(served.origin, served.token, { targetDir: dir, name }, body);

  beforeAll(async () => {
    fs.mkdirSync(uploads);
    served = await startServe(libraryDir, ['--max-upload-mb', String(limitMb)]);
  });

  afterAll(async () => {
    await served?.stop();
    tmp.cleanup();
  });

  it('20 concurrent uploads of one name all succeed, each under its own name with its own bytes', async () => {
    const dir = path.join(uploads, 'same-name');
    fs.mkdirSync(dir);
    const contents = Array.from({ length: 20 }, (_, i) => Buffer.alloc(200_000 + i * 1000, 65 + i));
    const answers = await Promise.all(contents.map((bytes) => put(dir, 'report.pdf', bytes)));
    expect(answers.map((a) => a.status)).toEqual(contents.map(() => 200));
    const paths = answers.map((a) => (a.body as { path: string }).path);
    expect(new Set(paths).size).toBe(20);
    expect(paths).toContain(path.join(dir, 'report.pdf'));
    expect(paths).toContain(path.join(dir, 'report (20).pdf'));
    paths.forEach((p, i) => expect(fs.readFileSync(p).equals(contents[i]!), p).toBe(true));
    // Nothing else is left in the folder: no temp files.
    expect(fs.readdirSync(dir).length).toBe(20);
  });

  it('never writes through a link planted at a final or a predictable temp name', async () => {
    const dir = path.join(uploads, 'planted');
    fs.mkdirSync(dir);
    const outside = path.join(tmp.dir, 'outside.txt');
    fs.writeFileSync(outside, 'precious');
    fs.symlinkSync(outside, path.join(dir, 'notes.txt'));
    // The temp names the old code used, for this server's pid.
    fs.symlinkSync(outside, path.join(dir, `.notes.txt.${served.child.pid}.uploading`));
    fs.symlinkSync(outside, path.join(dir, `.notes (2).txt.${served.child.pid}.uploading`));
    const answer = await put(dir, 'notes.txt', Buffer.from('uploaded bytes'));
    expect(answer.status).toBe(200);
    expect((answer.body as { path: string }).path).toBe(path.join(dir, 'notes (2).txt'));
    expect(fs.readFileSync(outside, 'utf8')).toBe('precious');
    expect(fs.lstatSync(path.join(dir, 'notes (2).txt')).isFile()).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'notes (2).txt'), 'utf8')).toBe('uploaded bytes');
  });

  it('streams a 300 MB upload to disk with the server growing by less than 100 MB', async () => {
    const size = 300 * MB;
    const sampler = processSampler(served.child.pid!);
    const before = sampler.now().rssMb;
    const answer = await put(uploads, 'big.bin', generatedBytes(size, 7));
    const peak = sampler.stop().rssMb;
    expect(answer.status).toBe(200);
    const stored = (answer.body as { path: string }).path;
    expect(fs.statSync(stored).size).toBe(size);
    expect(await sha256(fs.createReadStream(stored))).toBe(await sha256(generatedBytes(size, 7)));
    expect(peak - before, `RSS ${before.toFixed(0)} -> peak ${peak.toFixed(0)} MB`).toBeLessThan(100);
    fs.rmSync(stored);
  });

  it('answers 413 {code, message} before reading the body when Content-Length is over the limit', async () => {
    const answer = await putUpload(
      served.origin,
      served.token,
      { targetDir: uploads, name: 'huge.iso' },
      Buffer.alloc(0),
      { contentLength: (limitMb + 1) * MB, headersOnly: true },
    );
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ code: 'TOO_LARGE', message: expect.stringMatching(/320 MB/) });
    expect(fs.existsSync(path.join(uploads, 'huge.iso'))).toBe(false);
  });

  it('answers 413 mid-stream when a body without a length goes over the limit, and keeps nothing', async () => {
    const dir = path.join(uploads, 'chunked');
    fs.mkdirSync(dir);
    const answer = await putUpload(
      served.origin,
      served.token,
      { targetDir: dir, name: 'stream.bin' },
      generatedBytes((limitMb + 10) * MB, 3),
      { contentLength: 'none' },
    );
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ code: 'TOO_LARGE' });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('answers 400 {code, message} for bad folders and names, and for the old base64 JSON upload', async () => {
    const file = path.join(uploads, 'a-file.txt');
    fs.writeFileSync(file, 'x');
    const bad: Array<[string, string]> = [
      ['relative/folder', 'a.pdf'],
      ['uploads', 'a.pdf'],
      [path.join(uploads, 'missing'), 'a.pdf'],
      [file, 'a.pdf'],
      ['/proc/self', 'a.pdf'],
      ['/proc/self/cwd', 'a.pdf'],
      [`${uploads}\0x`, 'a.pdf'],
      [uploads, 'a\0b.pdf'],
      [uploads, '../escape.pdf'],
      [uploads, '..'],
      [uploads, ''],
      [uploads, 'x'.repeat(256)],
    ];
    for (const [dir, name] of bad) {
      const answer = await put(dir, name, Buffer.from('bytes'));
      expect(answer.status, `${dir} / ${name}`).toBe(400);
      expect(answer.body, `${dir} / ${name}`).toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.any(String),
      });
      expect(JSON.stringify(answer.body)).not.toMatch(/\n\s+at /);
    }
    expect(fs.existsSync(path.join(process.cwd(), 'relative'))).toBe(false);
    expect(fs.existsSync(path.join(tmp.dir, 'escape.pdf'))).toBe(false);

    const legacy = await fetch(`${served.origin}/api/files.upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ targetDir: uploads, name: 'b64.pdf', dataBase64: '!!not base64!!' }),
    });
    expect(legacy.status).toBe(400);
    expect(await legacy.json()).toMatchObject({ code: 'INVALID_INPUT' });
    expect(fs.existsSync(path.join(uploads, 'b64.pdf'))).toBe(false);
  });

  it('needs the token for uploads too', async () => {
    const answer = await putUpload(
      served.origin,
      'wrong-token',
      { targetDir: uploads, name: 'x.pdf' },
      Buffer.from('x'),
    );
    expect(answer.status).toBe(401);
    expect(fs.existsSync(path.join(uploads, 'x.pdf'))).toBe(false);
  });
});

function sha256(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    stream.on('data', (c: Buffer) => hash.update(c));
    stream.on('end', () => resolve(hash.digest('hex')));
    stream.on('error', reject);
  });
}
