import fs from 'node:fs';
import path from 'node:path';
import { makePdf } from './makePdf';

const topics = [
  ['aerodynamics', 'The lift of a wing in a propeller slipstream rises with the angle of attack.'],
  ['astronomy', 'A supernova remnant expands into the interstellar medium for thousands of years.'],
  ['botany', 'Photosynthesis in C4 grasses concentrates carbon dioxide around the enzyme RuBisCO.'],
  ['cooking', 'Caramelised onions need low heat, patience and a pinch of salt to turn sweet.'],
  ['law', 'A contract requires offer, acceptance, consideration and the intention to be bound.'],
  ['music', 'The circle of fifths orders the twelve keys by the number of sharps and flats.'],
] as const;

/**
 * Writes `count` small multi-page PDFs with distinct, topical text into `dir` (for ingest, crash and
 * browser tests). Returns their paths. Document i is about topic i % 6 and names itself on each page.
 */
export function writePdfCorpus(dir: string, count: number, pagesPerDoc = 2): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const [topic, sentence] = topics[i % topics.length]!;
    const pages = Array.from({ length: pagesPerDoc }, (_, p) =>
      [
        `Document ${i} about ${topic}, page ${p + 1}.`,
        sentence,
        `Paragraph ${p + 1} of report ${i} continues the discussion of ${topic} with more detail.`,
        `Keyword marker doc${i}page${p + 1} identifies this page uniquely.`,
      ].join('\n'),
    );
    const file = path.join(dir, `report-${String(i).padStart(3, '0')}-${topic}.pdf`);
    fs.writeFileSync(file, makePdf(pages, { title: `Report ${i}: ${topic}` }));
    files.push(file);
  }
  return files;
}
