import { createContext, useContext } from 'react';
import type { LociClient } from '../../../shared/api/client';

export const ClientContext = createContext<LociClient | null>(null);

/** The typed core client for components below <ClientContext.Provider>. */
export function useClient(): LociClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientContext');
  return client;
}
