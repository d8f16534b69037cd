export type Section = 'library' | 'search' | 'map' | 'heatmaps' | 'settings';

export const sections: Array<{ id: Section; label: string }> = [
  { id: 'library', label: 'Library' },
  { id: 'search', label: 'Search' },
  { id: 'map', label: 'Map' },
  { id: 'heatmaps', label: 'Heatmaps' },
  { id: 'settings', label: 'Settings' },
];

/**
 * The app's main navigation: one tab per section, arrow keys move between them; the "?" button at
 * the end opens the keyboard-shortcut overview (as the `?` key does).
 */
export function NavBar({
  current,
  onSelect,
  onShortcuts,
}: {
  current: Section;
  onSelect: (s: Section) => void;
  onShortcuts: () => void;
}) {
  return (
    <nav className="navbar" aria-label="Sections">
      <span className="brand" aria-hidden="true">
        Loci
      </span>
      <div role="tablist" aria-orientation="horizontal">
        {sections.map((s, i) => (
          <button
            key={s.id}
            role="tab"
            id={`tab-${s.id}`}
            aria-selected={current === s.id}
            aria-controls={`panel-${s.id}`}
            tabIndex={current === s.id ? 0 : -1}
            onClick={() => onSelect(s.id)}
            onKeyDown={(e) => {
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!step) return;
              const next = sections[(i + step + sections.length) % sections.length]!;
              onSelect(next.id);
              document.getElementById(`tab-${next.id}`)?.focus();
            }}
          >
            {s.label}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="icon-button shortcuts-button"
        aria-label="Keyboard shortcuts"
        aria-keyshortcuts="?"
        title="Keyboard shortcuts (?)"
        onClick={onShortcuts}
      >
        ?
      </button>
    </nav>
  );
}
