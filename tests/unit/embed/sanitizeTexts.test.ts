import { describe, expect, it } from 'vitest';
import { charCapFor, sanitizeText, sanitizeTexts } from '../../../src/main/core/embed/sanitizeTexts';

describe('sanitizeTexts', () => {
  it('replaces NUL with a space and lone surrogates with U+FFFD, keeping valid pairs', () => {
    expect(sanitizeText('a\u0000b', 100).text).toBe('a b');
    expect(sanitizeText('x\uD800y\uDC00z', 100).text).toBe('x\uFFFDy\uFFFDz');
    expect(sanitizeText('smile \uD83D\uDE00', 100).text).toBe('smile \uD83D\uDE00');
  });

  it('cuts at the char cap without splitting a surrogate pair, and says whether content was lost', () => {
    const s = sanitizeText('abc\uD83D\uDE00def', 4);
    expect(s).toEqual({ text: 'abc', cut: true });
    expect(sanitizeText('abcd      ', 4)).toEqual({ text: 'abcd', cut: false });
    expect(charCapFor(512)).toBe(32_768);
    expect(charCapFor(128)).toBe(16_384);
  });

  it('rejects non-strings with INVALID_INPUT naming the index', () => {
    expect(() => sanitizeTexts(['ok', { text: 'no' }], 10)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: 'text 1 is object, expected a string' }),
    );
    expect(() => sanitizeTexts('ok', 10)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
