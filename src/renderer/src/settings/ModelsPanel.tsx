import { useState } from 'react';
import type { Settings } from '../../../shared/api/methods/settings';
import { useClient } from '../api/ClientContext';
import { useCoreQuery } from '../api/useCoreQuery';
import { FolderPicker } from '../components/FolderPicker';

const kindLabels = { 'use-lite': 'Universal Sentence Encoder Lite', 'hf-onnx': 'ONNX (Hugging Face layout)' };

/**
 * The embedding models: pick the default (`settings.set`), import a Hugging Face-layout ONNX folder by
 * typed path or by browsing (`models.import`; the core says exactly what is wrong with a folder), and
 * remove imported ones.
 */
export function ModelsPanel({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const client = useClient();
  const models = useCoreQuery('models.list', {});
  const [path, setPath] = useState('');
  const [id, setId] = useState('');
  const [browsing, setBrowsing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ error: false, text: await action() });
      models.reload();
    } catch (err) {
      setMessage({ error: true, text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="models-title">
      <h3 id="models-title">Embedding model</h3>
      {models.error && <p role="alert">{models.error}</p>}
      <fieldset className="model-list" disabled={busy}>
        <legend className="muted small">
          The default model is used for adding documents and for searching.
        </legend>
        {(models.data ?? []).map((m) => (
          <div key={m.id} className="model-row" data-testid="model-row">
            <label>
              <input
                type="radio"
                name="default-model"
                value={m.id}
                checked={settings.defaultModel === m.id}
                onChange={() =>
                  void run(async () => {
                    onSaved(await client.call('settings.set', { defaultModel: m.id }));
                    return `${m.name} is now the default model.`;
                  })
                }
              />
              <span className="model-name">{m.name}</span>
            </label>
            <span className="muted small">
              {kindLabels[m.kind]} · {m.dims} dimensions · up to {m.maxTokens} tokens
              {m.builtIn ? ' · built in' : ' · imported'}
            </span>
            {!m.builtIn && (
              <button
                type="button"
                aria-label={`Remove model ${m.name}`}
                disabled={settings.defaultModel === m.id}
                title={settings.defaultModel === m.id ? 'Choose another default first' : undefined}
                onClick={() =>
                  void run(async () => {
                    await client.call('models.remove', { id: m.id });
                    return `${m.name} was removed.`;
                  })
                }
              >
                Remove
              </button>
            )}
          </div>
        ))}
        {models.data?.length === 0 && <p className="muted">No model is installed.</p>}
      </fieldset>
      <h4>Import a model</h4>
      <p className="muted small">
        A folder with <code>model.onnx</code> and <code>tokenizer.json</code> (Hugging Face layout, e.g. an
        exported sentence-transformers model).
      </p>
      <form
        className="import-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!path.trim()) return;
          void run(async () => {
            const model = await client.call('models.import', {
              path: path.trim(),
              ...(id.trim() ? { id: id.trim() } : {}),
            });
            setPath('');
            setId('');
            return `Imported ${model.name} (${model.dims} dimensions).`;
          });
        }}
      >
        <label className="inline-field grow">
          <span>Model folder</span>
          <input
            value={path}
            spellCheck={false}
            onChange={(e) => setPath(e.target.value)}
            placeholder="/path/to/model"
          />
        </label>
        <button type="button" onClick={() => setBrowsing(true)}>
          Browse…
        </button>
        <label className="inline-field">
          <span>Id (optional)</span>
          <input value={id} spellCheck={false} onChange={(e) => setId(e.target.value)} size={14} />
        </label>
        <button type="submit" className="primary" disabled={busy || !path.trim()}>
          Import
        </button>
      </form>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error-text' : 'ok-text'}>
          {message.text}
        </p>
      )}
      {browsing && (
        <FolderPicker
          title="Choose a model folder"
          confirmLabel="Use this folder"
          onClose={() => setBrowsing(false)}
          onChoose={(dir) => {
            setPath(dir);
            setBrowsing(false);
          }}
        />
      )}
    </section>
  );
}
