import { useSyncExternalStore } from 'react';
import { parseRoute, routeHref } from './routes';
import type { ResponseLayout, Route } from './routes';

export { RESPONSE_LAYOUTS, RESPONSE_VIEWS, parseRoute, revisionRoute, routeHref } from './routes';
export type { ResponseLayout, ResponseView, Route } from './routes';

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => { window.removeEventListener('hashchange', listener); };
}

export function useRoute(): Route {
  // The server snapshot (no address: the home screen) serves static rendering, as in the unit tests.
  const hash = useSyncExternalStore(subscribe, () => window.location.hash, () => '');
  return parseRoute(hash);
}

/**
 * The response layout the address holds, as a route fragment to spread into links within the
 * response (`{ layout: 'all' }` or nothing), so a jump from the check or score view to a question
 * lands in the layout the person chose.
 */
export function useKeptLayout(): { readonly layout?: ResponseLayout } {
  const route = useRoute();
  return route.name === 'response' && route.layout ? { layout: route.layout } : {};
}
