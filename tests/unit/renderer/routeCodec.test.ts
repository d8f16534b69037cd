import { describe, expect, it } from 'vitest';
import { defaultRoutes, type Route } from '../../../src/renderer/src/routing/route';
import { parseRoute, routeFor, serializeRoute } from '../../../src/renderer/src/routing/routeCodec';

describe('route codec (URL hash <-> app state)', () => {
  const samples: Route[] = [
    { tab: 'library', doc: null },
    { tab: 'library', doc: { id: 'doc-1', page: 4 } },
    {
      tab: 'search',
      q: 'swept wings & drag? 100% #1 / ünïcode',
      mode: 'keyword',
      source: '/home/u/papers & notes',
      kind: 'pdf',
      folder: '/home/u/papers/2024',
      topic: '2.5',
      doc: { id: 'a/b c', page: 4, mark: { page: 3, start: 120, end: 480 } },
    },
    { ...defaultRoutes.search, q: 'rivers' },
    { ...defaultRoutes.search, q: 'rivers', topic: '0' },
    {
      tab: 'map',
      level: 'chunks',
      method: 'pca',
      dims: 2,
      color: 'folder',
      sel: '/home/u/papers',
      q: 'beavers',
      doc: { id: 'x', page: null },
    },
    { tab: 'heatmaps', view: 'query', model: 'use-lite' },
    { tab: 'settings' },
  ];

  it.each(samples.map((r) => [serializeRoute(r), r] as const))('round-trips %s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
    expect(serializeRoute(parseRoute(hash))).toBe(hash);
  });

  it('writes short URLs: defaults are left out', () => {
    expect(serializeRoute(defaultRoutes.search)).toBe('#/search');
    expect(serializeRoute(defaultRoutes.map)).toBe('#/map');
    expect(serializeRoute({ ...defaultRoutes.search, q: 'a b' })).toBe('#/search?q=a+b');
    expect(serializeRoute({ tab: 'library', doc: { id: 'd', page: 2 } })).toBe('#/library?doc=d&page=2');
  });

  it('opens the library for an empty or unknown address', () => {
    expect(parseRoute('')).toEqual(defaultRoutes.library);
    expect(parseRoute('#')).toEqual(defaultRoutes.library);
    expect(parseRoute('#/')).toEqual(defaultRoutes.library);
    expect(parseRoute('#/nowhere?q=x')).toEqual(defaultRoutes.library);
  });

  it('falls back to defaults for values it does not know, keeping the rest (old or edited bookmarks)', () => {
    expect(parseRoute('#/search?q=wings&topic=x1')).toEqual({ ...defaultRoutes.search, q: 'wings' });
    expect(parseRoute('#/search?q=wings&topic=1.')).toEqual({ ...defaultRoutes.search, q: 'wings' });
    expect(parseRoute('#/search?q=wings&mode=telepathy&kind=exe')).toEqual({
      ...defaultRoutes.search,
      q: 'wings',
    });
    expect(parseRoute('#/map?dims=7&level=atoms&color=cluster&sel=')).toEqual(defaultRoutes.map);
    expect(parseRoute('#/heatmaps?view=nope')).toEqual(defaultRoutes.heatmaps);
    // A page must be a positive integer; a character range must be increasing.
    expect(parseRoute('#/library?doc=d&page=-2&at=1_9-3')).toEqual({
      tab: 'library',
      doc: { id: 'd', page: null },
    });
    expect(parseRoute('#/library?doc=d&page=0&at=0_1-5')).toEqual({
      tab: 'library',
      doc: { id: 'd', page: null },
    });
  });

  it('accepts the hash with or without "#" and a trailing slash', () => {
    expect(parseRoute('/settings/')).toEqual({ tab: 'settings' });
    expect(parseRoute('#/search/?q=x').tab).toBe('search');
  });

  it('routeFor gives a tab its default when the route is another tab’s', () => {
    expect(routeFor('search', { tab: 'settings' })).toEqual(defaultRoutes.search);
    const r = { ...defaultRoutes.search, q: 'x' };
    expect(routeFor('search', r)).toBe(r);
  });
});
