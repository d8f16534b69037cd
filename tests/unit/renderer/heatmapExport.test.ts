import { describe, expect, it } from 'vitest';
import { csvField, heatmapCsv } from '../../../src/renderer/src/heatmap/heatmapExport';

describe('heatmap CSV export', () => {
  it('neutralises labels a spreadsheet would run as formulas (= + - @, tab, CR)', () => {
    expect(csvField('=HYPERLINK("http://x","click")')).toBe(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(csvField('+1+2')).toBe("'+1+2");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('Plain title, with comma')).toBe('"Plain title, with comma"');
    expect(csvField('a = b')).toBe('a = b');
  });

  it('keeps numbers (negative ones too) as numbers and guards the labels', () => {
    const item = (id: string, label: string) => ({ id, label });
    const csv = heatmapCsv(
      [item('a', '=cmd|calc'), item('b', 'Paper B')],
      [item('a', '=cmd|calc'), item('b', 'Paper B')],
      Float32Array.from([1, -0.25, -0.25, Number.NaN]),
    );
    expect(csv).toBe(",'=cmd|calc,Paper B\n'=cmd|calc,1.0000,-0.2500\nPaper B,-0.2500,\n");
  });
});
