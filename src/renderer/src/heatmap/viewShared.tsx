import type { DocRef } from '../../../shared/api/methods/documents';
import type { ColourView } from './HeatmapPlot';

export interface ViewProps {
  /** Model id; '' = the library's default. */
  model: string;
  colours: ColourView;
  /** Opens two documents side by side. */
  openPair: (
    a: { doc: DocRef; page?: number | null },
    b: { doc: DocRef; page?: number | null },
    score: number,
  ) => void;
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
