import type { DocumentKind, DocumentStatus } from '../../../shared/api/methods/library';
import type { SearchMode } from '../../../shared/api/methods/search';

/*
 * The contract's enumerations, restated for the page. Importing them as values from
 * `shared/api/methods/*` would pull zod (the schemas) into the renderer bundle; the checks below make
 * the typecheck fail if the contract gains or loses a value.
 */
export const documentStatuses = [
  'ok',
  'partial',
  'failed',
  'encrypted',
  'skipped',
  'timeout',
] as const satisfies readonly DocumentStatus[];
export const documentKinds = [
  'pdf',
  'text',
  'markdown',
  'html',
  'docx',
  'image',
  'epub',
  'odt',
  'pptx',
  'xlsx',
  'ods',
] as const satisfies readonly DocumentKind[];
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
export const searchModes = ['hybrid', 'semantic', 'keyword'] as const satisfies readonly SearchMode[];

type Complete<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
const statusesComplete: Complete<DocumentStatus, (typeof documentStatuses)[number]> = true;
const kindsComplete: Complete<DocumentKind, (typeof documentKinds)[number]> = true;
const modesComplete: Complete<SearchMode, (typeof searchModes)[number]> = true;
void [statusesComplete, kindsComplete, modesComplete];
