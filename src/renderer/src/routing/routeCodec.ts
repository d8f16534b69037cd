import { parseTopicChoice } from '../components/topicChoice';
import { documentKinds, searchModes } from '../components/vocabulary';
import {
  defaultRoutes,
  heatmapViews,
  mapColorModes,
  tabs,
  type DocRoute,
  type Route,
  type RouteOf,
  type Tab,
} from './route';

/*
 * Route <-> URL hash, e.g. `#/search?q=swept+wings&mode=keyword&doc=ab12&page=4&at=3_120-480`
 * (page 4 shown; the hit's passage is characters 120-480 of page 3).
 * The hash works the same under `loci serve` (served at `/`, token kept out of the URL) and in the
 * desktop app's custom protocol, and changing it never reloads the page. Parsing never throws: an
 * unknown tab or value falls back to the default, so an old or hand-edited bookmark still opens.
 */

function oneOf<T extends string>(values: readonly T[], raw: string | null, fallback: T): T {
  return raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : fallback;
}

function positiveInt(raw: string | null): number | null {
  if (raw === null || !/^\d{1,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n > 0 ? n : null;
}

function parseDoc(p: URLSearchParams): DocRoute | null {
  const id = p.get('doc');
  if (!id) return null;
  const doc: DocRoute = { id, page: positiveInt(p.get('page')) };
  const at = /^(\d{1,9})_(\d{1,9})-(\d{1,9})$/.exec(p.get('at') ?? '');
  if (at && Number(at[1]) > 0 && Number(at[3]) > Number(at[2])) {
    doc.mark = { page: Number(at[1]), start: Number(at[2]), end: Number(at[3]) };
  }
  return doc;
}

function writeDoc(p: URLSearchParams, doc: DocRoute | null): void {
  if (!doc) return;
  p.set('doc', doc.id);
  if (doc.page !== null) p.set('page', String(doc.page));
  if (doc.mark) p.set('at', `${doc.mark.page}_${doc.mark.start}-${doc.mark.end}`);
}

/** Reads a route from `location.hash` (with or without the leading `#`). */
export function parseRoute(hash: string): Route {
  const body = hash.replace(/^#?\/?/, '');
  const [pathPart = '', query = ''] = body.split(/\?(.*)/s, 2);
  const tab = oneOf(tabs, pathPart.replace(/\/+$/, ''), 'library');
  const p = new URLSearchParams(query);
  switch (tab) {
    case 'library':
      return { tab, doc: parseDoc(p) };
    case 'search': {
      const d = defaultRoutes.search;
      return {
        tab,
        q: p.get('q') ?? '',
        mode: oneOf(searchModes, p.get('mode'), d.mode),
        source: p.get('source') ?? '',
        kind: oneOf(['', ...documentKinds], p.get('kind'), ''),
        folder: p.get('folder') ?? '',
        topic: parseTopicChoice(p.get('topic')),
        doc: parseDoc(p),
      };
    }
    case 'map': {
      const d = defaultRoutes.map;
      return {
        tab,
        level: oneOf(['documents', 'chunks'] as const, p.get('level'), d.level),
        method: oneOf(['umap', 'pca'] as const, p.get('method'), d.method),
        dims: p.get('dims') === '2' ? 2 : p.get('dims') === '3' ? 3 : null,
        color: oneOf(mapColorModes, p.get('color'), d.color),
        sel: p.get('sel') || null,
        q: p.get('q') ?? '',
        doc: parseDoc(p),
      };
    }
    case 'heatmaps':
      return {
        tab,
        view: oneOf(heatmapViews, p.get('view'), defaultRoutes.heatmaps.view),
        model: p.get('model') ?? '',
      };
    case 'settings':
      return { tab };
  }
}

/** Writes a route as a hash (`#/tab?…`), leaving out values that equal the defaults. */
export function serializeRoute(route: Route): string {
  const p = new URLSearchParams();
  const set = (key: string, value: string | number | null, fallback: string | number | null) => {
    if (value !== null && value !== fallback && value !== '') p.set(key, String(value));
  };
  switch (route.tab) {
    case 'library':
      writeDoc(p, route.doc);
      break;
    case 'search': {
      const d = defaultRoutes.search;
      set('q', route.q, d.q);
      set('mode', route.mode, d.mode);
      set('source', route.source, d.source);
      set('kind', route.kind, d.kind);
      set('folder', route.folder, d.folder);
      set('topic', route.topic, d.topic);
      writeDoc(p, route.doc);
      break;
    }
    case 'map': {
      const d = defaultRoutes.map;
      set('level', route.level, d.level);
      set('method', route.method, d.method);
      set('dims', route.dims, d.dims);
      set('color', route.color, d.color);
      set('sel', route.sel, d.sel);
      set('q', route.q, d.q);
      writeDoc(p, route.doc);
      break;
    }
    case 'heatmaps':
      set('view', route.view, defaultRoutes.heatmaps.view);
      set('model', route.model, defaultRoutes.heatmaps.model);
      break;
    case 'settings':
      break;
  }
  const query = p.toString();
  return `#/${route.tab}${query ? `?${query}` : ''}`;
}

/** Narrows a route to one tab's, or that tab's default when the route is another tab's. */
export function routeFor<T extends Tab>(tab: T, route: Route): RouteOf<T> {
  return (route.tab === tab ? route : defaultRoutes[tab]) as RouteOf<T>;
}
