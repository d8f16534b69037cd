/**
 * Chromium inside Electron has background services of its own that talk to Google whatever the page
 * does: component updates, hunspell dictionary downloads, domain reliability reports, network time,
 * DNS prefetch and preconnect, optimisation hints, media-router discovery. Electron builds without
 * several of them (Safe Browsing, UMA, sync, translate UI), but not all; Loci switches off every one it
 * can name, and then makes host-name resolution itself fail, so a service nobody listed still cannot
 * reach anything. Together with the session's request filter (guardContents.ts: only the app's own
 * `loci-app://` pages load) that covers what the renderer could ask for.
 */

/** A switch and its value (none for flags). */
export type ChromiumSwitch = readonly [name: string, value?: string];

/** Features off: the Chromium names for background services that fetch from the network. */
export const disabledFeatures = [
  'AutofillServerCommunication',
  'CertificateTransparencyComponentUpdater',
  'DialMediaRouteProvider',
  'MediaRouter',
  'NetworkTimeServiceQuerying',
  'OptimizationHints',
  'Translate',
] as const;

/** Appended to Chromium's command line before the app is ready (it reads them once, at startup). */
export const chromiumSwitches: readonly ChromiumSwitch[] = [
  // Variations seed, component and extension updates and other "background" fetches.
  ['disable-background-networking'],
  ['disable-component-update'],
  ['disable-domain-reliability'],
  ['disable-client-side-phishing-detection'],
  // Hyperlink auditing (<a ping>).
  ['no-pings'],
  ['disable-features', disabledFeatures.join(',')],
  // Every host-name lookup by Chromium's network stack fails without asking DNS: no prefetch, no
  // preconnect, no service we did not think of. The app itself needs no names (loci-app:// only).
  ['host-resolver-rules', 'MAP * ~NOTFOUND'],
];

/**
 * Where hunspell dictionaries would be downloaded from: the discard port on loopback, so a download
 * that starts anyway (the fetch may be scheduled before the app can disable spell checking) connects
 * to nothing and leaves nothing. The default is a Google CDN.
 */
export const dictionaryDownloadUrl = 'http://127.0.0.1:9/';

/** The part of Electron's `app` this module uses (a named fake stands in for it in tests). */
export interface AppLike {
  isReady(): boolean;
  commandLine: { appendSwitch(name: string, value?: string): void };
  on(event: 'session-created', listener: (session: QuietSessionLike) => void): unknown;
}

/** The part of Electron's Session this module uses. */
export interface QuietSessionLike {
  setSpellCheckerEnabled(enable: boolean): void;
  setSpellCheckerDictionaryDownloadURL(url: string): void;
}

/** Spell checking off (Loci has no text to check) and its dictionary downloads pointed at nothing. */
export function quietSession(session: QuietSessionLike): void {
  session.setSpellCheckerDictionaryDownloadURL(dictionaryDownloadUrl);
  session.setSpellCheckerEnabled(false);
}

/**
 * Appends the switches and quiets every session as it is created. Must run at module load of the
 * main process, before `app` is ready: switches appended later are silently ignored, so that is an
 * error here.
 */
export function quietChromium(app: AppLike): void {
  if (app.isReady()) throw new Error('quietChromium() must run before the app is ready');
  for (const [name, value] of chromiumSwitches) {
    if (value === undefined) app.commandLine.appendSwitch(name);
    else app.commandLine.appendSwitch(name, value);
  }
  app.on('session-created', quietSession);
}
