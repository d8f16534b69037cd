import { useEffect, useRef, useState } from 'react';
import { AppModeContext } from './components/appMode';
import { NavBar } from './components/NavBar';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { isTyping } from './components/typingTarget';
import { HeatmapScreen } from './heatmap/HeatmapScreen';
import { DamageBanner } from './library/DamageBanner';
import { DropUploader } from './library/DropUploader';
import { LibraryScreen } from './library/LibraryScreen';
import { useUploadDir } from './library/uploadDirStore';
import { MapScreen } from './map/MapScreen';
import { RouterContext, useHashRouter } from './routing/hashRouter';
import { useDocumentTitle } from './routing/useDocumentTitle';
import { SearchScreen } from './search/SearchScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { ThemeProvider } from './theme/ThemeContext';

export function App({ mode }: { mode: 'desktop' | 'browser' }) {
  const router = useHashRouter();
  const section = router.route.tab;
  const { show } = router;
  const searchBox = useRef<HTMLInputElement>(null);
  const uploadDir = useUploadDir();

  const [shortcutsOpen, setShortcutsOpen] = useState(false);

  // `/` focuses the search box, `?` shows the shortcut overview, from anywhere (unless the user is
  // typing, or a dialog is open).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' && e.key !== '?') return;
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      if (e.key === '?') {
        setShortcutsOpen(true);
        return;
      }
      show('search');
      requestAnimationFrame(() => searchBox.current?.focus());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [show]);
  useDocumentTitle(router.route);

  // Library and Search stay mounted while hidden, so a query, its results and the open document
  // survive a trip to another section.
  return (
    <AppModeContext.Provider value={mode}>
      <ThemeProvider>
        <RouterContext.Provider value={router}>
          <div className="app">
            <NavBar current={section} onSelect={show} onShortcuts={() => setShortcutsOpen(true)} />
            <DamageBanner onRepairStarted={() => show('library')} />
            <main className="panel-host">
              <div
                id="panel-library"
                role="tabpanel"
                aria-labelledby="tab-library"
                className="panel"
                hidden={section !== 'library'}
              >
                <LibraryScreen mode={mode} uploadDir={uploadDir} />
              </div>
              <div
                id="panel-search"
                role="tabpanel"
                aria-labelledby="tab-search"
                className="panel panel-wide"
                hidden={section !== 'search'}
              >
                <SearchScreen inputRef={searchBox} onGoToLibrary={() => show('library')} />
              </div>
              {section === 'map' && (
                <div id="panel-map" role="tabpanel" aria-labelledby="tab-map" className="panel">
                  <MapScreen />
                </div>
              )}
              {section === 'heatmaps' && (
                <div id="panel-heatmaps" role="tabpanel" aria-labelledby="tab-heatmaps" className="panel">
                  <HeatmapScreen />
                </div>
              )}
              {section === 'settings' && (
                <div id="panel-settings" role="tabpanel" aria-labelledby="tab-settings" className="panel">
                  <SettingsScreen mode={mode} />
                </div>
              )}
            </main>
            {mode === 'browser' && <DropUploader />}
            {shortcutsOpen && <ShortcutsDialog onClose={() => setShortcutsOpen(false)} />}
          </div>
        </RouterContext.Provider>
      </ThemeProvider>
    </AppModeContext.Provider>
  );
}
