import { useEffect, useRef } from 'react';
import type { PageText } from '../../../shared/api/methods/documents';
import { HighlightedText } from '../components/HighlightedText';

/**
 * Every document but PDFs (text, Markdown, HTML, Word, EPUB, ODT, PPTX slides, XLSX/ODS sheets as
 * text tables) as plain text built from `document.pages`: headings from each
 * section's heading path, the text as text (an HTML file's markup is never rendered), and the hit's
 * character range marked and scrolled into view.
 */
export function ReaderView({
  pages,
  hit,
  openedAt,
}: {
  pages: PageText[];
  hit: { page: number; start: number; end: number } | null;
  openedAt: number;
}) {
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const mark = root.current?.querySelector('mark.hit');
    if (mark) mark.scrollIntoView({ block: 'center' });
    else root.current?.scrollTo({ top: 0 });
  }, [openedAt, pages]);

  if (pages.length === 0) return <p className="muted viewer-message">This document has no text.</p>;
  return (
    <div className="reader" ref={root} tabIndex={0} aria-label="Document text" data-testid="reader-view">
      {pages.map((p, i) => {
        const heading = p.headingPath.join(' › ');
        const previous = pages[i - 1]?.headingPath.join(' › ');
        return (
          <section
            key={p.page}
            aria-label={`Section ${p.page}`}
            data-page={p.page}
            className="reader-section"
          >
            {heading && heading !== previous && <h3 className="reader-heading">{heading}</h3>}
            <div className="reader-text">
              <HighlightedText
                text={p.text}
                ranges={hit && hit.page === p.page ? [[hit.start, hit.end]] : []}
                markClassName="hit"
              />
            </div>
          </section>
        );
      })}
    </div>
  );
}
