import type { HeatmapAxisItem } from '../../../shared/api/methods/heatmap';

/**
 * One CSV text field, quoted when it holds a separator, a quote or a line break. A field starting
 * with = + - @ (or a tab or carriage return) gets a leading ' so a spreadsheet shows it as text
 * instead of running it as a formula: labels are document titles, which anyone can choose.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The matrix as CSV: a header row with the column labels, then one row per row label. Undefined values
 * (NaN) are empty fields; numbers keep 4 decimals.
 */
export function heatmapCsv(rows: HeatmapAxisItem[], cols: HeatmapAxisItem[], values: Float32Array): string {
  const lines = [['', ...cols.map((c) => c.label)].map(csvField).join(',')];
  rows.forEach((row, i) => {
    const cells = cols.map((_, j) => {
      const v = values[i * cols.length + j] as number;
      return Number.isFinite(v) ? v.toFixed(4) : '';
    });
    lines.push([csvField(row.label), ...cells].join(','));
  });
  return `${lines.join('\n')}\n`;
}

/** Offers a text file for download (a Blob URL: nothing leaves the machine). */
export function downloadText(filename: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a title: letters, digits and dashes. */
export function fileStem(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'heatmap'
  );
}
