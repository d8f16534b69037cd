import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { makeDocx } from './makeDocxFixture';
import { makePdf } from './makePdf';

/**
 * A folder of good and hostile inputs for walking and extraction, generated on the spot (nothing binary
 * is committed). `expected` says, per path relative to the root, what the walker must report and, for
 * files it yields, what extraction must return. Paths the walker never reaches (inside hidden or
 * ignored folders) are not listed.
 */
export interface HostileExpectation {
  /** `file` if the walker yields it, else the skip reason. */
  walk:
    | 'file'
    | 'hidden'
    | 'ignored-folder'
    | 'unsupported-kind'
    | 'not-regular-file'
    | 'unreadable'
    | 'broken-link'
    | 'symlink-loop';
  /** Extraction status for yielded files. */
  status?: 'ok' | 'failed' | 'encrypted' | 'skipped';
  /** Pattern the extraction reason must match (for non-ok statuses). */
  reason?: RegExp;
  /** Text the extraction must contain (for ok statuses). */
  contains?: string;
}

export interface HostileFixtures {
  root: string;
  expected: Record<string, HostileExpectation>;
  /** Relative paths of the two links that lead to `docs/hello.pdf` by another name (one is a duplicate). */
  duplicates: string[];
  /** Size of the big text file, bytes. */
  bigTextBytes: number;
  /** Closes the listening socket that keeps `special/socket.md` in place (Node unlinks it on close). */
  dispose(): Promise<void>;
}

export const DEEP_LEVELS = 60;
export const BIG_TEXT_BYTES = 50 * 1024 * 1024;

const HELLO_PAGES = ['Hello from page one. It has two sentences.', 'Page two says goodbye.'];

/** Writes the fixture tree under `root` (which must exist and be empty). */
export async function makeHostileFixtures(root: string): Promise<HostileFixtures> {
  const expected: Record<string, HostileExpectation> = {};
  const write = (rel: string, data: string | Buffer, expect?: HostileExpectation): void => {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, data);
    if (expect) expected[rel] = expect;
  };
  const ok = (contains: string): HostileExpectation => ({ walk: 'file', status: 'ok', contains });
  const failed = (reason: RegExp): HostileExpectation => ({ walk: 'file', status: 'failed', reason });

  // PDFs, good and bad.
  const hello = makePdf(HELLO_PAGES, { title: 'Hello Fixture' });
  write('docs/hello.pdf', hello, ok('two sentences'));
  write(
    'docs/compressed.pdf',
    makePdf(['Compressed streams decode fine.'], { compress: true }),
    ok('decode fine'),
  );
  write(
    'docs/owner-only.pdf',
    makePdf(['Encrypted, but anyone may open it.'], {
      encrypt: { userPassword: '', ownerPassword: 'owner' },
    }),
    ok('anyone may open it'),
  );
  write(
    'docs/encrypted.pdf',
    makePdf(['Nobody reads this without the password.'], { encrypt: { userPassword: 'secret' } }),
    { walk: 'file', status: 'encrypted', reason: /password/ },
  );
  write('docs/truncated.pdf', hello.subarray(0, Math.floor(hello.length / 2)), failed(/PDF/));
  write('docs/garbage.pdf', pseudoRandomBytes(8192, 7), failed(/PDF/));
  write('docs/empty.pdf', Buffer.alloc(0), failed(/empty file/));
  // Every xref offset off by 7 bytes: pdf.js notices and rebuilds the table by scanning the file.
  const lying = hello
    .toString('latin1')
    .replace(
      /(\d{10}) 00000 n/g,
      (_m, off: string) => `${String(Number(off) + 7).padStart(10, '0')} 00000 n`,
    );
  write('docs/lying-xref.pdf', Buffer.from(lying, 'latin1'), ok('goodbye'));
  write('docs/image-only.pdf', makePdf(['']), { walk: 'file', status: 'skipped', reason: /no text layer/ });
  write('docs/UPPER.PDF', makePdf(['Extensions are case-insensitive.']), ok('case-insensitive'));

  // Text-like files.
  write('text/big.txt', Buffer.alloc(0), ok('Lorem ipsum'));
  writeBigText(path.join(root, 'text/big.txt'), BIG_TEXT_BYTES);
  write(
    'text/latin1.txt',
    Buffer.from('Caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve fa\xe7ade. Price: 5\x80.', 'latin1'),
    ok('Café crème brûlée'),
  );
  write(
    'text/utf16.txt',
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('UTF-16 text with a BOM: ñandú.', 'utf16le')]),
    ok('ñandú'),
  );
  write(
    'text/utf8-bom.txt',
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Größe mit BOM.')]),
    ok('Größe'),
  );
  write('text/binary.txt', pseudoRandomBytes(4096, 11), failed(/not text/));
  write('text/empty.txt', Buffer.alloc(0), { walk: 'file', status: 'skipped', reason: /empty/ });
  write(
    'text/notes.md',
    '# Intro\n\nSome *intro* text.\n\n## Setup\n\nRun the `installer`.\n',
    ok('Run the installer.'),
  );
  write(
    'text/page.html',
    '<html><head><title>Fixture Page</title><style>p{color:red}</style><script>var secret = 1;</script></head>' +
      '<body><h1>Welcome</h1><p>Visible &amp; decoded text.</p><noscript>no script</noscript></body></html>',
    ok('Visible & decoded text.'),
  );
  write(
    'text/report.docx',
    makeDocx([
      { text: 'Quarterly Report', style: 'Title' },
      { text: 'Summary', style: 'Heading1' },
      { text: 'Sales went up.' },
    ]),
    ok('Sales went up.'),
  );
  write('text/fake.docx', 'this is not a zip archive', failed(/docx error/));

  // Things the walker must not yield.
  write('.hidden/secret.txt', 'hidden folder content');
  expected['.hidden'] = { walk: 'hidden' };
  write('.dotfile.md', '# hidden file', { walk: 'hidden' });
  write('node_modules/pkg/readme.md', '# dependency readme');
  expected['node_modules'] = { walk: 'ignored-folder' };
  write('.git/HEAD', 'ref: refs/heads/main');
  expected['.git'] = { walk: 'ignored-folder' };
  write('other/data.csv', 'a,b\n1,2\n', { walk: 'unsupported-kind' });
  write('other/picture.gif', pseudoRandomBytes(64, 3), { walk: 'unsupported-kind' });
  // Images are read by OCR; one that is not an image fails with a reason, like a garbage PDF.
  write('docs/garbage.png', pseudoRandomBytes(64, 3), { walk: 'file', status: 'failed', reason: /image/ });

  // Links.
  fs.mkdirSync(path.join(root, 'links'));
  fs.symlinkSync('..', path.join(root, 'links/loop'));
  expected['links/loop'] = { walk: 'symlink-loop' };
  fs.symlinkSync('self.pdf', path.join(root, 'links/self.pdf'));
  expected['links/self.pdf'] = { walk: 'symlink-loop' };
  fs.symlinkSync('does-not-exist.pdf', path.join(root, 'links/broken.pdf'));
  expected['links/broken.pdf'] = { walk: 'broken-link' };
  fs.symlinkSync('../docs/hello.pdf', path.join(root, 'links/same-as-hello.pdf'));
  fs.linkSync(path.join(root, 'docs/hello.pdf'), path.join(root, 'links/hardlink-to-hello.pdf'));

  // Special files: never opened.
  fs.mkdirSync(path.join(root, 'special'));
  execFileSync('mkfifo', [path.join(root, 'special/fifo.txt')]);
  expected['special/fifo.txt'] = { walk: 'not-regular-file' };
  const socketServer = await listenOnSocketFile(path.join(root, 'special/socket.md'));
  expected['special/socket.md'] = { walk: 'not-regular-file' };
  const unreadable = path.join(root, 'special/unreadable.txt');
  fs.writeFileSync(unreadable, 'You cannot read me unless you are root.');
  fs.chmodSync(unreadable, 0o000);
  // Root reads mode-000 files anyway (CAP_DAC_OVERRIDE); the unprivileged case has its own test.
  expected['special/unreadable.txt'] = isRoot() ? ok('unless you are root') : { walk: 'unreadable' };

  // Deep nesting.
  const deep = Array.from({ length: DEEP_LEVELS }, (_, i) => `d${i + 1}`).join('/');
  write(`${deep}/bottom.txt`, 'The bottom of a very deep folder.', ok('very deep folder'));

  return {
    root,
    expected,
    duplicates: ['links/same-as-hello.pdf', 'links/hardlink-to-hello.pdf'],
    bigTextBytes: BIG_TEXT_BYTES,
    dispose: () => new Promise<void>((resolve) => socketServer.close(() => resolve())),
  };
}

