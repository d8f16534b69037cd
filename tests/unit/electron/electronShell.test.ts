import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainWindow, type BrowserWindowClass } from '../../../src/main/electron/windowOptions';
import { appProtocolResponse, registerAppProtocol } from '../../../src/main/electron/appProtocol';
import { guardWebContents, hardenSession } from '../../../src/main/electron/guardContents';
import { invokeChannel, registerIpcRelay } from '../../../src/main/electron/ipcRelay';
import { createBridge } from '../../../src/preload/bridge';
import {
  FakeIpcMain,
  FakeIpcRenderer,
  FakeProtocol,
  FakeSession,
  FakeWebContents,
} from '../../support/fakeElectron';
import { makeTempDir } from '../../support/tempDir';

// Electron-facing modules tested as plain modules against named FAKES of the electron objects
// (the Electron binary cannot run here).

describe('window options (with FakeBrowserWindow)', () => {
  it('isolate, sandbox and strip Node from the renderer', () => {
    const created: unknown[] = [];
    class FakeBrowserWindow {
      constructor(options: unknown) {
        created.push(options);
      }
    }
    createMainWindow(FakeBrowserWindow as unknown as BrowserWindowClass, '/app/preload.cjs');
    expect(created).toHaveLength(1);
    const prefs = (created[0] as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });
});

describe('preload bridge (with FakeIpcRenderer)', () => {
  it('exposes exactly invoke and on', () => {
    const bridge = createBridge(new FakeIpcRenderer(() => null));
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards contract methods and unwraps results and errors', async () => {
    const ipc = new FakeIpcRenderer((_channel, method) =>
      method === 'app.ping'
        ? { ok: true, value: { pong: true } }
        : { ok: false, status: 400, error: { code: 'INVALID_INPUT', message: 'bad' } },
    );
    const bridge = createBridge(ipc);
    await expect(bridge.invoke('app.ping', {})).resolves.toEqual({ pong: true });
    await expect(bridge.invoke('app.info', { x: 1 })).rejects.toEqual({
      code: 'INVALID_INPUT',
      message: 'bad',
    });
    expect(ipc.invocations[0]).toEqual({ channel: 'loci:invoke', args: ['app.ping', {}] });
  });

  it('refuses names outside the contract before anything is sent', async () => {
    const ipc = new FakeIpcRenderer(() => null);
    const bridge = createBridge(ipc);
    await expect(bridge.invoke('shell.openExternal', {})).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
    expect(() => bridge.on('ipc:raw', () => {})).toThrow(/Unknown event/);
    expect(ipc.invocations).toHaveLength(0);
  });

  it('delivers only the subscribed event and unsubscribes', () => {
    const ipc = new FakeIpcRenderer(() => null);
    const bridge = createBridge(ipc);
    const seen: unknown[] = [];
    const off = bridge.on('job.progress', (p) => seen.push(p));
    ipc.emit('loci:event', 'library.changed', { reason: 'x' });
    ipc.emit('loci:event', 'job.progress', { done: 1 });
    off();
    ipc.emit('loci:event', 'job.progress', { done: 2 });
    expect(seen).toEqual([{ done: 1 }]);
    expect(ipc.listenerCount('loci:event')).toBe(0);
  });
});

describe('IPC relay (with FakeIpcMain)', () => {
  const ipcMain = new FakeIpcMain();
  const calls: string[] = [];
  registerIpcRelay(ipcMain, async (method) => {
    calls.push(method);
    return { ok: true, value: 'done' };
  });

  it('answers the app page', async () => {
    await expect(
      ipcMain.invokeFrom('loci-app://app/index.html', invokeChannel, 'app.ping', {}),
    ).resolves.toEqual({
      ok: true,
      value: 'done',
    });
  });

  it('refuses every other sender', async () => {
    for (const sender of [
      'https://evil.example/',
      'file:///etc/passwd',
      'loci-app://other/index.html',
      null,
    ]) {
      await expect(ipcMain.invokeFrom(sender, invokeChannel, 'app.ping', {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(calls).toEqual(['app.ping']);
  });

  it('refuses unknown methods', async () => {
    await expect(
      ipcMain.invokeFrom('loci-app://app/', invokeChannel, 'fs.readFile', {}),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
  });
});

describe('navigation, windows and permissions (with FakeWebContents, FakeSession)', () => {
  it('blocks navigation away from the app and every new window', () => {
    const contents = new FakeWebContents();
    guardWebContents(contents);
    expect(contents.fire('will-navigate', 'https://example.com/').prevented).toBe(true);
    expect(contents.fire('will-navigate', 'javascript:alert(1)').prevented).toBe(true);
    expect(contents.fire('will-navigate', 'loci-app://app/index.html').prevented).toBe(false);
    expect(contents.fire('will-redirect', 'http://127.0.0.1:1/').prevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('denies every permission and cancels non-app requests', () => {
    const session = new FakeSession();
    hardenSession(session);
    let granted: boolean | undefined;
    session.permissionRequestHandler?.(null, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(session.permissionCheckHandler?.()).toBe(false);
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      session.beforeRequest?.({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('https://cdn.example.com/x.js')).toBe(true);
    expect(decide('loci-app://app/assets/index.js')).toBe(false);
  });
});

describe('app protocol (with FakeProtocol)', () => {
  const tmp = makeTempDir();
  const root = path.join(tmp.dir, 'renderer');
  beforeAll(() => {
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<div id="root"></div>');
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(tmp.dir, 'secret.txt'), 'do not serve');
    fs.symlinkSync(path.join(tmp.dir, 'secret.txt'), path.join(root, 'link.txt'));
  });
  afterAll(() => tmp.cleanup());

  it('serves the app files with the CSP', async () => {
    const protocol = new FakeProtocol();
    registerAppProtocol(protocol, root);
    const res = await protocol.fetch('loci-app://app/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    // pdf.js compiles its WebAssembly decoders (JPEG 2000, JBIG2); JavaScript eval stays forbidden.
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(res.headers.get('content-security-policy')).not.toContain("'unsafe-eval'");
    expect(await (await protocol.fetch('loci-app://app/')).text()).toContain('root');
  });

  it.each([
    'loci-app://app/../secret.txt',
    'loci-app://app/%2e%2e/secret.txt',
    'loci-app://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'loci-app://app/..%5csecret.txt',
    `loci-app://app/${encodeURIComponent(path.join(tmp.dir, 'secret.txt'))}`,
    'loci-app://app//etc/passwd',
    'loci-app://app/link.txt',
    'loci-app://app/%00index.html',
    'loci-app://other/index.html',
  ])('refuses %s', async (url) => {
    const res = await appProtocolResponse(root, url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('do not serve');
  });
});
