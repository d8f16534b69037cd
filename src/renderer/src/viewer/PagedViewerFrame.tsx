import type { ReactNode } from 'react';
import type { PagedView } from './usePagedView';
import { ViewerToolbar } from './ViewerToolbar';

/**
 * A paged viewer's frame: the toolbar (pages, zoom), what went wrong or "Opening…", and the scroller
 * holding the page box. `data-rendered-page` and `data-marks` say what was last drawn (tests wait on them).
 */
export function PagedViewerFrame({
  view,
  className,
  testId,
  opened,
  error,
  cannotShow,
  rendered,
}: {
  view: PagedView;
  className: string;
  testId: string;
  /** The document is open (its pages known). */
  opened: boolean;
  error: string | null;
  /** Leads the error message: "Could not show this PDF". */
  cannotShow: string;
  rendered: { page: number; marks: number } | null;
}): ReactNode {
  const { page, toolbar } = view;
  return (
    <div
      ref={view.root}
      className={className}
      data-testid={testId}
      data-page={page}
      data-rendered-page={rendered?.page ?? ''}
      data-marks={rendered?.marks ?? ''}
    >
      <ViewerToolbar
        page={page}
        pages={toolbar.pages}
        onPage={view.go}
        zoom={view.zoom}
        shownScale={toolbar.shownScale}
        onZoom={toolbar.onZoom}
      />
      {error && (
        <p role="alert" className="error-text viewer-message">
          {cannotShow}: {error}
        </p>
      )}
      {!opened && !error && (
        <p className="muted viewer-message" aria-busy="true">
          Opening…
        </p>
      )}
      <div
        className="pdf-scroller"
        ref={view.scroller}
        tabIndex={0}
        aria-label={`Page ${page} of ${toolbar.pages}`}
      >
        <div className="pdf-page" ref={view.pageBox} />
      </div>
    </div>
  );
}
