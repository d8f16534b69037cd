/** A hit added to the query with "more like this" (+1) or "less like this" (-1). */
export interface LikeChip {
  chunkId: string;
  sign: 1 | -1;
  /** What the chip says: the hit's citation (title, file, page). */
  label: string;
}

/** The hits that are part of the query, each removable. */
export function LikeChips({ chips, onRemove }: { chips: LikeChip[]; onRemove: (chunkId: string) => void }) {
  return (
    <ul className="like-chips" aria-label="Hits added to the query" data-testid="like-chips">
      {chips.map((c) => (
        <li key={c.chunkId} className={`like-chip ${c.sign > 0 ? 'plus' : 'minus'}`} data-testid="like-chip">
          <span>
            {c.sign > 0 ? 'More like' : 'Less like'} {c.label}
          </span>
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove ${c.sign > 0 ? 'more' : 'less'} like ${c.label}`}
            onClick={() => onRemove(c.chunkId)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
