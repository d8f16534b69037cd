import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ClientContext } from './api/ClientContext';
import { connect } from './api/client';
import './styles.css';
import { applyCachedTheme } from './theme/applyTheme';

// The last theme before the first paint (also for the error screen, which has no ThemeProvider).
applyCachedTheme();
const root = createRoot(document.getElementById('root')!);
const connection = connect();

root.render(
  <StrictMode>
    {connection.ok ? (
      <ClientContext.Provider value={connection.client}>
        <App mode={connection.mode} />
      </ClientContext.Provider>
    ) : (
      <main className="fatal" role="alert">
        <h1>Loci</h1>
        <p>{connection.message}</p>
      </main>
    )}
  </StrictMode>,
);
