/// <reference types="vite/client" />
import type { LociBridge } from '../../shared/api/bridge';

declare global {
  interface Window {
    /** Present only inside the Electron app (set by the preload script). */
    loci?: LociBridge;
  }
}

export {};
