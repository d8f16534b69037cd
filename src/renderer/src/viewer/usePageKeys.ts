import { useEffect, useEffectEvent } from 'react';

/**
 * PageUp / PageDown turn pages while the viewer is open, wherever focus is, except in multi-line
 * fields, selects and open dialogs, which use those keys themselves.
 */
export function usePageKeys(previous: () => void, next: () => void): void {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.key !== 'PageUp' && e.key !== 'PageDown') return;
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
