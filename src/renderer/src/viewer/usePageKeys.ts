import { useEffect, useEffectEvent, type RefObject } from 'react';

/**
 * PageUp / PageDown turn pages while the viewer is visible, wherever focus is, except in multi-line
 * fields, selects and open dialogs, which use those keys themselves.
 */
export function usePageKeys(
  root: RefObject<HTMLElement | null>,
  previous: () => void,
  next: () => void,
): void {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.key !== 'PageUp' && e.key !== 'PageDown') return;
    // A viewer in a hidden section (Library and Search both keep theirs) must not react.
    if (!root.current?.offsetParent) return;
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target as HTMLElement | null;
    if (
      target?.closest(
        'textarea, select, [contenteditable="true"], dialog[open], [role="listbox"]:not(#search-results)',
      )
    )
      return;
    e.preventDefault();
    if (e.key === 'PageUp') previous();
    else next();
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
