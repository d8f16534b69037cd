import { describe, expect, it } from 'vitest';
import type { SearchHit, SearchPassage } from '../../../src/shared/api/methods/search';
import {
  citation,
  csvCell,
  exportFileName,
  exportRows,
  resultsToCsv,
} from '../../../src/renderer/src/search/exportResults';

const passage = (page: number, snippet: string): SearchPassage => ({
  chunkId: `c${page}`,
  page,
  headingPath: [],
  text: snippet,
  snippet,
  highlights: [],
  charStart: 0,
  charEnd: snippet.length,
  score: 0.5,
  chunks: 1,
  matched: ['keyword'],
});

const hit = (over: Partial<SearchHit>): SearchHit => ({
  rank: 1,
  score: 0.87654,
  chunkId: 'c1',
  docId: 'd1',
  path: '/docs/tables/booktabs.pdf',
  title: 'Publication quality tables',
  kind: 'pdf',
  page: 3,
  headingPath: [],
  text: 'x',
  snippet: 'Use \\toprule',
  highlights: [],
  charStart: 0,
  charEnd: 1,
  matched: ['keyword'],
  ...over,
});

describe('export of results', () => {
  it('writes one row per passage of a document result, with title, file, page, score, snippet', () => {
    const rows = exportRows([
      hit({ passages: [passage(3, 'Use  \\toprule\nabove'), passage(7, 'no rules')] }),
    ]);
    expect(rows).toEqual([
      {
        rank: 1,
        title: 'Publication quality tables',
        file: '/docs/tables/booktabs.pdf',
        page: 3,
        score: 0.8765,
        snippet: 'Use \\toprule above',
      },
      {
        rank: 1,
        title: 'Publication quality tables',
        file: '/docs/tables/booktabs.pdf',
        page: 7,
        score: 0.8765,
        snippet: 'no rules',
      },
    ]);
  });

  it('guards CSV cells against formula injection and quotes what needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+1 234')).toBe("'+1 234");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('plain, with comma')).toBe('"plain, with comma"');
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(null)).toBe('');
    const csv = resultsToCsv([hit({ title: '=cmd|calc', snippet: '@evil' })]);
    expect(csv.split('\r\n')[0]).toBe('rank,title,file,page,score,snippet');
    expect(csv.split('\r\n')[1]).toBe("1,'=cmd|calc,/docs/tables/booktabs.pdf,3,0.8765,'@evil");
  });

  it('cites title, file and page, and names the file after the query', () => {
    expect(citation(hit({}))).toBe('“Publication quality tables”, booktabs.pdf, p. 3');
    expect(citation(hit({ kind: 'markdown', page: null, title: '' }))).toBe('“booktabs.pdf”, booktabs.pdf');
    expect(exportFileName('Horizontal rules: tables?', 'csv')).toBe('loci-horizontal-rules-tables.csv');
  });
});
