import { appOrigin } from './appProtocol';

/** True only for the app's own pages (`loci-app://app/...`). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === appOrigin;
  } catch {
    return false;
  }
}

type NavigationListener = (event: { preventDefault(): void }, url: string) => void;

/** The part of Electron's WebContents the guard uses (a named fake stands in for it in tests). */
export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', listener: NavigationListener): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The part of Electron's Session the hardening uses. */
export interface SessionLike {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  webRequest: {
    onBeforeRequest(
      listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void,
    ): void;
  };
}

/**
 * Locks a window's contents down: no navigation away from the app, no new windows, no webviews.
 * Links to anything else are simply ignored (Loci never opens URLs externally).
 */
export function guardWebContents(contents: WebContentsLike): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Denies every permission request (camera, notifications, geolocation...): Loci needs none. */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // Belt and braces next to the CSP: the app never talks to the network, so refuse any request that
  // is not for its own pages (devtools and our scheme only).
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAppUrl(details.url) || details.url.startsWith('devtools://');
    callback({ cancel: !allowed });
  });
}
