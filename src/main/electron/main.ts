import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  shell,
  utilityProcess,
} from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ipcChannels } from '../../shared/api/ipcChannels';
import { defaultDataDir, defaultLibraryDir, legacyDataDirs, type CoreConfig } from '../core/config';
import { migrateDataDir } from '../core/migrateDataDir';
import { ORT_TELEMETRY_OFF } from '../core/embed/ortTelemetry';
import { SUPPORTED_EXTENSIONS } from '../core/ingest/sourceKinds';
import { appOrigin, appSchemePrivileges, registerAppProtocol } from './appProtocol';
import { startCoreProcess } from './coreProcess';
import { guardWebContents, hardenSession } from './guardContents';
import { eventChannel, isTrustedSender, registerIpcRelay } from './ipcRelay';
import { buildMenuTemplate } from './menu';
import { quietChromium, quietSession } from './quietChromium';
import { createMainWindow } from './windowOptions';

// The desktop face: windows, menu, dialogs, drag and drop, the app protocol and the IPC relay. The
// core itself runs in a utility process (coreHost), so no window freezes while it works.
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');

// First, before anything else touches Chromium: its background services off (read once, at startup).
quietChromium(app);
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
app.enableSandbox();
app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

// One data folder for the app and the CLI (libraries, models, settings): the OS data folder, not
// Electron's userData (that keeps only Chromium's own files). An earlier version's data moves once.
const dataDir = defaultDataDir();
migrateDataDir(dataDir, legacyDataDirs());

/** The library the desktop app opened last (File > Open Library…), remembered across starts. */
function desktopStateFile(): string {
  return path.join(dataDir, 'desktop.json');
}
function rememberedLibrary(dataDir: string): string {
  try {
    const state = JSON.parse(fs.readFileSync(desktopStateFile(), 'utf8')) as { libraryDir?: string };
    if (state.libraryDir) return state.libraryDir;
  } catch {
    // First start or unreadable state: the default library.
  }
  return defaultLibraryDir(dataDir);
}

type CoreProcess = ReturnType<typeof startCoreProcess>;
let core: CoreProcess | null = null;

function startCore(libraryDir: string): CoreProcess {
  const config: CoreConfig = {
    appVersion: app.getVersion(),
    dataDir,
    libraryDir,
    resourcesDir: app.isPackaged ? process.resourcesPath : path.join(here, '../../resources'),
    watch: true,
  };
  return startCoreProcess(
    // The core process turns ONNX Runtime's telemetry off itself; its environment says so from birth too.
    (modulePath) =>
      utilityProcess.fork(modulePath, [], {
        serviceName: 'Loci core',
        env: { ...process.env, ...ORT_TELEMETRY_OFF },
      }),
    path.join(here, 'coreHost.js'),
    config,
    (event, payload) => {
      for (const win of BrowserWindow.getAllWindows()) win.webContents.send(eventChannel, event, payload);
    },
  );
}

async function addPaths(paths: string[]): Promise<void> {
  if (paths.length === 0 || !core) return;
  const result = await core.call('library.add', { paths });
  if (!result.ok) dialog.showErrorBox('Could not add to the library', result.error.message);
}

void app.whenReady().then(() => {
  quietSession(session.defaultSession);
  hardenSession(session.defaultSession);
  registerAppProtocol(protocol, rendererDir);
  let libraryDir = rememberedLibrary(dataDir);
  core = startCore(libraryDir);
  registerIpcRelay(ipcMain, (method, input) => core!.call(method, input));

  ipcMain.on(ipcChannels.droppedPaths, (event, paths: unknown) => {
    if (!isTrustedSender(event)) return;
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string')) return;
    void addPaths(paths as string[]);
  });

  const win = createMainWindow(BrowserWindow, preloadPath);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${appOrigin}/index.html`);

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate(
        {
          addFolder: async () => {
            const r = await dialog.showOpenDialog(win, { properties: ['openDirectory', 'multiSelections'] });
            if (!r.canceled) await addPaths(r.filePaths);
          },
          addFiles: async () => {
            const r = await dialog.showOpenDialog(win, {
              properties: ['openFile', 'multiSelections'],
              filters: [
                // Every extension ingest reads, from the one list the folder walk uses.
                { name: 'Documents', extensions: SUPPORTED_EXTENSIONS.map((e) => e.slice(1)) },
              ],
            });
            if (!r.canceled) await addPaths(r.filePaths);
          },
          openLibrary: async () => {
            const r = await dialog.showOpenDialog(win, {
              title: 'Open or create a library folder',
              properties: ['openDirectory', 'createDirectory'],
            });
            if (r.canceled || !r.filePaths[0]) return;
            libraryDir = r.filePaths[0];
            fs.writeFileSync(desktopStateFile(), JSON.stringify({ libraryDir }));
            core?.shutdown();
            core = startCore(libraryDir);
            win.webContents.reload();
          },
          revealLibrary: () => void shell.openPath(libraryDir),
          quit: () => app.quit(),
        },
        process.platform,
      ),
    ),
  );

  app.on('before-quit', () => core?.shutdown());
});

app.on('window-all-closed', () => app.quit());
