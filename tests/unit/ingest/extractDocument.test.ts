import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../../src/main/core/ingest/extract/extractDocument';
import { DEFAULT_EXTRACT_LIMITS } from '../../../src/main/core/ingest/types';
import { makeDocx } from '../../support/makeDocxFixture';
import { makePdf } from '../../support/makePdf';
import { makeTempDir } from '../../support/tempDir';

let temp: { dir: string; cleanup: () => void };
beforeAll(() => {
  temp = makeTempDir('loci-extract-');
});
afterAll(() => temp?.cleanup());

function file(name: string, data: string | Buffer): string {
  const p = path.join(temp.dir, name);
  fs.writeFileSync(p, data);
  return p;
}

const limits = (maxChars: number) => ({ ...DEFAULT_EXTRACT_LIMITS, maxChars });

describe('PDF extraction (real pdf.js)', () => {
  it('returns text per page in order, with the metadata title and a SHA-256 of the file', async () => {
    const pdf = makePdf(['First page: alpha beta.', 'Second page: gamma.', 'Third page: delta.'], {
      title: 'Greek Letters',
    });
    const r = await extractDocument({ path: file('three.pdf', pdf) });
    expect(r.status).toBe('ok');
    expect(r.title).toBe('Greek Letters');
    expect(r.pageCount).toBe(3);
    expect(r.pages.map((p) => [p.page, p.text])).toEqual([
      [1, 'First page: alpha beta.'],
      [2, 'Second page: gamma.'],
      [3, 'Third page: delta.'],
    ]);
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.chars).toBe(r.pages.reduce((n, p) => n + p.text.length, 0));
  });

  it('keeps words apart across lines, marks paragraphs and undoes line-end hyphenation', async () => {
    const pdf = makePdf(['The quick brown\nfox jumps over a hyphen-\nated line.\n\nA new paragraph.']);
    const r = await extractDocument({ path: file('layout.pdf', pdf) });
    expect(r.pages[0]!.text).toBe('The quick brown\nfox jumps over a hyphenated line.\n\nA new paragraph.');
  });

  it('falls back to the first line as title when the PDF has none', async () => {
    const r = await extractDocument({
      path: file('untitled.pdf', makePdf(['Annual Report 2024\nBody text.'])),
    });
    expect(r.title).toBe('Annual Report 2024');
  });

  it('stops at the character cap and says so', async () => {
    const pages = Array.from({ length: 10 }, (_, i) => `Page ${i + 1} `.padEnd(100, 'x'));
    const r = await extractDocument({ path: file('capped.pdf', makePdf(pages, { wrapAt: 0 })) }, limits(250));
    expect(r.status).toBe('ok');
    expect(r.truncated).toBe(true);
    expect(r.chars).toBe(250);
    expect(r.pages).toHaveLength(3);
    expect(r.pageCount).toBe(10);
  });

  it('classifies a password-protected PDF as encrypted, an owner-only one as readable', async () => {
    const locked = await extractDocument({
      path: file('locked.pdf', makePdf(['secret'], { encrypt: { userPassword: 'pw' } })),
    });
    expect(locked).toMatchObject({ status: 'encrypted', reason: 'password required', pages: [] });
    const open = await extractDocument({
      path: file(
        'open.pdf',
        makePdf(['Readable text.'], {
          title: 'Owner Only',
          encrypt: { userPassword: '', ownerPassword: 'o' },
        }),
      ),
    });
    expect(open.status).toBe('ok');
    expect(open.title).toBe('Owner Only');
    expect(open.pages[0]!.text).toBe('Readable text.');
  });

  it('refuses files over the size limit without reading them into memory', async () => {
    const p = file('big.pdf', makePdf(['x']));
    const r = await extractDocument({ path: p }, { ...DEFAULT_EXTRACT_LIMITS, maxFileBytes: 100 });
    expect(r).toMatchObject({ status: 'failed' });
    expect(r.reason).toMatch(/file too large/);
  });
});

