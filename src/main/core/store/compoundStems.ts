import type { Table } from '@lancedb/lancedb';
import { STEMS_COLUMN } from './chunkStems';
import { scanBatches } from './arrowColumns';
import { lowerBound } from '../math/lowerBound';

/**
 * Compound words in German, Dutch and Swedish: `Versicherung` should find `Krankenversicherungen`,
 * `Haus` `Rathäuser`, `verzekering` `ziektekostenverzekering`. These languages write compounds as one
 * word whose last part is the head (a Krankenversicherung is a Versicherung), so a query word matches
 * the compounds that END with it. Dictionary-free: the compounds are looked up in the library's own
 * vocabulary, the language-tagged stems of its `stems` column (chunkStems.ts), so no word list ships
 * and any compound the documents use is found. Only heads: `Versicherungsbeitrag` (an insurance
 * premium, not an insurance) is not a match for `Versicherung`.
 */
export const COMPOUND_LANGUAGES: ReadonlySet<string> = new Set(['de', 'nl', 'sv']);
/** Shortest query stem that finds compounds ("haus", not "ei" or "tor"). */
export const MIN_HEAD_CHARS = 4;
/** Shortest first part of a compound: "ab" + "fahrt" is a prefixed verb form, not a compound. */
export const MIN_MODIFIER_CHARS = 3;
/** Most compounds one query stem expands to (the most widespread first). */
export const MAX_COMPOUNDS = 30;

/** Whether `stem` is a compound whose head is `head` (both untagged stems of one language). */
export function isCompoundOf(stem: string, head: string): boolean {
  return (
    head.length >= MIN_HEAD_CHARS && stem.length >= head.length + MIN_MODIFIER_CHARS && stem.endsWith(head)
  );
}

/** Language-tagged stems (`de_krankenversicher`) of compounding languages, looked up by their end. */
export class StemVocabulary {
  /** Per language tag: the stems reversed and sorted, so the stems ending with X are one range. */
  private readonly reversed = new Map<string, string[]>();
  /** How many chunks hold each tagged stem (the widest-spread compounds are kept first). */
  private readonly counts: ReadonlyMap<string, number>;

  constructor(counts: ReadonlyMap<string, number>) {
    this.counts = counts;
    for (const tagged of counts.keys()) {
      const at = tagged.indexOf('_');
      const language = tagged.slice(0, at);
      let list = this.reversed.get(language);
      if (!list) this.reversed.set(language, (list = []));
      list.push(reverse(tagged.slice(at + 1)));
    }
    for (const list of this.reversed.values()) list.sort();
  }

  get size(): number {
    return this.counts.size;
  }

  /** The library's compounds whose head is `tagged` (`de_versicher` -> `de_krankenversicher`, ...). */
  compoundsOf(tagged: string): string[] {
    const at = tagged.indexOf('_');
    const language = tagged.slice(0, at);
    const head = tagged.slice(at + 1);
    const list = this.reversed.get(language);
    if (!list || !COMPOUND_LANGUAGES.has(language) || head.length < MIN_HEAD_CHARS) return [];
    const key = reverse(head);
    const found: string[] = [];
    for (let i = lowerBound(list, key); i < list.length && list[i]!.startsWith(key); i++) {
      const stem = reverse(list[i]!);
      if (isCompoundOf(stem, head)) found.push(`${language}_${stem}`);
    }
    found.sort((a, b) => (this.counts.get(b) ?? 0) - (this.counts.get(a) ?? 0) || (a < b ? -1 : 1));
    return found.slice(0, MAX_COMPOUNDS);
  }
}

/** Reads the vocabulary of compounding languages from the chunks' `stems` column. */
export async function readStemVocabulary(chunks: Table): Promise<StemVocabulary> {
  const counts = new Map<string, number>();
  const tags = [...COMPOUND_LANGUAGES].map((l) => `${l}_`);
  for await (const batch of scanBatches(chunks, [STEMS_COLUMN], `${STEMS_COLUMN} != ''`)) {
    const column = batch.getChild(STEMS_COLUMN);
    if (!column) continue;
    for (let i = 0; i < batch.numRows; i++) {
      const value = column.get(i) as string | null;
      if (!value || !tags.some((t) => value.startsWith(t))) continue;
      for (const token of new Set(value.split(' '))) {
        if (token.length - 3 >= MIN_HEAD_CHARS + MIN_MODIFIER_CHARS && tags.some((t) => token.startsWith(t)))
          counts.set(token, (counts.get(token) ?? 0) + 1);
      }
    }
  }
  return new StemVocabulary(counts);
}

/**
 * The vocabulary of a chunks table, read once per table version. While a newer version is read,
 * callers get the previous one: during an ingest the version moves with every batch, and a search
 * must not wait for a scan each time. A failed read leaves keyword search without compounds (the next
 * call tries again).
 */
export class StemVocabularyCache {
  private current: { version: number; value: StemVocabulary } | null = null;
  private loading: Promise<void> | null = null;

  /** `chunks` gives the table each time, so a reopened table is the one read. */
  constructor(private readonly chunks: () => Table) {}

  async get(): Promise<StemVocabulary> {
    const chunks = this.chunks();
    const version = await chunks.version();
    if (this.current?.version === version) return this.current.value;
    const loading = (this.loading ??= (async () => {
      try {
        this.current = { version, value: await readStemVocabulary(chunks) };
      } finally {
        this.loading = null;
      }
    })());
    if (this.current) {
      loading.catch(() => {});
      return this.current.value;
    }
    await loading.catch(() => {});
    return (this.current as { value: StemVocabulary } | null)?.value ?? new StemVocabulary(new Map());
  }
}

function reverse(s: string): string {
  return [...s].reverse().join('');
}
