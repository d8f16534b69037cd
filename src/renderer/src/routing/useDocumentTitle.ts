import { useEffect } from 'react';
import type { Route } from './route';

const sectionNames = {
  library: 'Library',
  search: 'Search',
  map: 'Map',
  heatmaps: 'Heatmaps',
  settings: 'Settings',
} as const;

/** The window title names the section (and the query), so history entries and bookmarks read well. */
export function useDocumentTitle(route: Route): void {
  const query = route.tab === 'search' || route.tab === 'map' ? route.q.trim() : '';
  const title = `${sectionNames[route.tab]}${query ? `: ${query}` : ''} · Loci`;
  useEffect(() => {
    document.title = title;
  }, [title]);
}
