import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  chromiumSwitches,
  dictionaryDownloadUrl,
  quietChromium,
} from '../../../src/main/electron/quietChromium';
import { createFakeElectronModule, FakeApp, FakeSession } from '../../support/fakeElectron';
import { makeTempDir } from '../../support/tempDir';

// Chromium's own background services in the desktop shell, tested against named FAKES of Electron's
// `app` and `session` (the Electron binary cannot run here). What a real Chromium does with the same
// switches is measured in the report of issue 10 (Debian's Chromium under strace).

const tmp = makeTempDir('loci-quiet-');
afterAll(() => tmp.cleanup());

describe('quietChromium (with FakeApp, FakeSession)', () => {
  it('appends the background-networking switches, all before the app is ready', () => {
    const app = new FakeApp(tmp.dir);
    quietChromium(app);
    const names = app.switches.map((s) => s.name);
    for (const name of [
      'disable-background-networking',
      'disable-component-update',
      'disable-domain-reliability',
      'no-pings',
    ])
      expect(names).toContain(name);
    expect(app.switches.find((s) => s.name === 'host-resolver-rules')?.value).toBe('MAP * ~NOTFOUND');
    const features = app.switches.find((s) => s.name === 'disable-features')?.value?.split(',') ?? [];
    expect(features).toEqual(
      expect.arrayContaining(['AutofillServerCommunication', 'MediaRouter', 'OptimizationHints']),
    );
    expect(app.switches.every((s) => !s.appendedWhenReady)).toBe(true);
    expect(app.switches).toHaveLength(chromiumSwitches.length);
  });

  it('refuses to run once the app is ready (Chromium would ignore the switches silently)', () => {
    const app = new FakeApp(tmp.dir);
    app.ready = true;
    expect(() => quietChromium(app)).toThrow(/before the app is ready/);
    expect(app.switches).toEqual([]);
  });

  it('turns spell checking off and points dictionary downloads at loopback on every new session', () => {
    const app = new FakeApp(tmp.dir);
    quietChromium(app);
    const session = new FakeSession();
    app.emit('session-created', session);
    expect(session.spellCheckerEnabled).toBe(false);
    expect(session.dictionaryDownloadUrl).toBe(dictionaryDownloadUrl);
    expect(new URL(dictionaryDownloadUrl).hostname).toBe('127.0.0.1');
  });
});

// The real main.ts, imported with the electron module replaced by the FAKE module: proves the wiring
// (what runs at load, what runs at ready), not just the helper.
const fakeElectron = createFakeElectronModule(tmp.dir);
vi.mock('electron', () => fakeElectron);

describe('src/main/electron/main.ts wiring (with the fake electron module)', () => {
  it('quiets Chromium at load, hardens the default session at ready, forks the core with ORT telemetry off', async () => {
    await import('../../../src/main/electron/main');
    const { app, session, forked } = fakeElectron;

    // At load, before ready: every switch is in, and sessions will be quieted as they are created.
    expect(app.switches.map((s) => s.name)).toEqual(chromiumSwitches.map(([name]) => name));
    expect(app.switches.every((s) => !s.appendedWhenReady)).toBe(true);
    expect(forked).toHaveLength(0);

    await app.becomeReady(session.defaultSession);
    await new Promise((r) => setTimeout(r, 0));

    const ses = session.defaultSession;
    expect(ses.spellCheckerEnabled).toBe(false);
    expect(ses.dictionaryDownloadUrl).toBe(dictionaryDownloadUrl);
    // Only the app's own pages may load: anything with a host on the network is cancelled.
    expect(ses.blocks('https://redirector.gvt1.com/edgedl/chrome/dict/en-us-10-1.bdic')).toBe(true);
    expect(ses.blocks('http://127.0.0.1:9/en-US-10-1.bdic')).toBe(true);
    expect(ses.blocks('loci-app://app/index.html')).toBe(false);

    expect(forked).toHaveLength(1);
    expect(forked[0]!.options.env?.ORT_DISABLE_TELEMETRY).toBe('1');
  });
});
