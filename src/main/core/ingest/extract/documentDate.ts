/**
 * A document's own date (when it was made, as its metadata says), for "Over time" and the Library
 * table: parsing of the date strings documents carry, and the rule for which dates to believe.
 *
 * Formats: PDF date strings (`D:YYYYMMDDHHmmSSOHH'mm'`, PDF 32000-1 §7.9.4; every part after the
 * year optional, the apostrophes often missing or misplaced) and ISO 8601 / W3CDTF (XMP, EPUB
 * `dc:date`, OOXML `dcterms:created`, ODF `meta:creation-date`). A date without a time zone is read as
 * UTC: a day either way, which no window of "Over time" resolves.
 */

/** Dates before this are nonsense for a digital document (the PDF format dates from 1993). */
const EARLIEST = Date.UTC(1980, 0, 1);
/** A little slack for clocks and time zones before a date counts as "in the future". */
const FUTURE_SLACK_MS = 2 * 86_400_000;

/**
 * True for a date a document can really carry: from 1980 on and not in the future. Rejects the epoch
 * and the zero dates of tools that write a placeholder (`D:00000101`, 1904 Mac epochs, 1601...).
 */
export function plausibleDate(ms: number | undefined, now = Date.now()): ms is number {
  return ms !== undefined && Number.isFinite(ms) && ms >= EARLIEST && ms <= now + FUTURE_SLACK_MS;
}

/** Epoch ms of calendar parts in UTC, or undefined when a part is out of range (month 13, 31 April). */
function utc(y: number, mo = 1, d = 1, h = 0, mi = 0, s = 0, offsetMinutes = 0): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59));
  // Date.UTC rolls 31 April over into May: a date that does not exist is a broken one.
  if (new Date(ms).getUTCDate() !== d) return undefined;
  return ms - offsetMinutes * 60_000;
}

/**
 * Parses a PDF date string. Tolerates a missing `D:` prefix, missing apostrophes (`+0100`), a lone
 * trailing apostrophe (`+01'00'`, `+01'`), `Z` with or without `00'00'`, and trailing junk after a
 * complete date. Returns undefined for anything that is not a date (`D:`, `Unknown`, `D:2005XX01`).
 */
export function parsePdfDate(raw: string | undefined): number | undefined {
  if (typeof raw !== 'string') return undefined;
  const m =
    /^\s*(?:D\s*:)?\s*(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:([Zz+-])\s*(?:(\d{2})'?\s*(?:(\d{2})'?)?)?)?/.exec(
      raw,
    );
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const offset =
    sign === '+' || sign === '-' ? (sign === '-' ? -1 : 1) * (Number(oh ?? 0) * 60 + Number(om ?? 0)) : 0;
  if (Math.abs(offset) > 14 * 60) return undefined;
  return utc(
    Number(y),
    mo ? Number(mo) : 1,
    d ? Number(d) : 1,
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
    offset,
  );
}

/**
 * Parses an ISO 8601 / W3CDTF date: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, with an optional time
 * (`THH:mm`, seconds, fractions) and zone (`Z`, `+HH:MM`, `+HHMM`). Undefined for anything else.
 */
export function parseIsoDate(raw: string | undefined): number | undefined {
  if (typeof raw !== 'string') return undefined;
  const m =
    /^\s*(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?\s*$/i.exec(
      raw,
    );
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, zone] = m;
  let offset = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    offset = (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
    if (Math.abs(offset) > 14 * 60) return undefined;
  }
  return utc(
    Number(y),
    mo ? Number(mo) : 1,
    d ? Number(d) : 1,
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
    offset,
  );
}

/** The first candidate that parses to a plausible date, in the order given (best source first). */
export function firstPlausible(
  candidates: ReadonlyArray<number | undefined>,
  now = Date.now(),
): number | undefined {
  return candidates.find((c): c is number => plausibleDate(c, now));
}

/** The parts of pdf.js's `getMetadata()` answer that carry dates. */
export interface PdfMetadata {
  info?: object;
  metadata?: { get(name: string): unknown; getRaw?(): unknown } | null;
}

