import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/**
 * A tiny, dependency-free PDF writer for tests: real multi-page PDFs with the given text per page
 * (Helvetica, WinAnsi encoding, one text line per input line, long lines wrapped), a correct xref table,
 * an optional document title, Flate-compressed content streams on request, and optional encryption with
 * the Standard security handler (revision 2, RC4 40-bit) so "password required" and "encrypted but
 * openable" are both real. Characters outside windows-1252 are written as "?".
 */
export interface MakePdfOptions {
  /** Document info `/Title`. */
  title?: string;
  /** More document info entries written as strings as given, e.g. `{ CreationDate: "D:20150301120000Z" }`. */
  info?: Record<string, string>;
  /** Flate-compress the page content streams. */
  compress?: boolean;
  /**
   * Encrypt the file. An empty `userPassword` makes a PDF that any reader opens without asking (only
   * the owner password is set); a non-empty one makes readers ask for it.
   */
  encrypt?: { userPassword: string; ownerPassword?: string };
  /** Font size in points; default 11. */
  fontSize?: number;
  /** Wrap lines longer than this many characters at spaces; default 90. 0 disables wrapping. */
  wrapAt?: number;
  /** Raw content-stream operators appended to a page (index 0-based): for hostile fixtures. */
  extraContent?: (pageIndex: number) => string;
  /** Bookmarks (the document outline), nested; not combined with `encrypt`. */
  outline?: OutlineItem[];
}

/**
 * A bookmark: `page` is 0-based; with `top` it points at that height (`/XYZ`, page space, y up: the
 * first text line is at 720 and each line `fontSize * 1.27` lower), without it at the page (`/Fit`).
 */
export interface OutlineItem {
  title: string;
  page: number;
  top?: number;
  children?: OutlineItem[];
}

const WIN_ANSI: ReadonlyMap<string, number> = (() => {
  // Streaming decode: Node 20's one-shot windows-1252 decode is really ISO-8859-1.
  const chars = new TextDecoder('windows-1252').decode(
    Uint8Array.from({ length: 256 }, (_, b) => b),
    { stream: true },
  );
  const map = new Map<string, number>();
  for (let b = 0x20; b <= 0xff; b++) map.set(chars[b]!, b);
  return map;
})();

/** Builds a PDF whose page i shows `pages[i]` (lines split on "\n"; blank lines are kept). */
export function makePdf(pages: string[], options: MakePdfOptions = {}): Buffer {
  const fontSize = options.fontSize ?? 11;
  const leading = Math.round(fontSize * 1.27 * 100) / 100;
  const fileId = createHash('md5')
    .update(JSON.stringify([pages, options.title ?? '']))
    .digest();
  const security = options.encrypt ? standardSecurity(options.encrypt, fileId) : undefined;

  const objects: Buffer[] = [];
  const pageCount = pages.length;
  const firstPageObj = 5;
  const kids = pages.map((_, i) => `${firstPageObj + i * 2} 0 R`).join(' ');
  const str = (num: number, text: string): string => pdfString(encodeWinAnsi(text), security?.keyFor(num));

  const outlineRoot = options.outline?.length ? firstPageObj + pageCount * 2 : 0;
  objects[1] = Buffer.from(
    `<< /Type /Catalog /Pages 2 0 R${outlineRoot ? ` /Outlines ${outlineRoot} 0 R` : ''} >>`,
  );
  objects[2] = Buffer.from(`<< /Type /Pages /Kids [${kids}] /Count ${pageCount} >>`);
  objects[3] = Buffer.from(
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  );
  const info = [`/Producer ${str(4, 'Loci test makePdf')}`];
  if (options.title !== undefined) info.push(`/Title ${str(4, options.title)}`);
  for (const [key, value] of Object.entries(options.info ?? {})) info.push(`/${key} ${str(4, value)}`);
  objects[4] = Buffer.from(`<< ${info.join(' ')} >>`);

  pages.forEach((text, i) => {
    const pageNum = firstPageObj + i * 2;
    const contentNum = pageNum + 1;
    objects[pageNum] = Buffer.from(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] ` +
        `/Resources << /Font << /F1 3 0 R >> >> /Contents ${contentNum} 0 R >>`,
    );
    const lines = wrapLines(text, options.wrapAt ?? 90);
    const ops = [`BT /F1 ${fontSize} Tf ${leading} TL 72 720 Td`];
    lines.forEach((line, k) => {
      if (k > 0) ops.push('T*');
      if (line.length > 0) ops.push(`${pdfString(encodeWinAnsi(line), undefined)} Tj`);
    });
    ops.push('ET');
    if (options.extraContent) ops.push(options.extraContent(i));
    let data: Buffer = Buffer.from(ops.join('\n'), 'latin1');
    let dict = '';
    if (options.compress) {
      data = deflateSync(data);
      dict = ' /Filter /FlateDecode';
    }
    if (security) data = rc4(security.keyFor(contentNum), data);
    objects[contentNum] = Buffer.concat([
      Buffer.from(`<< /Length ${data.length}${dict} >>\nstream\n`),
      data,
      Buffer.from('\nendstream'),
    ]);
  });

  if (outlineRoot && options.outline) {
    writeOutline(objects, outlineRoot, options.outline, (i) => `${firstPageObj + i * 2} 0 R`);
  }

  const encryptNum = objects.length;
  if (security) objects[encryptNum] = Buffer.from(security.dictionary);

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let offset = chunks[0]!.length;
  for (let num = 1; num < objects.length; num++) {
    const body = objects[num]!;
    const obj = Buffer.concat([Buffer.from(`${num} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    offsets[num] = offset;
    chunks.push(obj);
    offset += obj.length;
  }
  const size = objects.length;
  const xref = [`xref\n0 ${size}\n`, '0000000000 65535 f \n'];
  for (let num = 1; num < size; num++) xref.push(`${String(offsets[num]).padStart(10, '0')} 00000 n \n`);
  const id = `<${fileId.toString('hex')}>`;
  const trailer =
    `trailer\n<< /Size ${size} /Root 1 0 R /Info 4 0 R /ID [${id} ${id}]` +
    `${security ? ` /Encrypt ${encryptNum} 0 R` : ''} >>\nstartxref\n${offset}\n%%EOF\n`;
  chunks.push(Buffer.from(xref.join('') + trailer, 'latin1'));
  return Buffer.concat(chunks);
}

/** Writes the outline dictionary at `rootNum` and its items after it (PDF 32000-1, 12.3.3). */
function writeOutline(
  objects: Buffer[],
  rootNum: number,
  items: OutlineItem[],
  pageRef: (pageIndex: number) => string,
): void {
  let next = rootNum + 1;
  const place = (list: OutlineItem[], parent: number): { first: number; last: number; count: number } => {
    const nums = list.map(() => next++);
    let count = list.length;
    list.forEach((item, i) => {
      const num = nums[i]!;
      const dest =
        item.top === undefined
          ? `[${pageRef(item.page)} /Fit]`
          : `[${pageRef(item.page)} /XYZ 0 ${item.top} 0]`;
      const links = [`/Parent ${parent} 0 R`];
      if (i > 0) links.push(`/Prev ${nums[i - 1]} 0 R`);
      if (i < list.length - 1) links.push(`/Next ${nums[i + 1]} 0 R`);
      let kids = '';
      if (item.children?.length) {
        const sub = place(item.children, num);
        kids = ` /First ${sub.first} 0 R /Last ${sub.last} 0 R /Count ${sub.count}`;
        count += sub.count;
      }
      objects[num] = Buffer.from(
        `<< /Title ${pdfString(encodeWinAnsi(item.title), undefined)} ${links.join(' ')} /Dest ${dest}${kids} >>`,
      );
    });
    return { first: nums[0]!, last: nums.at(-1)!, count };
  };
  const top = place(items, rootNum);
  objects[rootNum] = Buffer.from(
    `<< /Type /Outlines /First ${top.first} 0 R /Last ${top.last} 0 R /Count ${top.count} >>`,
  );
}

function wrapLines(text: string, wrapAt: number): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (wrapAt <= 0 || line.length <= wrapAt) {
      out.push(line);
      continue;
    }
    let rest = line;
    while (rest.length > wrapAt) {
      const cut = rest.lastIndexOf(' ', wrapAt);
      const at = cut > 0 ? cut : wrapAt;
      out.push(rest.slice(0, at));
      rest = rest.slice(cut > 0 ? at + 1 : at);
    }
    out.push(rest);
  }
  return out;
}

