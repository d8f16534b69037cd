import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ThemePreference } from '../../../shared/api/methods/settings';
import { useClient } from '../api/ClientContext';
import { applyCachedTheme, applyTheme, onSystemThemeChange, type ResolvedTheme } from './applyTheme';

interface ThemeState {
  /** What the user chose (settings.theme). */
  preference: ThemePreference;
  /** What is on screen now; plots read it to redraw with the theme's colours. */
  resolved: ResolvedTheme;
  /** Applies a preference at once and saves it through settings.set; rejects with the core's error. */
  choose: (preference: ThemePreference) => Promise<void>;
}

const ThemeContext = createContext<ThemeState | null>(null);

/**
 * Owns the colour theme: loads settings.theme, applies it to the page, follows the OS live while the
 * preference is `system`, and saves a new choice (shown at once, before the core answers).
 */
export function ThemeProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [preference, setPreference] = useState<ThemePreference>(applyCachedTheme);
  const [resolved, setResolved] = useState<ResolvedTheme>(() => applyTheme(preference));

  useEffect(() => {
    let live = true;
    client.call('settings.get', {}).then(
      (s) => live && setPreference(s.theme),
      // Without settings the cached or system theme stays; the Settings screen reports the error.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client]);

  useEffect(() => {
    setResolved(applyTheme(preference));
    if (preference !== 'system') return;
    return onSystemThemeChange(() => setResolved(applyTheme('system')));
  }, [preference]);

  const choose = useCallback(
    async (next: ThemePreference) => {
      const before = preference;
      setPreference(next);
      try {
        await client.call('settings.set', { theme: next });
      } catch (err) {
        setPreference(before);
        throw err;
      }
    },
    [client, preference],
  );

  const value = useMemo(() => ({ preference, resolved, choose }), [preference, resolved, choose]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

/** The theme state; outside a ThemeProvider (isolated component tests) it is a fixed light theme. */
export function useTheme(): ThemeState {
  return useContext(ThemeContext) ?? fallback;
}

const fallback: ThemeState = { preference: 'system', resolved: 'light', choose: async () => undefined };

/** The theme on screen, for components that draw with its colours (Plotly, canvases). */
export function useResolvedTheme(): ResolvedTheme {
  return useTheme().resolved;
}
