/** A [start, end) range inside one text-layer item (span). */
export interface ItemRange {
  item: number;
  start: number;
  end: number;
}

// Whitespace and hyphens are ignored when matching: the text layer splits lines into items and may
// keep hyphenation that the extractor joined, so only the letters are compared.
const ignored = /[\s\u00ad\u2010\u2011-]/;

function buildKey(items: readonly string[]) {
  let key = '';
  const map: Array<[number, number]> = [];
  items.forEach((text, item) => {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ignored.test(ch)) continue;
      for (const lower of ch.toLowerCase()) {
        key += lower;
        map.push([item, i]);
      }
    }
  });
  return { key, map };
}

function normalise(text: string): string {
  let out = '';
  for (const ch of text) if (!ignored.test(ch)) out += ch.toLowerCase();
  return out;
}

/**
 * Finds `target` (a chunk's text) in the text layer's items and returns the item ranges it covers.
 * Matching ignores whitespace, hyphens and case. When the whole text is not found (the extractor and
 * the text layer differ somewhere), ever shorter prefixes and then suffixes are tried, so at least the
 * start or the end of the passage is marked. Returns null when nothing usable matches.
 */
export function locateInItems(items: readonly string[], target: string, minChars = 12): ItemRange[] | null {
  const { key, map } = buildKey(items);
  const needle = normalise(target);
  if (!needle || !key) return null;
  let found: [number, number] | null = null;
  const at = key.indexOf(needle);
  if (at >= 0) found = [at, at + needle.length];
  for (
    let len = Math.floor(needle.length / 2);
    !found && len >= Math.min(minChars, needle.length);
    len = Math.floor(len / 2)
  ) {
    const prefix = key.indexOf(needle.slice(0, len));
    if (prefix >= 0) found = [prefix, prefix + len];
    else {
      const suffix = key.indexOf(needle.slice(needle.length - len));
      if (suffix >= 0) found = [suffix, suffix + len];
    }
  }
  if (!found) return null;
  const [first, last] = [map[found[0]]!, map[found[1] - 1]!];
  const ranges: ItemRange[] = [];
  for (let item = first[0]; item <= last[0]; item++) {
    const start = item === first[0] ? first[1] : 0;
    const end = item === last[0] ? last[1] + 1 : items[item]!.length;
    if (end > start) ranges.push({ item, start, end });
  }
  return ranges;
}

/**
 * Marks `target` in a rendered pdf.js text layer: each covered span's text is split into text nodes
 * and a <mark class="hit">, which keeps the span's position and scaling intact. Returns the marks.
 */
export function highlightTextLayer(spans: readonly HTMLElement[], target: string): HTMLElement[] {
  const items = spans.map((s) => s.textContent ?? '');
  const ranges = locateInItems(items, target);
  if (!ranges) return [];
  const marks: HTMLElement[] = [];
  for (const { item, start, end } of ranges) {
    const span = spans[item]!;
    const text = items[item]!;
    const mark = document.createElement('mark');
    mark.className = 'hit';
    mark.textContent = text.slice(start, end);
    span.replaceChildren(
      document.createTextNode(text.slice(0, start)),
      mark,
      document.createTextNode(text.slice(end)),
    );
    marks.push(mark);
  }
  return marks;
}
