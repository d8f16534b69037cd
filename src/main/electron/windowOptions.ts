import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions } from 'electron';

/** The BrowserWindow class (injected, so tests can pass a named fake). */
export type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => ElectronBrowserWindow;

/**
 * Creates the main window with the renderer's privileges locked down per Electron's security checklist:
 * isolated, sandboxed, no Node, web security on, no webviews, middle-click new windows off. The options
 * are written out literally here (not built elsewhere) so static scanners such as Electronegativity
 * can see them. (`enableRemoteModule` is not set: the remote module was removed in Electron 14.)
 */
export function createMainWindow(
  BrowserWindow: BrowserWindowClass,
  preloadPath: string,
): ElectronBrowserWindow {
  return new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 760,
    minHeight: 520,
    title: 'Loci',
    show: false,
    backgroundColor: '#17171a',
    webPreferences: {
      // Electronegativity PRELOAD_JS_CHECK (medium, review): reviewed. The preload exposes exactly
      // invoke(method, input) and on(event, cb), checked against the contract's names; no ipcRenderer,
      // no Node APIs reach the page (src/preload/bridge.ts, tested in tests/unit/electron).
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      safeDialogs: true,
    },
  });
}
