import { useState } from 'react';
import type { ThemePreference } from '../../../shared/api/methods/settings';
import { useTheme } from '../theme/ThemeContext';

const choices: Array<{ value: ThemePreference; label: string; hint: string }> = [
  { value: 'system', label: 'System', hint: 'follows your computer’s light or dark setting' },
  { value: 'light', label: 'Light', hint: '' },
  { value: 'dark', label: 'Dark', hint: '' },
];

/** Appearance: the colour theme (system, light, dark), applied as soon as it is chosen. */
export function ThemeSetting() {
  const theme = useTheme();
  const [error, setError] = useState<string | null>(null);

  return (
    <section className="card" aria-labelledby="theme-title">
      <h3 id="theme-title">Appearance</h3>
      <fieldset className="theme-choices">
        <legend>Theme</legend>
        {choices.map((c) => (
          <label key={c.value} className="inline-field">
            <input
              type="radio"
              name="theme"
              value={c.value}
              checked={theme.preference === c.value}
              onChange={() => {
                setError(null);
                theme.choose(c.value).catch((err: Error) => setError(err.message));
              }}
            />
            <span>
              {c.label}
              {c.hint && <span className="muted small"> ({c.hint})</span>}
            </span>
          </label>
        ))}
      </fieldset>
      <p className="muted small" data-testid="theme-now">
        Showing the {theme.resolved} theme.
      </p>
      {error && (
        <p role="alert" className="error-text">
          The theme was not saved: {error}
        </p>
      )}
    </section>
  );
}
