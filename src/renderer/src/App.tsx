import { useState } from 'react';
import { NavBar, type Section } from './components/NavBar';
import { NotYet } from './components/NotYet';
import { AboutPanel } from './settings/AboutPanel';

export function App({ mode }: { mode: 'desktop' | 'browser' }) {
  const [section, setSection] = useState<Section>('library');
  return (
    <div className="app">
      <NavBar current={section} onSelect={setSection} />
      <main id={`panel-${section}`} role="tabpanel" aria-labelledby={`tab-${section}`} className="panel">
        {section === 'library' && (
          <>
            <NotYet title="Library">
              Adding folders and PDFs is not built yet. It arrives with the library core (ingest into LanceDB
              and USearch).
            </NotYet>
            <AboutPanel mode={mode} />
          </>
        )}
        {section === 'search' && (
          <NotYet title="Search">Semantic, keyword and hybrid search arrive with the library core.</NotYet>
        )}
        {section === 'map' && (
          <NotYet title="Map">The 3D semantic map of your library is not built yet.</NotYet>
        )}
        {section === 'heatmaps' && (
          <NotYet title="Heatmaps">Similarity heatmaps and model comparison are not built yet.</NotYet>
        )}
        {section === 'settings' && <AboutPanel mode={mode} />}
      </main>
    </div>
  );
}