describe('text encodings', () => {
  it('reads UTF-8, UTF-8 with BOM, UTF-16 LE/BE with BOM and BOM-less UTF-16 LE', async () => {
    const text = 'Ünïcödé ✓ — 日本語';
    const cases: [string, Buffer, string][] = [
      ['utf8.txt', Buffer.from(text), 'utf-8'],
      ['bom8.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8'],
      ['le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'utf-16le'],
      [
        'be.txt',
        Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
        'utf-16be',
      ],
      ['nobom.txt', Buffer.from(`${text} plain ascii words follow here`, 'utf16le'), 'utf-16le'],
    ];
    for (const [name, bytes, encoding] of cases) {
      const r = await extractDocument({ path: file(name, bytes) });
      expect(r.status, name).toBe('ok');
      expect(r.encoding, name).toBe(encoding);
      expect(r.pages[0]!.text.startsWith(text), name).toBe(true);
    }
  });

  it('falls back to Latin-1 (windows-1252) when the bytes are not UTF-8', async () => {
    const r = await extractDocument({
      path: file('cp1252.txt', Buffer.from('na\xefve \x93quoted\x94 5\x80', 'latin1')),
    });
    expect(r.encoding).toBe('latin1');
    expect(r.pages[0]!.text).toBe('naïve “quoted” 5€');
  });

  it('rejects binary content behind a text extension', async () => {
    const bytes = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 31) % 256));
    expect(await extractDocument({ path: file('binary.md', bytes) })).toMatchObject({
      status: 'failed',
      reason: 'not text',
    });
  });

  it('splits plain text into pages at form feeds (as pdftotext writes them)', async () => {
    const r = await extractDocument({ path: file('ff.txt', 'page one\fpage two\f') });
    expect(r.pages.map((p) => p.text)).toEqual(['page one', 'page two', '']);
    expect(r.title).toBe('ff');
  });

  it('caps text at maxChars without splitting a multi-byte character', async () => {
    const r = await extractDocument({ path: file('cap.txt', '😀'.repeat(100)) }, limits(11));
    expect(r.truncated).toBe(true);
    expect(r.pages[0]!.text).toBe('😀'.repeat(5));
  });
});