function encodeWinAnsi(text: string): Buffer {
  return Buffer.from([...text].map((ch) => WIN_ANSI.get(ch) ?? 0x3f));
}

/** A literal string `( ... )`, or a hex string `< ... >` when encrypted (the bytes are then binary). */
function pdfString(bytes: Buffer, key: Buffer | undefined): string {
  if (key) return `<${rc4(key, bytes).toString('hex')}>`;
  let out = '(';
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20 || b >= 0x7f) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return `${out})`;
}

/** The 32-byte padding string of the Standard security handler (PDF 32000-1, 7.6.3.3). */
const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

function padPassword(password: string): Buffer {
  return Buffer.concat([Buffer.from(password, 'latin1'), PAD]).subarray(0, 32);
}

/** Standard security handler, revision 2 (40-bit RC4): the O, U and key algorithms 2, 3 and 4. */
function standardSecurity(
  { userPassword, ownerPassword }: { userPassword: string; ownerPassword?: string },
  fileId: Buffer,
): { dictionary: string; keyFor(objectNumber: number): Buffer } {
  const permissions = -44; // print, copy, etc. allowed; the value only has to be consistent
  const ownerKey = md5(padPassword(ownerPassword || userPassword)).subarray(0, 5);
  const O = rc4(ownerKey, padPassword(userPassword));
  const P = Buffer.alloc(4);
  P.writeInt32LE(permissions);
  const fileKey = md5(Buffer.concat([padPassword(userPassword), O, P, fileId])).subarray(0, 5);
  const U = rc4(fileKey, PAD);
  return {
    dictionary:
      `<< /Filter /Standard /V 1 /R 2 /Length 40 /P ${permissions} ` +
      `/O <${O.toString('hex')}> /U <${U.toString('hex')}> >>`,
    keyFor(objectNumber: number): Buffer {
      const suffix = Buffer.from([
        objectNumber & 0xff,
        (objectNumber >> 8) & 0xff,
        (objectNumber >> 16) & 0xff,
        0,
        0,
      ]);
      return md5(Buffer.concat([fileKey, suffix])).subarray(0, 10);
    },
  };
}

function md5(data: Buffer): Buffer {
  return createHash('md5').update(data).digest();
}

/** RC4 (node:crypto no longer offers it under OpenSSL 3's default provider). */
export function rc4(key: Buffer, data: Buffer): Buffer {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}
