import { useEffect, useState } from 'react';
import notices from '../../../../resources/THIRD_PARTY_NOTICES.md?raw';
import type { AppInfo } from '../../../shared/api/methods/app';
import { useClient } from '../api/ClientContext';
import { MarkdownText } from '../components/MarkdownText';

// The file's own title would repeat the <summary> above it.
const noticesBody = notices.replace(/^# [^\n]*\n/, '');

/** Shows `app.info` (version, where data lives, platform), the privacy promise and third-party notices. */
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
    <section aria-labelledby="about-title" className="card about">
      <h3 id="about-title">About Loci</h3>
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
      </dl>
      <h4>Privacy</h4>
      <p data-testid="privacy">
        Nothing leaves this machine. Loci reads your files, embeds them with a model that runs locally and
        keeps everything in the library folder above. It makes no network requests, loads no remote fonts or
        scripts and sends no telemetry. In browser mode the page talks only to the <code>loci serve</code>{' '}
        process on this computer, with a session token.
      </p>
      <details className="notices">
        <summary>Third-party notices</summary>
        <MarkdownText source={noticesBody} />
      </details>
    </section>
  );
}
