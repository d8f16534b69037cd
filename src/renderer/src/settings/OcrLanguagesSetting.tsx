import { useEffect, useState } from 'react';
import type { OcrLanguage, Settings } from '../../../shared/api/methods/settings';
import { useClient } from '../api/ClientContext';

/**
 * The languages OCR reads scanned pages and images in: one checkbox per installed language pack
 * (`@tesseract.js-data/<code>`), English by default. More languages make OCR slower; pick the ones
 * the scans are written in.
 */
export function OcrLanguagesSetting({
  settings,
  onSaved,
}: {
  settings: Settings;
  onSaved: (s: Settings) => void;
}) {
  const client = useClient();
  const [installed, setInstalled] = useState<OcrLanguage[] | null>(null);
  const [chosen, setChosen] = useState<string[]>(settings.ocrLanguages);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  useEffect(() => {
    client.call('settings.ocrLanguages', {}).then(
      (r) => setInstalled(r.installed),
      (err: Error) => setMessage({ error: true, text: err.message }),
    );
  }, [client]);

  function toggle(code: string, on: boolean) {
    setMessage(null);
    setChosen((c) => (on ? [...c, code] : c.filter((x) => x !== code)));
  }

  async function save() {
    setMessage(null);
    try {
      const saved = await client.call('settings.set', { ocrLanguages: chosen });
      onSaved(saved);
      setChosen(saved.ocrLanguages);
      setMessage({ error: false, text: 'Saved. Applies to scans and images read from now on.' });
    } catch (err) {
      setMessage({ error: true, text: (err as Error).message });
    }
  }

  return (
    <section className="card" aria-labelledby="ocr-languages-title" data-testid="ocr-languages">
      <h3 id="ocr-languages-title">OCR languages</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset className="ocr-language-list">
          <legend className="muted small">Scanned pages and images are read in these languages</legend>
          {installed?.map((lang) => (
            <label key={lang.code} className="inline-field">
              <input
                type="checkbox"
                checked={chosen.includes(lang.code)}
                onChange={(e) => toggle(lang.code, e.target.checked)}
              />
              <span>
                {lang.name} <span className="muted small">({lang.code})</span>
              </span>
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={chosen.length === 0}>
          Save
        </button>
      </form>
      <p className="muted small">
        Language packs come with Loci as npm packages (<code>@tesseract.js-data/&lt;code&gt;</code>); each
        extra language makes OCR slower. Files already read keep their text: use “OCR skipped files” or re-add
        them.
      </p>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error-text' : 'ok-text'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
