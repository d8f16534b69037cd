import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The renderer's privileges, per Electron's security checklist: isolated, sandboxed, no Node, web
 * security on, no remote content features. The preload script is the only bridge.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
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
    spellcheck: false,
    safeDialogs: true,
  };
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 760,
    minHeight: 520,
    title: 'Loci',
    show: false,
    backgroundColor: '#17171a',
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(preloadPath),
  };
}
