import { useSyncExternalStore } from 'react';

/** Screens of the app. Hash routing: it works the same under app:// and a static web server. */
export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'new'; readonly questionnaireId?: string }
  | { readonly name: 'response'; readonly responseId: string; readonly sectionId?: string };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'new') {
    const questionnaireId = new URLSearchParams(query).get('questionnaire') ?? undefined;
    return questionnaireId ? { name: 'new', questionnaireId } : { name: 'new' };
  }
  if (parts[0] === 'response' && parts[1]) {
    return parts[2] ? { name: 'response', responseId: parts[1], sectionId: parts[2] } : { name: 'response', responseId: parts[1] };
  }
  return { name: 'home' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'new':
      return route.questionnaireId ? `#/new?questionnaire=${encodeURIComponent(route.questionnaireId)}` : '#/new';
    case 'response': {
      const base = `#/response/${encodeURIComponent(route.responseId)}`;
      return route.sectionId ? `${base}/${encodeURIComponent(route.sectionId)}` : base;
    }
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => { window.removeEventListener('hashchange', listener); };
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