/**
 * A PDF's own date: Info `CreationDate`, then Info `ModDate`, then XMP `xmp:CreateDate` and
 * `xmp:ModifyDate` (files whose Info dictionary has no usable date). pdf.js parses XMP elements only;
 * many writers put these dates in attributes of `rdf:Description`, so the raw packet is read too.
 */
export function pdfDocumentDate(meta: PdfMetadata, now = Date.now()): number | undefined {
  const info = (meta.info ?? {}) as { CreationDate?: unknown; ModDate?: unknown };
  let raw = '';
  try {
    const value = meta.metadata?.getRaw?.();
    if (typeof value === 'string') raw = value;
  } catch {
    raw = '';
  }
  const xmp = (name: string): number | undefined => {
    try {
      const value = meta.metadata?.get(name.toLowerCase());
      if (typeof value === 'string') return parseIsoDate(value);
    } catch {
      // fall through to the raw packet
    }
    const escaped = name.replace(/[.:]/g, '\\$&');
    const m = new RegExp(`${escaped}\\s*(?:=\\s*["']([^"']*)["']|>([^<]*)<)`).exec(raw);
    return parseIsoDate(m?.[1] ?? m?.[2]);
  };
  const pdf = (v: unknown) => (typeof v === 'string' ? parsePdfDate(v) : undefined);
  return firstPlausible(
    [pdf(info.CreationDate), pdf(info.ModDate), xmp('xmp:CreateDate'), xmp('xmp:ModifyDate')],
    now,
  );
}

/** Text content of the first element with this (qualified) name, tags stripped; undefined if none. */
function elementText(xml: string, name: string): string | undefined {
  const escaped = name.replace(/[.:]/g, '\\$&');
  const m = new RegExp(`<${escaped}(?:\\s[^>]*)?>([\\s\\S]*?)</${escaped}>`, 'i').exec(xml);
  return m?.[1]?.replace(/<[^>]*>/g, '').trim();
}

/** OOXML (DOCX, PPTX) `docProps/core.xml`: `dcterms:created`, then `dcterms:modified`. */
export function ooxmlCoreDate(coreXml: string, now = Date.now()): number | undefined {
  return firstPlausible(
    [
      parseIsoDate(elementText(coreXml, 'dcterms:created')),
      parseIsoDate(elementText(coreXml, 'dcterms:modified')),
    ],
    now,
  );
}

/** ODF (ODT, ODP) `meta.xml`: `meta:creation-date`, then `dc:date` (the last save). */
export function odfMetaDate(metaXml: string, now = Date.now()): number | undefined {
  return firstPlausible(
    [parseIsoDate(elementText(metaXml, 'meta:creation-date')), parseIsoDate(elementText(metaXml, 'dc:date'))],
    now,
  );
}

/**
 * EPUB package document: a `dc:date` (EPUB 2 marks its kind with `opf:event`: creation or
 * publication before modification), then EPUB 3's `dcterms:modified`.
 */
export function epubPackageDate(opf: string, now = Date.now()): number | undefined {
  const dates: Array<{ event: string; value: number | undefined }> = [];
  for (const m of opf.matchAll(/<dc:date\b([^>]*)>([\s\S]*?)<\/dc:date>/gi)) {
    const event = /event\s*=\s*["']([^"']*)["']/i.exec(m[1] ?? '')?.[1]?.toLowerCase() ?? '';
    dates.push({ event, value: parseIsoDate(m[2]?.replace(/<[^>]*>/g, '')) });
  }
  const rank = (e: string) => (e === 'modification' ? 1 : 0);
  dates.sort((a, b) => rank(a.event) - rank(b.event));
  const modified = /<meta\b[^>]*property\s*=\s*["']dcterms:modified["'][^>]*>([^<]*)</i.exec(opf)?.[1];
  return firstPlausible([...dates.map((d) => d.value), parseIsoDate(modified)], now);
}
