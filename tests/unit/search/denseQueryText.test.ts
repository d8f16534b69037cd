import { describe, expect, it } from 'vitest';
import { denseQueryText } from '../../../src/main/core/search/denseQueryText';

describe('denseQueryText (what semantic mode embeds)', () => {
  it('drops English function words and keeps the content words as typed', () => {
    expect(denseQueryText('how do I make tables with nice horizontal rules and no vertical lines')).toBe(
      'make tables nice horizontal rules no vertical lines',
    );
    expect(denseQueryText('What similarity laws must be obeyed when constructing aeroelastic models?')).toBe(
      'similarity laws must obeyed constructing aeroelastic models?',
    );
    // A punctuation-only token (Cranfield's queries end with " .") goes too.
    expect(denseQueryText('the boundary layer of a wing .')).toBe('boundary layer wing');
  });

  it('keeps a query with no function word, or nothing but function words, unchanged', () => {
    expect(denseQueryText('photovoltaic rooftop panels')).toBe('photovoltaic rooftop panels');
    expect(denseQueryText('how can it be')).toBe('how can it be');
  });

  it('keeps negations and words of other languages', () => {
    expect(denseQueryText('tables without vertical lines')).toBe('tables without vertical lines');
    expect(denseQueryText('die Häuser der Altstadt')).toBe('die Häuser der Altstadt');
  });
});
