import { app, BrowserWindow, ipcMain, protocol, session, utilityProcess } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultLibraryDir } from '../core/config';
import { appOrigin, appSchemePrivileges, registerAppProtocol } from './appProtocol';
import { startCoreProcess } from './coreProcess';
import { guardWebContents, hardenSession } from './guardContents';
import { eventChannel, registerIpcRelay } from './ipcRelay';
import { createMainWindow } from './windowOptions';

// The desktop face: windows, the app protocol and the IPC relay. The core itself runs in a utility
// process (coreHost), so no window freezes while it works.
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');

protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
app.enableSandbox();

app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

void app.whenReady().then(() => {
  hardenSession(session.defaultSession);
  registerAppProtocol(protocol, rendererDir);

  const dataDir = app.getPath('userData');
  const core = startCoreProcess(
    (modulePath) => utilityProcess.fork(modulePath, [], { serviceName: 'Loci core' }),
    path.join(here, 'coreHost.js'),
    {
      appVersion: app.getVersion(),
      dataDir,
      libraryDir: defaultLibraryDir(dataDir),
      resourcesDir: app.isPackaged ? process.resourcesPath : path.join(here, '../../resources'),
      watch: true,
    },
    (event, payload) => {
      for (const win of BrowserWindow.getAllWindows()) win.webContents.send(eventChannel, event, payload);
    },
  );
  registerIpcRelay(ipcMain, (method, input) => core.call(method, input));

  const win = createMainWindow(BrowserWindow, preloadPath);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${appOrigin}/index.html`);

  app.on('before-quit', () => core.shutdown());
});

app.on('window-all-closed', () => app.quit());
