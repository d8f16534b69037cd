import JSZip from 'jszip';
import path from 'node:path';
import { zipUnpackedSize } from './extractDocx';
import { SourceReadError } from './readSource';

/**
 * Opens a ZIP-based document (EPUB, ODT, PPTX) with the DOCX zip-bomb rule: a file whose central
 * directory declares more than `maxUnpackedBytes` unpacked is refused before anything is inflated.
 * Entries are read one at a time, as text, on demand.
 */
export interface ZipDocument {
  has(name: string): boolean;
  /** An entry as UTF-8 text; undefined when missing. */
  text(name: string): Promise<string | undefined>;
  names(): string[];
}

export async function openZipDocument(
  buffer: Buffer,
  maxUnpackedBytes: number,
  label: string,
): Promise<ZipDocument> {
  const unpacked = zipUnpackedSize(buffer);
  if (unpacked === undefined) throw new SourceReadError(`${label}: not a ZIP archive (damaged file?)`);
  if (unpacked > maxUnpackedBytes) {
    const mb = (n: number): string => (n / (1024 * 1024)).toFixed(0);
    throw new SourceReadError(`${label} unpacks to ${mb(unpacked)} MB (limit ${mb(maxUnpackedBytes)} MB)`);
  }
  const zip = await JSZip.loadAsync(buffer, { checkCRC32: false, createFolders: false });
  return {
    has: (name) => zip.file(name) !== null,
    names: () => Object.keys(zip.files).filter((n) => !zip.files[n]!.dir),
    text: async (name) => zip.file(name)?.async('string'),
  };
}

/**
 * An entry's OOXML relationships (`_rels/<entry>.rels`): id -> type and target resolved to an entry
 * name. External targets (links to other files or the web) are left out: they are never opened.
 */
export async function zipRelations(
  zip: ZipDocument,
  entry: string,
): Promise<Map<string, { type: string; target: string }>> {
  const relsPath = entry.replace(/([^/]+)$/, '_rels/$1.rels');
  const xml = (await zip.text(relsPath)) ?? '';
  const map = new Map<string, { type: string; target: string }>();
  for (const tag of xml.match(/<Relationship\b[^>]*>/g) ?? []) {
    const id = xmlAttr(tag, 'Id');
    const target = xmlAttr(tag, 'Target');
    if (id && target && xmlAttr(tag, 'TargetMode') !== 'External')
      map.set(id, { type: xmlAttr(tag, 'Type') ?? '', target: resolveInZip(entry, target) });
  }
  return map;
}

/** Resolves a relative reference (`href`, `Target`) against the folder of the entry that holds it. */
export function resolveInZip(fromEntry: string, href: string): string {
  const clean = decodeURIComponent(href.split('#')[0]!);
  if (clean.startsWith('/')) return clean.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromEntry), clean));
}

/** Attribute value from a tag's source (`name="value"` or `name='value'`), entity-unescaped. */
export function xmlAttr(tag: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  const raw = m?.[1] ?? m?.[2];
  return raw === undefined ? undefined : unescapeXml(raw);
}

export function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (all, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (e[0] !== '#') return named[e.toLowerCase()] ?? all;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

/** Escapes text for embedding into HTML handed to `htmlToText`. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}
