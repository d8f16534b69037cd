import mammoth from 'mammoth';
import { htmlToText } from './htmlToText';
import type { SectionedText } from './sectionedText';

/**
 * DOCX through mammoth's HTML conversion (not `extractRawText`), because the HTML keeps Word's heading
 * styles as `<h1>`..`<h6>`, which become the sections' heading paths. Images are replaced by empty
 * `<img>` tags instead of base64 data URIs (those would cost memory and carry no text), and linked
 * external files are never opened.
 */
export async function extractDocx(buffer: Buffer, maxChars: number): Promise<SectionedText> {
  const { value: html } = await mammoth.convertToHtml(
    { buffer },
    {
      externalFileAccess: false,
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      // Word's "Title" style is the document's title: treat it as the top heading.
      styleMap: ["p[style-name='Title'] => h1:fresh"],
    },
  );
  return htmlToText(html, maxChars);
}