describe('Markdown, HTML and DOCX', () => {
  it('Markdown keeps each section under its heading path and strips inline markup', async () => {
    const md = [
      '---',
      'title: "Front Matter Title"',
      '---',
      'Preamble text.',
      '',
      '# Intro',
      'Welcome to **Loci**, see [the docs](https://example.com).',
      '',
      '## Setup',
      '```sh',
      '# not a heading',
      'npm install',
      '```',
      'Then run it.',
      '',
      'Usage',
      '-----',
      '- one item',
      '',
      '# Appendix',
      'The end.',
    ].join('\n');
    const r = await extractDocument({ path: file('guide.md', md) });
    expect(r.title).toBe('Front Matter Title');
    const page = r.pages[0]!;
    const sections = page.sections!.map((s) => [s.headingPath, page.text.slice(s.start, s.end)]);
    expect(sections).toEqual([
      [[], 'Preamble text.'],
      [['Intro'], 'Intro\n\nWelcome to Loci, see the docs.'],
      [['Intro', 'Setup'], 'Setup\n\n# not a heading\nnpm install\n\nThen run it.'],
      [['Intro', 'Usage'], 'Usage\n\none item'],
      [['Appendix'], 'Appendix\n\nThe end.'],
    ]);
  });

  it('HTML yields visible text only, decoded, with headings as sections and the <title>', async () => {
    const html = `<!doctype html><html><head><title>My &amp; Page</title>
      <style>body { color: red }</style><script>var x = "<h1>not text</h1>";</script></head>
      <body><h1>Top <em>level</em></h1><p>First&nbsp;para with &eacute; and &#x263A; and &#8212;.</p>
      <div hidden><p>hidden text</p></div><p style="display:none">also hidden</p>
      <h2>Sub</h2><ul><li>one</li><li>two</li></ul><template><p>template</p></template>
      <p>Unclosed <b>bold</p><img src="x.png" alt="img"> tail &unknown; 1 < 2</body></html>`;
    const r = await extractDocument({ path: file('page.html', html) });
    expect(r.title).toBe('My & Page');
    const page = r.pages[0]!;
    // Non-breaking spaces become plain spaces: the text is for search, not layout.
    expect(page.text).toBe(
      'Top level\n\nFirst para with é and ☺ and —.\n\nSub\n\none\ntwo\n\nUnclosed bold\n\ntail &unknown; 1 < 2',
    );
    expect(page.sections!.map((s) => s.headingPath)).toEqual([['Top level'], ['Top level', 'Sub']]);
  });

  it('HTML in a legacy charset is decoded by its <meta charset>', async () => {
    const html = Buffer.concat([
      Buffer.from('<html><head><meta charset="iso-8859-1"></head><body><p>'),
      Buffer.from('Gr\xfc\xdfe \x80', 'latin1'),
      Buffer.from('</p></body></html>'),
    ]);
    const r = await extractDocument({ path: file('legacy.htm', html) });
    expect(r.pages[0]!.text).toBe('Grüße €');
  });

  it('DOCX headings (Word styles) become heading paths', async () => {
    const docx = makeDocx([
      { text: 'Project Plan', style: 'Title' },
      { text: 'Goals', style: 'Heading1' },
      { text: 'Ship it & test it.' },
      { text: 'Risks', style: 'Heading2' },
      { text: 'None known.' },
    ]);
    const r = await extractDocument({ path: file('plan.docx', docx) });
    expect(r.status).toBe('ok');
    expect(r.title).toBe('Project Plan');
    const page = r.pages[0]!;
    expect(page.sections!.map((s) => [s.headingPath, page.text.slice(s.start, s.end)])).toEqual([
      [['Project Plan'], 'Project Plan'],
      [['Goals'], 'Goals\n\nShip it & test it.'],
      [['Goals', 'Risks'], 'Risks\n\nNone known.'],
    ]);
  });

  it('a file that is not a DOCX is failed with the parser reason', async () => {
    const r = await extractDocument({ path: file('fake.docx', 'plain text, no zip') });
    expect(r.status).toBe('failed');
    expect(r.reason).toMatch(/^docx error: /);
  });
});

describe('unreadable and special paths', () => {
  it('reports a missing file and a folder as failed, never throws', async () => {
    expect(await extractDocument({ path: path.join(temp.dir, 'gone.txt') })).toMatchObject({
      status: 'failed',
      reason: 'file not found',
    });
    fs.mkdirSync(path.join(temp.dir, 'folder.pdf'));
    expect(await extractDocument({ path: path.join(temp.dir, 'folder.pdf') })).toMatchObject({
      status: 'failed',
    });
  });
});

describe('DOCX zip bombs', () => {
  it('refuses a DOCX whose parts declare more unpacked bytes than the limit, before inflating', async () => {
    const docx = makeDocx([{ text: 'Small, but its directory claims a gigabyte.' }]);
    expect((await extractDocument({ path: file('fine.docx', docx) })).status).toBe('ok');
    // Claim 1 GiB uncompressed for the first central-directory entry.
    const bomb = Buffer.from(docx);
    bomb.writeUInt32LE(1024 * 1024 * 1024, bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
    const r = await extractDocument({ path: file('bomb.docx', bomb) });
    expect(r).toMatchObject({ status: 'failed', reason: 'DOCX unpacks to 1024 MB (limit 256 MB)' });
  });
});

describe('special files', () => {
  it('fails a FIFO passed straight to the extractor at once instead of blocking on open', async () => {
    const fifo = path.join(temp.dir, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    expect(await extractDocument({ path: fifo })).toMatchObject({
      status: 'failed',
      reason: 'not a regular file',
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
