import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { defaultRoutes, type Route, type RouteOf, type Tab } from './route';
import { parseRoute, serializeRoute } from './routeCodec';

/** Push a history entry (Back returns here) or replace the current one (typing, paging). */
export type HistoryMode = 'push' | 'replace';

type LastRoutes = { [T in Tab]: RouteOf<T> };

interface RouterState {
  route: Route;
  /** Each section's latest route, so a tab click (and the hidden, still mounted screens) keep it. */
  last: LastRoutes;
}

export interface Router extends RouterState {
  navigate: (route: Route, how?: HistoryMode) => void;
  /** Shows a section as the user left it (its last route). */
  show: (tab: Tab) => void;
  /** Changes one section's state; the URL changes only when that section is the one shown. */
  update: <T extends Tab>(tab: T, patch: Partial<RouteOf<T>>, how?: HistoryMode) => void;
}

function withRoute(last: LastRoutes, route: Route): LastRoutes {
  return { ...last, [route.tab]: route };
}

function urlWith(hash: string): string {
  return `${window.location.pathname}${window.location.search}${hash}`;
}

/**
 * The app's location in `location.hash`: Back, Forward, Reload and bookmarks restore the section and
 * its state. Navigation writes the history entry itself (pushState does not fire `popstate`); Back and
 * Forward, or an edited address, come back through `popstate` / `hashchange`.
 */
export function useHashRouter(): Router {
  const [state, setState] = useState<RouterState>(() => {
    const route = parseRoute(window.location.hash);
    return { route, last: withRoute(defaultRoutes, route) };
  });
  // The newest state, for updates made twice before React renders (e.g. two fields in one handler).
  const current = useRef(state);

  useEffect(() => {
    // Normalise the address (e.g. `#/` or an unknown value) without adding a history entry.
    const canonical = serializeRoute(current.current.route);
    if (window.location.hash !== canonical) window.history.replaceState(null, '', urlWith(canonical));
    const sync = () => {
      const route = parseRoute(window.location.hash);
      if (serializeRoute(route) === serializeRoute(current.current.route)) return;
      const next = { route, last: withRoute(current.current.last, route) };
      current.current = next;
      setState(next);
    };
    window.addEventListener('popstate', sync);
    window.addEventListener('hashchange', sync);
    return () => {
      window.removeEventListener('popstate', sync);
      window.removeEventListener('hashchange', sync);
    };
  }, []);

  const navigate = useCallback((route: Route, how: HistoryMode = 'push') => {
    const hash = serializeRoute(route);
    if (hash !== serializeRoute(current.current.route)) {
      if (how === 'push') window.history.pushState(null, '', urlWith(hash));
      else window.history.replaceState(null, '', urlWith(hash));
    }
    const next = { route, last: withRoute(current.current.last, route) };
    current.current = next;
    setState(next);
  }, []);

  const update = useCallback(
    <T extends Tab>(tab: T, patch: Partial<RouteOf<T>>, how: HistoryMode = 'push') => {
      const route = { ...current.current.last[tab], ...patch } as Route;
      if (current.current.route.tab === tab) return navigate(route, how);
      const next = { ...current.current, last: withRoute(current.current.last, route) };
      current.current = next;
      setState(next);
    },
    [navigate],
  );

  const show = useCallback((tab: Tab) => navigate(current.current.last[tab]), [navigate]);

  return useMemo(() => ({ ...state, navigate, update, show }), [state, navigate, update, show]);
}

export const RouterContext = createContext<Router | null>(null);

/** One section's route and a setter for it (for screens below <RouterContext.Provider>). */
export function useTabRoute<T extends Tab>(
  tab: T,
): [RouteOf<T>, (patch: Partial<RouteOf<T>>, how?: HistoryMode) => void] {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useTabRoute outside RouterContext');
  const { update } = router;
  const set = useCallback(
    (patch: Partial<RouteOf<T>>, how?: HistoryMode) => update(tab, patch, how),
    [update, tab],
  );
  return [router.last[tab], set];
}