/** A listening Unix socket: its file exists until the server closes. */
async function listenOnSocketFile(socketPath: string): Promise<net.Server> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  server.unref();
  return server;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Writes `bytes` of prose in 1 MiB blocks (the test process never holds the whole file). */
function writeBigText(file: string, bytes: number): void {
  const sentence = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. ';
  const block = Buffer.from(sentence.repeat(Math.ceil((1024 * 1024) / sentence.length))).subarray(
    0,
    1024 * 1024,
  );
  const fd = fs.openSync(file, 'w');
  try {
    for (let written = 0; written < bytes; written += block.length) {
      fs.writeSync(fd, block, 0, Math.min(block.length, bytes - written));
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Deterministic bytes with many NULs and control characters (xorshift). */
export function pseudoRandomBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * A one-page PDF whose content stream is a Flate "bomb": a few MB on disk that inflate to `expandedMb`
 * MB of spaces. pdf.js decodes it into buffers outside the V8 heap, so only the pool's RSS watchdog
 * can stop it. Deflated as a stream; neither side ever holds the expanded bytes.
 */
export async function makeFlateBombPdf(expandedMb: number): Promise<Buffer> {
  const deflate = zlib.createDeflate({ level: 1 });
  const parts: Buffer[] = [];
  deflate.on('data', (d: Buffer) => parts.push(d));
  const ended = new Promise((resolve) => deflate.on('end', resolve));
  const block = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < expandedMb; i++) {
    if (!deflate.write(block)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await ended;
  const stream = Buffer.concat(parts);
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let at = 0;
  const add = (b: Buffer): void => {
    chunks.push(b);
    at += b.length;
  };
  add(Buffer.from('%PDF-1.4\n'));
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
  ];
  objects.forEach((body, i) => {
    offsets.push(at);
    add(Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`));
  });
  offsets.push(at);
  add(Buffer.from(`4 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`));
  add(stream);
  add(Buffer.from('\nendstream\nendobj\n'));
  const xref = at;
  const rows = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  add(
    Buffer.from(
      `xref\n0 5\n0000000000 65535 f \n${rows}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
    ),
  );
  return Buffer.concat(chunks);
}
