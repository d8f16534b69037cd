import { useEffect, useState } from 'react';
import type { Settings } from '../../../shared/api/methods/settings';
import { useClient } from '../api/ClientContext';
import { AboutPanel } from './AboutPanel';
import { LibraryLocation } from './LibraryLocation';
import { ModelsPanel } from './ModelsPanel';
import { ThemeSetting } from './ThemeSetting';
import { OcrLanguagesSetting } from './OcrLanguagesSetting';
import { ThreadsSetting } from './ThreadsSetting';
import './settings.css';

/** Settings: library location, embedding model, threads, theme, and About (privacy, notices). */
export function SettingsScreen({ mode }: { mode: 'desktop' | 'browser' }) {
  const client = useClient();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    client.call('settings.get', {}).then(setSettings, (err: Error) => setError(err.message));
  }, [client]);

  return (
    <div className="settings-screen">
      <h2>Settings</h2>
      <LibraryLocation mode={mode} />
      {error && (
        <p role="alert" className="error-text">
          Settings are unavailable: {error}
        </p>
      )}
      {settings && <ModelsPanel settings={settings} onSaved={setSettings} />}
      {settings && <ThreadsSetting settings={settings} onSaved={setSettings} />}
      {settings && <OcrLanguagesSetting settings={settings} onSaved={setSettings} />}
      <ThemeSetting />
      <AboutPanel mode={mode} />
    </div>
  );
}
