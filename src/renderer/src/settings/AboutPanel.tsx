import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/api/methods/app';
import { useClient } from '../api/ClientContext';

/** Shows `app.info`: version, where data lives, the models, and the privacy promise. */
export function AboutPanel({ mode }: { mode: 'desktop' | 'browser' }) {
  const client = useClient();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    client.call('app.info', {}).then(setInfo, (err: Error) => setError(err.message));
  }, [client]);

  if (error) return <p role="alert">Could not reach the Loci core: {error}</p>;
  if (!info) return <p aria-busy="true">Connecting to the Loci core…</p>;
  return (
    <section aria-labelledby="about-title" className="about">
      <h2 id="about-title">About Loci</h2>
      <dl className="facts" data-testid="app-info">
        <dt>Version</dt>
        <dd data-testid="app-version">{info.version}</dd>
        <dt>Mode</dt>
        <dd>{mode === 'desktop' ? 'Desktop app' : 'Browser (loci serve)'}</dd>
        <dt>Library</dt>
        <dd data-testid="library-dir">{info.libraryDir}</dd>
        <dt>Data folder</dt>
        <dd>{info.dataDir}</dd>
        <dt>Platform</dt>
        <dd>
          {info.platform} / {info.arch} · {info.runtime}
        </dd>
        <dt>Models</dt>
        <dd>
          {info.models.length === 0
            ? 'No embedding model is installed yet.'
            : info.models.map((m) => `${m.name} (${m.dims}-d${m.builtIn ? ', built in' : ''})`).join(', ')}
        </dd>
      </dl>
      <h3>Privacy</h3>
      <p>
        Nothing leaves this machine. Loci reads your files, embeds them with a model that runs locally and
        keeps everything in the library folder above. It makes no network requests and sends no telemetry.
      </p>
    </section>
  );
}
