import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/api/methods/app';
import { useClient } from '../api/ClientContext';

/** Where the open library lives, and how to open another one in this mode. */
export function LibraryLocation({ mode }: { mode: 'desktop' | 'browser' }) {
  const client = useClient();
  const [info, setInfo] = useState<AppInfo | null>(null);

  useEffect(() => {
    client.call('app.info', {}).then(setInfo, () => undefined);
  }, [client]);

  return (
    <section className="card" aria-labelledby="location-title">
      <h3 id="location-title">Library location</h3>
      <p className="path-display" data-testid="settings-library-dir">
        {info?.libraryDir ?? '…'}
      </p>
      {mode === 'browser' ? (
        <div className="row">
          <button type="button" disabled aria-describedby="open-library-note">
            Open library…
          </button>
          <p id="open-library-note" className="muted small">
            Opening another library is a desktop-app feature. In browser mode, stop <code>loci serve</code>{' '}
            and start it again with <code>--library PATH</code>.
          </p>
        </div>
      ) : (
        <p className="muted small">
          To open or create another library, use File → Open Library… in the menu.
        </p>
      )}
    </section>
  );
}
