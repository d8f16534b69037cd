/* eslint-disable @typescript-eslint/no-explicit-any -- fakes mirror Electron's loosely typed event signatures. */
/**
 * FAKE Electron pieces for unit tests. The Electron binary cannot be downloaded on the test machines,
 * so the Electron-facing modules take the electron objects they need as parameters, and these named
 * fakes stand in for them. They record what was registered so tests can drive and inspect it.
 */
import type { Worker } from 'node:worker_threads';

type Listener = (...args: any[]) => void;

/** Fake of `ipcRenderer` (invoke / on / removeListener). */
export class FakeIpcRenderer {
  readonly invocations: Array<{ channel: string; args: unknown[] }> = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  constructor(private readonly reply: (channel: string, ...args: unknown[]) => unknown) {}

  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    return this.reply(channel, ...args);
  }
  on(channel: string, listener: Listener): this {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
    return this;
  }
  removeListener(channel: string, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  /** Simulates the main process sending on a channel. */
  emit(channel: string, ...args: unknown[]): void {
    this.listeners.get(channel)?.forEach((l) => l({ sender: 'fake' }, ...args));
  }
  listenerCount(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }
}

/** Fake of `ipcMain.handle`. */
export class FakeIpcMain {
  readonly handlers = new Map<string, (event: any, ...args: any[]) => unknown>();
  handle(channel: string, handler: (event: any, ...args: any[]) => unknown): void {
    this.handlers.set(channel, handler);
  }
  /** Calls a registered handler as if a frame at `senderUrl` had invoked it. */
  async invokeFrom(senderUrl: string | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, ...args);
  }
}

/** Fake of a WebContents: records its guards so tests can fire navigation events at them. */
export class FakeWebContents {
  readonly listeners = new Map<string, Listener>();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  on(event: string, listener: Listener): this {
    this.listeners.set(event, listener);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  /** Fires e.g. 'will-navigate' and reports whether the guard prevented it. */
  fire(event: string, url: string): { prevented: boolean } {
    let prevented = false;
    this.listeners.get(event)?.({ preventDefault: () => (prevented = true) }, url);
    return { prevented };
  }
}

/** Fake of a Session's permission and request hooks. */
export class FakeSession {
  permissionRequestHandler:
    ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  beforeRequest: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null;
  setPermissionRequestHandler(h: FakeSession['permissionRequestHandler']) {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheckHandler']) {
    this.permissionCheckHandler = h;
  }
  webRequest = {
    onBeforeRequest: (h: FakeSession['beforeRequest']) => {
      this.beforeRequest = h;
    },
  };
  spellCheckerEnabled = true;
  dictionaryDownloadUrl: string | null = null;
  setSpellCheckerEnabled(enable: boolean) {
    this.spellCheckerEnabled = enable;
  }
  setSpellCheckerDictionaryDownloadURL(url: string) {
    this.dictionaryDownloadUrl = url;
  }
  /** Asks the request filter about `url`; true when it would be cancelled. */
  blocks(url: string): boolean {
    let cancel = false;
    this.beforeRequest?.({ url }, (r) => (cancel = r.cancel));
    return cancel;
  }
}

/**
 * Fake of `app`: records command-line switches (and whether the app was ready when each was
 * appended), listeners, and lets the test decide when `whenReady()` resolves.
 */
export class FakeApp {
  ready = false;
  readonly switches: Array<{ name: string; value?: string; appendedWhenReady: boolean }> = [];
  readonly listeners = new Map<string, Listener[]>();
  isPackaged = false;
  private resolveReady!: () => void;
  private readonly readyPromise = new Promise<void>((resolve) => (this.resolveReady = resolve));
  constructor(private readonly userData: string) {}

  commandLine = {
    appendSwitch: (name: string, value?: string) => {
      this.switches.push({ name, ...(value === undefined ? {} : { value }), appendedWhenReady: this.ready });
    },
  };
  isReady(): boolean {
    return this.ready;
  }
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** Makes the app ready: creates the default session (firing 'session-created'), then resolves whenReady. */
  becomeReady(defaultSession: FakeSession): Promise<void> {
    this.emit('session-created', defaultSession);
    this.ready = true;
    this.resolveReady();
    return this.readyPromise;
  }
  enableSandbox(): void {}
  getPath(_name: string): string {
    return this.userData;
  }
  getVersion(): string {
    return '0.0.0-fake';
  }
  quit(): void {}
}

/** Fake of a UtilityProcess: records what it was forked with and what it was sent. */
export class FakeUtilityProcess {
  readonly sent: unknown[] = [];
  constructor(
    readonly modulePath: string,
    readonly options: { env?: Record<string, string | undefined>; serviceName?: string },
  ) {}
  on(_event: string, _listener: Listener): this {
    return this;
  }
  once(_event: string, _listener: Listener): this {
    return this;
  }
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  kill(): boolean {
    return true;
  }
}

/** Fake of a BrowserWindow: records its options and the URL it loads. */
export class FakeBrowserWindow {
  static readonly created: FakeBrowserWindow[] = [];
  loadedUrl: string | null = null;
  readonly webContents = { send: () => {}, reload: () => {} };
  constructor(readonly options: unknown) {
    FakeBrowserWindow.created.push(this);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.created;
  }
  once(_event: string, _listener: Listener): this {
    return this;
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }
  show(): void {}
}

/**
 * A FAKE `electron` module for importing the real src/main/electron/main.ts under `vi.mock`: every
 * export main.ts uses, as the fakes above. `forked` collects the utility processes it starts.
 */
export function createFakeElectronModule(userData: string) {
  const forked: FakeUtilityProcess[] = [];
  const ipcMain = Object.assign(new FakeIpcMain(), { on: () => {} });
  return {
    app: new FakeApp(userData),
    session: { defaultSession: new FakeSession() },
    protocol: Object.assign(new FakeProtocol(), { registerSchemesAsPrivileged: () => {} }),
    ipcMain,
    BrowserWindow: FakeBrowserWindow,
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: () => {} },
    dialog: { showErrorBox: () => {}, showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
    shell: { openPath: async () => '' },
    utilityProcess: {
      fork: (modulePath: string, _args: string[], options: FakeUtilityProcess['options']) => {
        const child = new FakeUtilityProcess(modulePath, options);
        forked.push(child);
        return child;
      },
    },
    forked,
  };
}

/** Fake of `protocol.handle`. */
export class FakeProtocol {
  readonly handlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    this.handlers.set(scheme, handler);
  }
  async fetch(url: string): Promise<Response> {
    const scheme = new URL(url).protocol.replace(':', '');
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`no handler for ${scheme}`);
    return handler(new Request(url));
  }
}

/**
 * FAKE of Electron's UtilityProcess (the main process's handle), built on a real worker thread that
 * runs tests/support/fakeUtilityProcessHost.ts, which gives the real coreHost.ts the
 * `process.parentPort` Electron would. Messages, 'exit' and kill() behave as the real one's do.
 */
export class WorkerUtilityProcess {
  constructor(readonly worker: Worker) {}
  postMessage(message: unknown): void {
    this.worker.postMessage(message);
  }
  on(event: string, listener: (...args: never[]) => void): this {
    this.worker.on(event, listener as Listener);
    return this;
  }
  once(event: string, listener: (...args: never[]) => void): this {
    this.worker.once(event, listener as Listener);
    return this;
  }
  kill(): boolean {
    void this.worker.terminate();
    return true;
  }
}
