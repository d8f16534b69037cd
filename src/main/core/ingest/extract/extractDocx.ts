import mammoth from 'mammoth';
import { htmlToText } from './htmlToText';
import { SourceReadError } from './readSource';
import type { SectionedText } from './sectionedText';

/**
 * DOCX through mammoth's HTML conversion (not `extractRawText`), because the HTML keeps Word's heading
 * styles as `<h1>`..`<h6>`, which become the sections' heading paths. Images are replaced by empty
 * `<img>` tags instead of base64 data URIs (those would cost memory and carry no text), and linked
 * external files are never opened. A ZIP that declares more unpacked bytes than `maxUnpackedBytes`
 * (a "zip bomb", or simply a huge document) is refused before anything is inflated.
 */
export async function extractDocx(
  buffer: Buffer,
  maxChars: number,
  maxUnpackedBytes: number,
): Promise<SectionedText> {
  const unpacked = zipUnpackedSize(buffer);
  if (unpacked !== undefined && unpacked > maxUnpackedBytes) {
    const mb = (n: number): string => (n / (1024 * 1024)).toFixed(0);
    throw new SourceReadError(`DOCX unpacks to ${mb(unpacked)} MB (limit ${mb(maxUnpackedBytes)} MB)`);
  }
  const { value: html } = await mammoth.convertToHtml(
    { buffer },
    {
      externalFileAccess: false,
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      // Word's "Title" style is the document's title: treat it as the top heading.
      styleMap: ["p[style-name='Title'] => h1:fresh"],
    },
  );
  return htmlToText(html, maxChars);
}

/**
 * Sum of the uncompressed sizes a ZIP's central directory declares, or undefined when the directory
 * cannot be read (mammoth then reports the broken file itself). ZIP64 entries count as unknown-huge.
 */
export function zipUnpackedSize(zip: Buffer): number | undefined {
  const searchFrom = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let i = zip.length - 22; i >= searchFrom; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return undefined;
    const size = zip.readUInt32LE(at + 24);
    total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER / entries : size;
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}
