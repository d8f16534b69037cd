import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * PDFs that need pdf.js's data files: a CJK page whose font is a non-embedded CID font addressed
 * through a predefined CMap (pdf.js must load `UniJIS-UCS2-H` and `Adobe-Japan1-UCS2` from cMapUrl),
 * and a page that is one JPEG 2000 image (pdf.js decodes it with OpenJPEG from wasmUrl). Written
 * object by object with a correct xref table.
 */
function buildPdf(objects: Array<string | Buffer>): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  return Buffer.concat([...parts, Buffer.from(xref, 'latin1')]);
}

const stream = (dict: string, data: Buffer): Buffer =>
  Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream', 'latin1'),
  ]);

/** UTF-16BE hex of `text`, as a UCS-2 CMap reads it. */
const ucs2Hex = (text: string): string => Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase();

/**
 * One A5 page of Japanese text in a non-embedded Adobe-Japan1 CID font (KozMinPr6N-Regular, which no
 * test machine has) with the predefined `UniJIS-UCS2-H` encoding: the codes are UCS-2, so without the
 * CMap files pdf.js can neither pick glyphs nor extract the text.
 */
export function cjkPdf(lines: readonly string[]): Buffer {
  const content = [
    'BT /F1 24 Tf 40 500 Td 30 TL',
    ...lines.map((line) => `<${ucs2Hex(line)}> Tj T*`),
    'ET',
  ].join('\n');
  return buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    stream('', Buffer.from(content, 'latin1')),
    '<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular-UniJIS-UCS2-H /Encoding /UniJIS-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> /FontDescriptor 7 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /KozMinPr6N-Regular /Flags 6 /FontBBox [-78 -254 1022 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 740 /StemV 80 >>',
  ]);
}

/**
 * A JPEG 2000 image (JP2, made by OpenJPEG's `opj_compress` from a PPM) of `width` x `height`: the
 * left half pure red, the right half pure blue. Returns its bytes.
 */
export function makeJp2(dir: string, width: number, height: number): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      if (x < width / 2) pixels[o] = 255;
      else pixels[o + 2] = 255;
    }
  const ppm = path.join(dir, 'halves.ppm');
  const jp2 = path.join(dir, 'halves.jp2');
  fs.writeFileSync(ppm, Buffer.concat([Buffer.from(`P6\n${width} ${height}\n255\n`, 'latin1'), pixels]));
  execFileSync('opj_compress', ['-i', ppm, '-o', jp2], { stdio: 'pipe' });
  return fs.readFileSync(jp2);
}

/**
 * A page holding a JPEG 2000 image (`/Filter /JPXDecode`) at 10..410 pt on both axes of a 420 x 460
 * pt page, under a line of text (so the document is indexed and opens in the viewer).
 */
export function jpxPdf(jp2: Buffer, width: number, height: number): Buffer {
  const content = [
    'BT /F1 12 Tf 10 430 Td (A JPEG 2000 image of two colour halves, red and blue.) Tj ET',
    'q 400 0 0 400 10 10 cm /Im1 Do Q',
  ].join('\n');
  return buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 460] /Resources << /XObject << /Im1 5 0 R >> /Font << /F1 6 0 R >> >> /Contents 4 0 R >>',
    stream('', Buffer.from(content, 'latin1')),
    stream(`/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /Filter /JPXDecode`, jp2),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ]);
}
