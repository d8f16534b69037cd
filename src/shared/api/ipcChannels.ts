/**
 * The Electron IPC channel names, defined once for the main process's relay and the preload bridge
 * (a typo on one side would otherwise be a silent dead channel).
 */
export const ipcChannels = {
  /** Page -> main: `invoke(method, input)`, answered with a DispatchResult. */
  invoke: 'loci:invoke',
  /** Main -> page: `(event, payload)` for every core event. */
  event: 'loci:event',
  /** Preload -> main: file paths dropped onto the window. */
  droppedPaths: 'loci:dropped-paths',
} as const;
