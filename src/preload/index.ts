import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge';
import { installDropForwarder } from './dropForwarder';

// Exposes exactly `invoke(method, input)` and `on(event, callback)` to the page as `window.loci`.
contextBridge.exposeInMainWorld('loci', createBridge(ipcRenderer));

// Files and folders dropped on the window go to the library (paths never reach the page).
installDropForwarder(window, {
  getPathForFile: (file) => webUtils.getPathForFile(file),
  send: (channel, paths) => ipcRenderer.send(channel, paths),
});
