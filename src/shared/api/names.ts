/**
 * The contract's method and event names as plain arrays. The preload script checks calls against these
 * without pulling the schemas in; `contract.ts` proves at compile time that they match the contract.
 */
export const methodNames = [
  'app.info',
  'app.ping',
  'library.status',
  'library.add',
  'library.sync',
  'library.remove',
  'library.documents',
  'library.check',
  'library.repair',
  'library.ocrSkipped',
  'library.reembedText',
  'jobs.list',
  'jobs.cancel',
  'search.query',
  'search.passages',
  'document.get',
  'document.pages',
  'document.bytes',
  'document.openExternal',
  'document.reveal',
  'files.list',
  'files.upload',
  'models.list',
  'models.import',
  'models.remove',
  'settings.get',
  'settings.set',
  'settings.ocrLanguages',
  'heatmap.get',
  'heatmap.pair',
  'explore.arithmetic',
  'explore.neighbours',
  'explore.vocabulary',
  'duplicates.list',
  'models.embedLibrary',
  'map.get',
  'map.recompute',
  'map.project',
  'topics.get',
] as const;

/**
 * Methods whose input has a `body` stream. Over HTTP they are `PUT /api/<method>?<other fields>` with
 * the raw bytes as the request body (streamed to disk, bounded memory); the other fields are strings in
 * the query. Over IPC they are refused (a stream cannot cross), which is fine: the desktop app gets
 * dropped files as paths.
 */
export const streamedMethods = ['files.upload'] as const satisfies readonly (typeof methodNames)[number][];

export const eventNames = ['job.progress', 'library.changed', 'index.synced'] as const;

export type MethodName = (typeof methodNames)[number];
export type EventName = (typeof eventNames)[number];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (methodNames as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}
