/**
 * A spreadsheet opening the CSV must never run a cell as a formula: text starting with = + - @ (or a
 * tab / carriage return, which some spreadsheets skip before looking) gets a leading apostrophe
 * (OWASP's CSV injection advice). Numbers are written as numbers and are never prefixed.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** A CSV text from a header and rows (CRLF line ends, as spreadsheets expect). */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
): string {
  const lines = rows.map((row) => row.map(csvCell).join(','));
  return `${[header.map(csvCell).join(','), ...lines].join('\r\n')}\r\n`;
}

/** Saves a text as a file through the browser's download (a Blob URL: nothing leaves the machine). */
export function downloadText(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
