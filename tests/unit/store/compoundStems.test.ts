import { describe, expect, it } from 'vitest';
import { isCompoundOf, MAX_COMPOUNDS, StemVocabulary } from '../../../src/main/core/store/compoundStems';

const vocabulary = (entries: Record<string, number>) => new StemVocabulary(new Map(Object.entries(entries)));

describe('compound stems (German, Dutch, Swedish)', () => {
  it('finds the compounds ending with a stem, in its language only, most widespread first', () => {
    const v = vocabulary({
      de_krankenversicher: 2,
      de_sozialversicher: 5,
      de_versicherungsbeitrag: 9,
      de_versicher: 3,
      nl_autoversicher: 1,
      fr_assurancemaladie: 4,
    });
    expect(v.compoundsOf('de_versicher')).toEqual(['de_sozialversicher', 'de_krankenversicher']);
    expect(v.compoundsOf('nl_versicher')).toEqual(['nl_autoversicher']);
    // French writes no such compounds; stems that are too short find nothing.
    expect(v.compoundsOf('fr_maladie')).toEqual([]);
    expect(vocabulary({ de_rathaus: 1, de_tor: 1, de_stadttor: 1 }).compoundsOf('de_tor')).toEqual([]);
  });

  it('needs a first part of three letters or more, and caps the list', () => {
    expect(isCompoundOf('rathaus', 'haus')).toBe(true);
    expect(isCompoundOf('aushaus', 'haus')).toBe(true);
    expect(isCompoundOf('abhaus', 'haus')).toBe(false);
    expect(isCompoundOf('haus', 'haus')).toBe(false);
    const many: Record<string, number> = {};
    for (let i = 0; i < 50; i++) many[`de_${'x'.repeat(3)}${String(i).padStart(2, '0')}haus`] = i;
    const found = vocabulary(many).compoundsOf('de_haus');
    expect(found).toHaveLength(MAX_COMPOUNDS);
    expect(found[0]).toBe('de_xxx49haus');
  });
});
