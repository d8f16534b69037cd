import type { z } from 'zod';
import type { MethodSpec } from './define';
import type { EventPayloads } from './events';
import type { EventName, MethodName } from './names';
import { appMethods } from './methods/app';
import { documentMethods } from './methods/documents';
import { duplicateMethods } from './methods/duplicates';
import { exploreMethods } from './methods/explore';
import { fileMethods } from './methods/files';
import { heatmapMethods } from './methods/heatmap';
import { jobMethods } from './methods/jobs';
import { libraryMethods } from './methods/library';
import { mapMethods } from './methods/map';
import { modelMethods } from './methods/models';
import { searchMethods } from './methods/search';
import { settingsMethods } from './methods/settings';
import { topicMethods } from './methods/topics';

/**
 * The contract between the core and every face (Electron IPC, HTTP, CLI, tests, renderer client),
 * declared once. Each domain declares its methods in `methods/<namespace>.ts` (one file per namespace: `search.*` in search.ts) with JSDoc; they are merged
 * here. Renaming a field changes the types everywhere at once.
 */
export const contract = {
  ...appMethods,
  ...libraryMethods,
  ...jobMethods,
  ...searchMethods,
  ...documentMethods,
  ...fileMethods,
  ...modelMethods,
  ...settingsMethods,
  ...heatmapMethods,
  ...exploreMethods,
  ...duplicateMethods,
  ...mapMethods,
  ...topicMethods,
};

export type Contract = typeof contract;

// Compile-time proof that `names.ts` lists exactly the contract's methods and events.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const methodNamesMatch: Exact<keyof Contract, MethodName> = true;
const eventNamesMatch: Exact<keyof EventPayloads, EventName> = true;
void methodNamesMatch;
void eventNamesMatch;

/** What a caller passes (before defaults are applied). */
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives (after validation and defaults). */
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
/** What a method resolves to. */
export type OutputOf<M extends MethodName> = Contract[M] extends MethodSpec<z.ZodType, infer O> ? O : never;
export type EventOf<E extends EventName> = EventPayloads[E];

export type { MethodName, EventName } from './names';
export { methodNames, eventNames, isMethodName, isEventName } from './names';
