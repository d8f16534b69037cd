import type { DocRef, PassageRef } from '../../../shared/api/methods/documents';
import type { ColourView } from './HeatmapPlot';

/** One side of a pair to open: a document, at a page or at a passage. */
export interface PairSide {
  doc: DocRef;
  page?: number | null;
  passage?: PassageRef | null;
}

export interface ViewProps {
  /** Model id; '' = the library's default. */
  model: string;
  colours: ColourView;
  /** Opens two documents side by side, each at a page or at a passage (marked). */
  openPair: (a: PairSide, b: PairSide, score: number) => void;
}

/** The `model` field of an input: omitted for the default model. */
export const modelField = (model: string) => (model ? { model } : {});

/** Loading, error or empty notice of a view. */
export function Status({
  loading,
  error,
  empty,
}: {
  loading: boolean;
  error: string | null;
  empty?: boolean;
}) {
  if (error)
    return (
      <p role="alert" className="error-text">
        {error}
      </p>
    );
  if (loading)
    return (
      <p className="muted" aria-busy="true">
        Computing…
      </p>
    );
  return empty ? <p className="muted">Nothing to show yet.</p> : null;
}
