import { unescapeXml } from './zipArchive';

/**
 * How an XLSX number cell reads as text. A workbook stores dates as day serials and percentages as
 * fractions; only the cell's number format (`xl/styles.xml`) says which, so each style index is
 * classified once from its format: built-in ids, or the format code of a custom one.
 */
export type NumberStyle = 'number' | 'date' | 'time' | 'datetime' | 'percent';

/** Built-in number format ids (ECMA-376 18.8.30) that are dates, times or percentages. */
const BUILTIN: ReadonlyMap<number, NumberStyle> = new Map<number, NumberStyle>([
  [9, 'percent'],
  [10, 'percent'],
  ...[14, 15, 16, 17, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58].map(
    (id) => [id, 'date'] as [number, NumberStyle],
  ),
  ...[18, 19, 20, 21, 45, 46, 47, 32, 33, 55, 56].map((id) => [id, 'time'] as [number, NumberStyle]),
  [22, 'datetime'],
]);

/** Classifies a custom format code: quoted text, escapes and `[Red]`-style brackets do not count. */
export function styleOfFormatCode(code: string): NumberStyle {
  const bare = code
    .split(';')[0]!
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
  // `m` alone (`mmm yyyy`, `mm/dd`) is a month; next to `h` or `s` it is minutes, which `[hs]` covers.
  const hasTime = /[hs]|am\/pm|a\/p/i.test(bare);
  if (/[dy]/i.test(bare)) return hasTime ? 'datetime' : 'date';
  if (hasTime) return 'time';
  if (/m/i.test(bare)) return 'date';
  if (bare.includes('%')) return 'percent';
  return 'number';
}

/** The style of every cell format (`cellXfs` index, the `s` attribute of a cell). */
export function readCellStyles(stylesXml: string | undefined): NumberStyle[] {
  if (!stylesXml) return [];
  const custom = new Map<number, NumberStyle>();
  for (const tag of stylesXml.match(/<(?:\w+:)?numFmt\b[^>]*>/g) ?? []) {
    const id = Number(/numFmtId\s*=\s*"(\d+)"/.exec(tag)?.[1]);
    const code = /formatCode\s*=\s*"([^"]*)"/.exec(tag)?.[1];
    if (Number.isFinite(id) && code !== undefined) custom.set(id, styleOfFormatCode(unescapeXml(code)));
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(stylesXml)?.[1] ?? '';
  return (xfs.match(/<(?:\w+:)?xf\b[^>]*>/g) ?? []).map((tag) => {
    const id = Number(/numFmtId\s*=\s*"(\d+)"/.exec(tag)?.[1] ?? 0);
    return custom.get(id) ?? BUILTIN.get(id) ?? 'number';
  });
}

const DAY_MS = 86_400_000;

/**
 * A number cell's value as text: dates as ISO `YYYY-MM-DD` (with `HH:MM` when there is a time of day),
 * percentages as `12.5%`, other numbers with at most 15 significant digits (Excel's own precision, so
 * binary noise such as `0.30000000000000004` does not show).
 */
export function formatNumber(raw: string, style: NumberStyle, date1904: boolean): string {
  const value = Number(raw);
  if (!Number.isFinite(value)) return raw;
  if (style === 'percent') return `${plain(value * 100)}%`;
  if (style === 'number' || value < 0) return plain(value);
  // Day 0 is 1899-12-30 (which absorbs Lotus 1-2-3's phantom 1900-02-29 for every later date), or
  // 1904-01-01 in the Mac epoch.
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const stamp = new Date(epoch + Math.round((value * DAY_MS) / 1000) * 1000);
  const day = stamp.toISOString().slice(0, 10);
  const seconds = stamp.getUTCSeconds();
  const clock = stamp.toISOString().slice(11, seconds ? 19 : 16);
  if (style === 'time' && value < 1) return clock;
  if (style === 'date' || (Number.isInteger(value) && style !== 'time')) return day;
  return `${day} ${clock}`;
}

function plain(value: number): string {
  return String(Number(value.toPrecision(15)));
}
