import fs from 'node:fs';
import path from 'node:path';
import { makePdf } from './makePdf';

/**
 * A generated near-duplicate set with a known answer: distinct documents on ONE topic (same
 * vocabulary, different sentences: the hard case for vectors) plus near-copies of some of them:
 * the PDF with a page dropped, the same text as .txt, or the text with OCR-like noise. Seeded, so every
 * run writes the same files. `truePairs` lists the file-name pairs that are copies of each other.
 */
export interface DuplicateCorpus {
  files: string[];
  /** Pairs of base names (sorted within each pair) that are copies of one document. */
  truePairs: Array<[string, string]>;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const vocabulary = {
  adj: [
    'wide',
    'narrow',
    'ruled',
    'aligned',
    'numeric',
    'nested',
    'floating',
    'long',
    'multi-page',
    'coloured',
    'compact',
    'centred',
    'decimal',
    'bold',
    'vertical',
    'horizontal',
    'spanning',
    'fixed',
  ],
  noun: [
    'table',
    'column',
    'row',
    'cell',
    'rule',
    'caption',
    'header',
    'footnote',
    'package',
    'float',
    'separator',
    'width',
    'border',
    'entry',
    'layout',
    'command',
    'environment',
    'spacing',
    'grid',
    'label',
  ],
  verb: [
    'aligns',
    'spans',
    'separates',
    'stretches',
    'defines',
    'places',
    'breaks',
    'repeats',
    'numbers',
    'shades',
    'centres',
    'shrinks',
    'formats',
    'adjusts',
    'extends',
    'wraps',
  ],
  prep: ['across', 'inside', 'below', 'above', 'beside', 'within', 'after', 'before', 'along', 'under'],
  opener: [
    'In practice',
    'By default',
    'For long documents',
    'In most classes',
    'With this option',
    'Unlike the standard setup',
    'When in doubt',
    'As a rule',
  ],
};

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)] as T;
}

/** One sentence about tables, from the shared vocabulary. */
function sentence(random: () => number): string {
  const v = vocabulary;
  const body =
    `the ${pick(v.adj, random)} ${pick(v.noun, random)} ${pick(v.verb, random)} the ` +
    `${pick(v.noun, random)} ${pick(v.prep, random)} each ${pick(v.adj, random)} ${pick(v.noun, random)}`;
  return random() < 0.4
    ? `${pick(v.opener, random)}, ${body}.`
    : `${body[0]!.toUpperCase()}${body.slice(1)}.`;
}

/** A document: `pages` pages of `perPage` sentences. */
function documentPages(random: () => number, pages: number, perPage: number): string[] {
  return Array.from({ length: pages }, () =>
    Array.from({ length: perPage }, () => sentence(random)).join(' '),
  );
}

/** OCR-like noise: look-alike characters, dropped letters, split words, at about `rate` per letter. */
export function ocrNoise(text: string, rate: number, random: () => number): string {
  const swaps: Record<string, string> = {
    l: '1',
    O: '0',
    o: '0',
    m: 'rn',
    e: 'c',
    i: 'l',
    S: '5',
    B: '8',
    h: 'b',
  };
  let out = '';
  for (const ch of text) {
    if (/\p{L}/u.test(ch) && random() < rate) {
      const r = random();
      if (r < 0.5 && swaps[ch]) out += swaps[ch];
      else if (r < 0.75)
        continue; // a dropped letter
      else out += `${ch} `; // a word split in two
    } else out += ch;
  }
  return out;
}

/**
 * Writes `distinct` documents (PDF, `pages` pages each) and one near-copy for each of the first
 * `copies` of them, the kind rotating: a PDF with one page dropped, the text as .txt, the text as .txt
 * with OCR noise, a PDF with a page dropped and OCR noise.
 */
export function writeDuplicateCorpus(
  dir: string,
  options: {
    distinct: number;
    copies: number;
    pages?: number;
    perPage?: number;
    noise?: number;
    seed?: number;
  },
): DuplicateCorpus {
  const { distinct, copies, pages = 4, perPage = 8, noise = 0.03, seed = 11 } = options;
  fs.mkdirSync(dir, { recursive: true });
  const random = seeded(seed);
  const files: string[] = [];
  const truePairs: Array<[string, string]> = [];
  for (let i = 0; i < distinct; i++) {
    const id = String(i + 1).padStart(3, '0');
    const text = documentPages(random, pages, perPage);
    const name = `tables-${id}.pdf`;
    fs.writeFileSync(path.join(dir, name), makePdf(text, { title: `Notes on tables ${id}` }));
    files.push(name);
    if (i >= copies) continue;
    const dropped = text.filter((_, p) => p !== 1 + (i % (pages - 1)));
    let copy: string;
    switch (i % 4) {
      case 0:
        copy = `tables-${id}-short.pdf`;
        fs.writeFileSync(path.join(dir, copy), makePdf(dropped, { title: `Notes on tables ${id}` }));
        break;
      case 1:
        copy = `tables-${id}.txt`;
        fs.writeFileSync(path.join(dir, copy), text.join('\n\n'));
        break;
      case 2:
        copy = `tables-${id}-scan.txt`;
        fs.writeFileSync(path.join(dir, copy), ocrNoise(text.join('\n\n'), noise, random));
        break;
      default:
        copy = `tables-${id}-scan.pdf`;
        fs.writeFileSync(path.join(dir, copy), makePdf(dropped.map((p) => ocrNoise(p, noise, random))));
        break;
    }
    files.push(copy);
    truePairs.push([name, copy].sort() as [string, string]);
  }
  return { files, truePairs };
}

/** Precision and recall of reported pairs (base names) against the true pairs. */
export function pairScores(
  reported: ReadonlyArray<readonly [string, string]>,
  truth: ReadonlyArray<readonly [string, string]>,
): { precision: number; recall: number; found: number; reported: number; truth: number } {
  const key = (p: readonly [string, string]) => [...p].sort().join('\n');
  const truthKeys = new Set(truth.map(key));
  const reportedKeys = new Set(reported.map(key));
  let found = 0;
  for (const k of reportedKeys) if (truthKeys.has(k)) found++;
  return {
    precision: reportedKeys.size === 0 ? 1 : found / reportedKeys.size,
    recall: truthKeys.size === 0 ? 1 : found / truthKeys.size,
    found,
    reported: reportedKeys.size,
    truth: truthKeys.size,
  };
}
