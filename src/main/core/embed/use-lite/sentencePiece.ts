/**
 * SentencePiece unigram tokenizer for Universal Sentence Encoder Lite, id-for-id compatible with the
 * reference `Tokenizer` of `@tensorflow-models/universal-sentence-encoder` (a port of SentencePiece's
 * `EncodeAsIds`), including its quirks:
 *
 * - Normalisation is NFKC; every ASCII space becomes '▁' and one '▁' is prepended (nothing else: no
 *   whitespace collapsing, tabs and newlines stay as they are). Text that normalises to '' has no tokens.
 * - Viterbi over the scored pieces. A position where no piece starts gets a one-character unknown
 *   piece (id 0) with score 0; consecutive unknowns are merged into one id 0.
 * - A best score of exactly 0 means "not set yet" (so the next candidate always replaces it), and ties
 *   go to the later candidate (the shorter piece). Both change ids in rare cases and are kept on purpose.
 *
 * One deliberate difference: the reference walks UTF-16 code units, so an astral-plane character (emoji,
 * CJK extension ideographs) is two "characters" to it, and the lattice position between the two halves
 * is one no piece ends at. Its best score stays 0, which the reference also reads as "unset", so the lone
 * low surrogate becomes an unknown edge with score 0 that beats every real piece: on a vocabulary with
 * astral pieces the reference loses them (and neighbouring pieces). This tokenizer walks code points.
 * With the USE vocabulary the ids agree: it has no astral pieces, so each high surrogate gets its own
 * unknown edge and the two unknown halves merge into one id 0, exactly like our one unknown code point.
 * The tests check that agreement on 2,000+ strings and pin our behaviour on a vocabulary with astral pieces.
 *
 * Lookups use a code-point trie, so a 10,000-character text encodes in a few milliseconds (the reference
 * copies the rest of the input at every position and is quadratic).
 */
import { readFile } from 'node:fs/promises';

/** vocab.json: `[piece, score]` pairs; the index is the token id. */
export type SentencePieceVocabulary = readonly (readonly [string, number])[];

/** The reference reserves ids 0-5 (unk, <s>, </s>, three extra ids); they are never matched as pieces. */
export const USE_RESERVED_SYMBOLS = 6;
export const UNKNOWN_ID = 0;
const WORD_START = '\u2581';

/** A trie over code points: `children[node]` maps a code point to a child node; `piece[node]` is a token id or -1. */
class CodePointTrie {
  private readonly children: Map<number, number>[] = [new Map()];
  private readonly piece: number[] = [-1];

  insert(text: string, id: number): void {
    let node = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let next = this.children[node]!.get(cp);
      if (next === undefined) {
        next = this.children.length;
        this.children.push(new Map());
        this.piece.push(-1);
        this.children[node]!.set(cp, next);
      }
      node = next;
    }
    this.piece[node] = id;
  }

  /** Calls `found(id, length)` for every piece that is a prefix of `cps[start..]`, shortest first. */
  prefixes(cps: Uint32Array, start: number, found: (id: number, length: number) => void): void {
    let node = 0;
    for (let i = start; i < cps.length; i++) {
      const next = this.children[node]!.get(cps[i]!);
      if (next === undefined) return;
      node = next;
      const id = this.piece[node]!;
      if (id >= 0) found(id, i - start + 1);
    }
  }
}

/** Code points of `text`; lone surrogates are kept as their own (unknown) units. */
function codePoints(text: string): Uint32Array {
  const out = new Uint32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    out[n++] = cp;
    if (cp > 0xffff) i++;
  }
  return out.subarray(0, n);
}

export class SentencePieceTokenizer {
  private readonly trie = new CodePointTrie();
  private readonly scores: Float64Array;
  /** Length of each piece in code points (the backward pass steps back by it). */
  private readonly lengths: Int32Array;

  constructor(
    private readonly vocabulary: SentencePieceVocabulary,
    reservedSymbols = USE_RESERVED_SYMBOLS,
  ) {
    this.scores = new Float64Array(vocabulary.length);
    this.lengths = new Int32Array(vocabulary.length);
    vocabulary.forEach(([piece, score], id) => {
      this.scores[id] = score;
      this.lengths[id] = [...piece].length;
      if (id >= reservedSymbols) this.trie.insert(piece, id);
    });
    // The unknown piece always spans one character, whatever its vocabulary text.
    this.lengths[UNKNOWN_ID] = 1;
  }

  /** Reads a vocab.json file of `[piece, score]` pairs. */
  static async fromFile(file: string): Promise<SentencePieceTokenizer> {
    return new SentencePieceTokenizer(JSON.parse(await readFile(file, 'utf8')) as SentencePieceVocabulary);
  }

  /** Number of ids (the model's embedding table has at least this many rows). */
  get size(): number {
    return this.vocabulary.length;
  }

  /** The piece text of an id (for debugging and tests). */
  piece(id: number): string {
    return this.vocabulary[id]?.[0] ?? '';
  }

  /** Token ids of `text`. */
  encode(text: string): number[] {
    const normalized = text.normalize('NFKC');
    if (normalized.length === 0) return [];
    const cps = codePoints(WORD_START + normalized.replaceAll(' ', WORD_START));
    const n = cps.length;
    // best[i]: score of the best segmentation of cps[0..i); words[i]: last piece of it.
    const best = new Float64Array(n + 1);
    const words = new Int32Array(n + 1);
    for (let start = 0; start < n; start++) {
      const base = best[start]!;
      let matched = false;
      this.trie.prefixes(cps, start, (id, length) => {
        matched = true;
        relax(start + length, this.scores[id]! + base, id);
      });
      if (!matched) relax(start + 1, base, UNKNOWN_ID);
    }
    // Same acceptance rule as the reference: 0 doubles as "unset", ties go to the later candidate.
    function relax(end: number, score: number, id: number): void {
      if (best[end] === 0 || score >= best[end]!) {
        best[end] = score;
        words[end] = id;
      }
    }
    const reversed: number[] = [];
    for (let i = n; i > 0; i -= this.lengths[words[i]!]!) reversed.push(words[i]!);
    const ids: number[] = [];
    for (let i = reversed.length - 1; i >= 0; i--) {
      const id = reversed[i]!;
      if (id === UNKNOWN_ID && ids.length > 0 && ids[ids.length - 1] === UNKNOWN_ID) continue;
      ids.push(id);
    }
    return ids;
  }
}
