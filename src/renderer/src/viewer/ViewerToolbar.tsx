import { useState } from 'react';

export type Zoom = 'fit' | number;

const steps = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 3, 4];

/** Page navigation (buttons and a page field) and zoom (in, out, fit width) for the PDF and image viewers. */
export function ViewerToolbar({
  page,
  pages,
  onPage,
  zoom,
  shownScale,
  onZoom,
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
  zoom: Zoom;
  shownScale: number;
  onZoom: (zoom: Zoom) => void;
}) {
  const [typed, setTyped] = useState<string | null>(null);
  const current = zoom === 'fit' ? shownScale : zoom;
  const zoomIn = steps.find((s) => s > current + 0.01);
  const zoomOut = [...steps].reverse().find((s) => s < current - 0.01);

  function commit() {
    if (typed === null) return;
    const n = Number.parseInt(typed, 10);
    if (Number.isFinite(n)) onPage(n);
    setTyped(null);
  }

  return (
    <div className="viewer-toolbar" role="toolbar" aria-label="Page and zoom">
      <button type="button" aria-label="Previous page" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ‹
      </button>
      <label className="page-field">
        <input
          type="text"
          inputMode="numeric"
          aria-label="Page number"
          data-testid="page-number"
          value={typed ?? String(page)}
          size={3}
          onChange={(e) => setTyped(e.target.value.replace(/\D/g, ''))}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setTyped(null);
          }}
        />
        <span className="muted">of {pages || '…'}</span>
      </label>
      <button type="button" aria-label="Next page" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        ›
      </button>
      <span className="toolbar-gap" />
      <button
        type="button"
        aria-label="Zoom out"
        disabled={!zoomOut}
        onClick={() => zoomOut && onZoom(zoomOut)}
      >
        −
      </button>
      <span className="zoom-level" aria-live="polite" data-testid="zoom-level">
        {Math.round(current * 100)}%
      </span>
      <button type="button" aria-label="Zoom in" disabled={!zoomIn} onClick={() => zoomIn && onZoom(zoomIn)}>
        +
      </button>
      <button type="button" aria-pressed={zoom === 'fit'} onClick={() => onZoom('fit')}>
        Fit width
      </button>
    </div>
  );
}
