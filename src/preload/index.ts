import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

// Exposes exactly `invoke(method, input)` and `on(event, callback)` to the page as `window.loci`.
contextBridge.exposeInMainWorld('loci', createBridge(ipcRenderer));
