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
  'jobs.list',
  'jobs.cancel',
  'search.query',
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
  'heatmap.get',
  'explore.arithmetic',
  'explore.neighbours',
  'explore.vocabulary',
  'duplicates.list',
  'models.embedLibrary',
  'map.get',
  'map.recompute',
  'map.project',
] as const;

export const eventNames = ['job.progress', 'library.changed'] as const;

export type MethodName = (typeof methodNames)[number];
export type EventName = (typeof eventNames)[number];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (methodNames as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}
