import { useSyncExternalStore } from 'react';

const key = 'loci.uploadDir';
const changed = 'loci-upload-dir-changed';

/** The folder dropped files are uploaded into (browser mode), remembered in localStorage. */
export function getUploadDir(): string | null {
  return window.localStorage.getItem(key);
}

export function setUploadDir(path: string | null): void {
  if (path) window.localStorage.setItem(key, path);
  else window.localStorage.removeItem(key);
  window.dispatchEvent(new Event(changed));
}

function subscribe(callback: () => void): () => void {
  window.addEventListener(changed, callback);
  window.addEventListener('storage', callback);
  return () => {
    window.removeEventListener(changed, callback);
    window.removeEventListener('storage', callback);
  };
}

/** The remembered upload folder, re-rendering when it changes (in this tab or another). */
export function useUploadDir(): string | null {
  return useSyncExternalStore(subscribe, getUploadDir);
}
