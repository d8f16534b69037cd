import type { DocumentKind } from '../../../shared/api/methods/library';
import type { MapLevel, MapProjection } from '../../../shared/api/methods/map';
import type { SearchMode } from '../../../shared/api/methods/search';

/**
 * What the address bar holds: the section (tab) and that section's state (query, mode, filters, the
 * open document and page, the map's view and selection, the heatmap kind). Only the active section's
 * state is in the URL; the app remembers the others' last routes so a tab click returns to them.
 */

export const tabs = ['library', 'search', 'map', 'heatmaps', 'settings'] as const;
export type Tab = (typeof tabs)[number];

export const heatmapViews = [
  'documents',
  'clusters',
  'query',
  'models',
  'time',
  'duplicates',
  'explore',
] as const;
export type HeatmapView = (typeof heatmapViews)[number];

export const mapColorModes = ['cluster', 'folder', 'kind', 'date'] as const;
export type MapColorMode = (typeof mapColorModes)[number];

/** The document open in a section's viewer: its id, the page shown and (from a hit) the marked passage. */
export interface DocRoute {
  id: string;
  /** The page the viewer shows now (it follows page turns). */
  page: number | null;
  /** The passage to mark: a page and a character range on it (`document.pages`), from a hit. */
  mark?: { page: number; start: number; end: number };
}

export interface LibraryRoute {
  tab: 'library';
  doc: DocRoute | null;
}

export interface SearchRoute {
  tab: 'search';
  q: string;
  mode: SearchMode;
  source: string;
  kind: DocumentKind | '';
  folder: string;
  /** '' or a topic / sub-topic of the library's topic model (components/topicChoice.ts). */
  topic: string;
  doc: DocRoute | null;
}

export interface MapRoute {
  tab: 'map';
  level: MapLevel;
  method: MapProjection;
  /** null: the map's own default (3D for a few thousand points, 2D for more). */
  dims: 2 | 3 | null;
  color: MapColorMode;
  /** Selected legend entry (its key), or null. A lassoed region is not kept in the URL. */
  sel: string | null;
  /** The query placed on the map. */
  q: string;
  doc: DocRoute | null;
}

export interface HeatmapsRoute {
  tab: 'heatmaps';
  view: HeatmapView;
  /** Model id; '' is the library's default model. */
  model: string;
}

export interface SettingsRoute {
  tab: 'settings';
}

export type Route = LibraryRoute | SearchRoute | MapRoute | HeatmapsRoute | SettingsRoute;
export type RouteOf<T extends Tab> = Extract<Route, { tab: T }>;

/** Each section's state when the URL says nothing about it. */
export const defaultRoutes: { [T in Tab]: RouteOf<T> } = {
  library: { tab: 'library', doc: null },
  search: { tab: 'search', q: '', mode: 'hybrid', source: '', kind: '', folder: '', topic: '', doc: null },
  map: {
    tab: 'map',
    level: 'documents',
    method: 'umap',
    dims: null,
    color: 'cluster',
    sel: null,
    q: '',
    doc: null,
  },
  heatmaps: { tab: 'heatmaps', view: 'documents', model: '' },
  settings: { tab: 'settings' },
};
