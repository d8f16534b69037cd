import { describe, expect, it } from 'vitest';
import { buildSnippets, type Snippet } from '../../../src/main/core/search/highlightSnippet';

/** The marked substrings, which is what a user sees. */
function marked(s: Snippet): string[] {
  return s.highlights.map(([a, b]) => s.text.slice(a, b));
}

describe('buildSnippets', () => {
  it('marks query terms and their inflections, case-insensitively, with ranges into the snippet', async () => {
    const [s] = await buildSnippets(
      ['Wings of a swept wing generate LIFT; winged craft lifts off.'],
      ['wings lift'],
    );
    expect(s!.text).toBe('Wings of a swept wing generate LIFT; winged craft lifts off.');
    expect(marked(s!)).toEqual(['Wings', 'wing', 'LIFT', 'winged', 'lifts']); // winged stems to wing
    expect(s!.truncatedStart || s!.truncatedEnd).toBe(false);
  });

  it('does not mark stop words or partial words', async () => {
    const [s] = await buildSnippets(['The theory of the wingtip vortex.'], ['the wing']);
    expect(marked(s!)).toEqual([]);
  });

  it('folds accents like the index does', async () => {
    const [s] = await buildSnippets(['A naïve café model.'], ['naive cafe']);
    expect(marked(s!)).toEqual(['naïve', 'café']);
  });

  it('cuts long chunks around the densest cluster of distinct terms, on word boundaries', async () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(30);
    const text = `${filler}boundary layer separation occurs near the trailing edge ${filler}layer`;
    const [s] = await buildSnippets([text], ['boundary layer separation'], 120);
    expect(s!.text.length).toBeLessThanOrEqual(120);
    expect(s!.truncatedStart).toBe(true);
    expect(s!.truncatedEnd).toBe(true);
    expect(marked(s!)).toEqual(['boundary', 'layer', 'separation']);
    expect(text.slice(s!.start, s!.start + s!.text.length)).toBe(s!.text);
    expect(s!.text).not.toMatch(/^\S*[a-z]\S* $/); // no cut word at either end
    expect(/\s/.test(text[s!.start - 1]!)).toBe(true);
    expect(/\s/.test(text[s!.start + s!.text.length]!)).toBe(true);
  });

  it('starts at the beginning when nothing matches (semantic-only hits)', async () => {
    const text = 'First words here. '.repeat(40);
    const [s] = await buildSnippets([text], ['zeppelin'], 100);
    expect(s!.start).toBe(0);
    expect(s!.highlights).toEqual([]);
    expect(s!.text.startsWith('First words here.')).toBe(true);
  });

  it('keeps markup in documents as inert text', async () => {
    const [s] = await buildSnippets(['<b onclick="x()">lift</b> & drag'], ['lift']);
    expect(s!.text).toBe('<b onclick="x()">lift</b> & drag');
    expect(marked(s!)).toEqual(['lift']);
  });

  it('handles several texts and empty input', async () => {
    const out = await buildSnippets(['heat transfer', '', 'no match'], ['heat']);
    expect(out.map(marked)).toEqual([['heat'], [], []]);
    expect(await buildSnippets([], ['x'])).toEqual([]);
  });
});
