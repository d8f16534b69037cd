import type { ThemePreference } from '../../../shared/api/methods/settings';

/** The theme actually shown: a preference of `system` resolves to the OS's light or dark. */
export type ResolvedTheme = 'light' | 'dark';

const darkQuery = '(prefers-color-scheme: dark)';
// The last preference this browser profile saw, so the first paint already has the right colours
// (settings.get answers a moment after the page is drawn). The settings file stays the truth.
const cacheKey = 'loci.theme';

export function systemTheme(): ResolvedTheme {
  return window.matchMedia(darkQuery).matches ? 'dark' : 'light';
}

export function resolveTheme(preference: ThemePreference): ResolvedTheme {
  return preference === 'system' ? systemTheme() : preference;
}

/** Puts the resolved theme on <html data-theme>, which styles.css keys its colours and color-scheme on. */
export function applyTheme(preference: ThemePreference): ResolvedTheme {
  const resolved = resolveTheme(preference);
  document.documentElement.dataset.theme = resolved;
  try {
    localStorage.setItem(cacheKey, preference);
  } catch {
    // Storage can be off (private windows, some embedders); the theme still applies.
  }
  return resolved;
}

/** The preference cached by the last visit (`system` when none), applied before React renders. */
export function applyCachedTheme(): ThemePreference {
  let cached: string | null = null;
  try {
    cached = localStorage.getItem(cacheKey);
  } catch {
    cached = null;
  }
  const preference: ThemePreference = cached === 'light' || cached === 'dark' ? cached : 'system';
  applyTheme(preference);
  return preference;
}

/** Calls `listener` whenever the OS switches between light and dark; returns the unsubscribe. */
export function onSystemThemeChange(listener: () => void): () => void {
  const query = window.matchMedia(darkQuery);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}
