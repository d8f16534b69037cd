import type { DocumentKind } from '../../../shared/api/methods/library';

// The contract's own lists (enumerations.ts holds no zod, so the schemas stay out of the bundle).
export { documentKinds, documentStatuses, searchModes } from '../../../shared/api/enumerations';

/** How each kind is named on screen. */
export const kindLabels: Record<DocumentKind, string> = {
  pdf: 'PDF',
  text: 'Text',
  markdown: 'Markdown',
  html: 'HTML',
  docx: 'Word',
  image: 'Image',
  epub: 'EPUB',
  odt: 'OpenDocument text',
  pptx: 'PowerPoint',
  xlsx: 'Excel',
  ods: 'OpenDocument sheet',
};
/** How a hit's page is cited: real pages (PDF, image pages) as "p.", sections, slides and sheets as "§". */
export function pageMark(kind: DocumentKind): string {
  return kind === 'pdf' || kind === 'image' ? 'p.' : '§';
}
