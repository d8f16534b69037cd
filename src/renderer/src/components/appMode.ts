import { createContext, useContext } from 'react';

/** Desktop app (Electron) or browser mode (`loci serve`): some actions happen elsewhere in the latter. */
export const AppModeContext = createContext<'desktop' | 'browser'>('desktop');

export function useAppMode(): 'desktop' | 'browser' {
  return useContext(AppModeContext);
}
