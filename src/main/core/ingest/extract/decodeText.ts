/**
 * Turns the bytes of a text-like file into a string: encoding detection, binary detection and the
 * character cap. Pure functions over bytes, so they are tested without files or workers.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1' | (string & {});

export type DecodeResult =
  { ok: true; text: string; encoding: TextEncodingName; truncated: boolean } | { ok: false; reason: string };

export interface DecodeOptions {
  /** Characters kept; the rest is dropped and `truncated` set. */
  maxChars: number;
  /** True when `bytes` is only the start of the file (the caller stopped reading): sets `truncated`. */
  partial?: boolean;
  /** An encoding named by the document itself (HTML `<meta charset>`), tried when the bytes are not UTF-8. */
  declaredEncoding?: string;
}

/** Share of control characters above which a "text" file is really binary. */
const MAX_CONTROL_RATIO = 0.05;
/** Characters inspected by the binary check (the start of a file is where binary formats show it). */
const BINARY_SAMPLE_CHARS = 65_536;

/**
 * Decodes text bytes: a BOM wins (UTF-8, UTF-16 LE/BE); otherwise UTF-16 without BOM is recognised by
 * its NUL pattern; otherwise UTF-8 if the bytes are valid UTF-8 (a sequence cut by `partial` at the end
 * is allowed); otherwise the declared encoding if given and known; otherwise Latin-1 (decoded as
 * windows-1252, which is what "latin1" means for text from the web and Windows).
 * Returns `{ok:false, reason:'not text'}` for NUL bytes or a high share of control characters.
 */
export function decodeText(bytes: Uint8Array, options: DecodeOptions): DecodeResult {
  const decoded = decodeWithDetection(bytes, options);
  let { text } = decoded;
  if (looksBinary(text)) return { ok: false, reason: 'not text' };
  let truncated = options.partial ?? false;
  if (text.length > options.maxChars) {
    text = cutAt(text, options.maxChars);
    truncated = true;
  }
  return { ok: true, text, encoding: decoded.encoding, truncated };
}

function decodeWithDetection(
  bytes: Uint8Array,
  options: DecodeOptions,
): { text: string; encoding: TextEncodingName } {
  // `stream: true` keeps a multi-byte character cut by a partial read out of the result instead of
  // turning it into U+FFFD (or, with `fatal`, into an error).
  const stream = options.partial ?? false;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3), { stream }), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2), { stream }), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2), { stream }), encoding: 'utf-16be' };
  }
  const utf16 = guessBomlessUtf16(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes, { stream }), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream }), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: fall through to the declared encoding or Latin-1.
  }
  const declared = options.declaredEncoding?.trim().toLowerCase();
  if (declared && !/^utf-?8$/.test(declared)) {
    try {
      const decoder = new TextDecoder(declared);
      if (decoder.encoding === 'windows-1252') return { text: decodeWindows1252(bytes), encoding: 'latin1' };
      return { text: decoder.decode(bytes, { stream }), encoding: decoder.encoding };
    } catch {
      // Unknown label: Latin-1 below.
    }
  }
  return { text: decodeWindows1252(bytes), encoding: 'latin1' };
}

/**
 * windows-1252 ("latin1" on the web). Node 20's one-shot `TextDecoder('windows-1252').decode()` takes an
 * ISO-8859-1 fast path (0x80-0x9F become C1 controls instead of € “ ” …); the streaming path goes through
 * ICU and is right. Single-byte, so streaming never holds anything back.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes, { stream: true });
}

/**
 * UTF-16 text in a Latin script has a NUL in every other byte. Checked on the first 4 KiB; binary files
 * have NULs too, but not in that strict alternation (and are rejected later by the control-char check).
 */
function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 16) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.7 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.7 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/**
 * Binary data decoded as text shows NULs and C0 control characters (other than tab, newlines, form
 * feed) or, for invalid sequences, U+FFFD. Real text has almost none.
 */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, BINARY_SAMPLE_CHARS);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || c === 0xfffd) {
      control++;
    }
  }
  return control / n > MAX_CONTROL_RATIO;
}

/** Cuts at `max` characters without splitting a surrogate pair. */
export function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
