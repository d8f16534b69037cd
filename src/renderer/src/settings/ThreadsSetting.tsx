import { useState } from 'react';
import type { Settings } from '../../../shared/api/methods/settings';
import { useClient } from '../api/ClientContext';

/** Threads for ONNX Runtime and the extraction workers: automatic (all cores) or a fixed number. */
export function ThreadsSetting({
  settings,
  onSaved,
}: {
  settings: Settings;
  onSaved: (s: Settings) => void;
}) {
  const client = useClient();
  const [value, setValue] = useState(settings.threads === null ? '' : String(settings.threads));
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const cores = navigator.hardwareConcurrency || 1;

  async function save(threads: number | null) {
    setMessage(null);
    try {
      onSaved(await client.call('settings.set', { threads }));
      setMessage({ error: false, text: 'Saved. Takes effect for the next job.' });
    } catch (err) {
      setMessage({ error: true, text: (err as Error).message });
    }
  }

  return (
    <section className="card" aria-labelledby="threads-title">
      <h3 id="threads-title">Threads</h3>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number.parseInt(value, 10);
          void save(value.trim() === '' ? null : n);
        }}
      >
        <label className="inline-field">
          <span>Threads for embedding and extraction</span>
          <input
            type="number"
            className="threads-input"
            min={1}
            max={256}
            placeholder={`Automatic (${cores})`}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <button type="submit">Save</button>
        <button
          type="button"
          onClick={() => {
            setValue('');
            void save(null);
          }}
        >
          Automatic
        </button>
      </form>
      <p className="muted small">
        Leave empty to use every core ({cores} on this computer
        {settings.threads === null ? ', the current setting' : ''}).
      </p>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error-text' : 'ok-text'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
