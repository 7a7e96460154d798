/**
 * The app's addresses as data: parsing and writing them. No React here: the start-up module
 * (boot.ts) reads the opening address with it before any library has loaded (issue 10).
 */
/** Screens of the app. Hash routing: it works the same under app:// and a static web server. */
export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'new'; readonly questionnaireId?: string }
  | { readonly name: 'identity' }
  | { readonly name: 'verify' }
  | { readonly name: 'review' }
  /** The coordinator's merge of many submissions. */
  | { readonly name: 'merge' }
  /** Back up everything kept on this device to one file, and restore it (issue 9). */
  | { readonly name: 'backup' }
  /** Version, build, questionnaire editions on board, where data lives, licence, updates (issue 9). */
  | { readonly name: 'about' }
  | {
      readonly name: 'response';
      readonly responseId: string;
      readonly sectionId?: string;
      /** A question to bring into view and focus (from the validation panel). */
      readonly questionId?: string;
      /**
       * `check`: the validation panel and ready-to-submit summary instead of a section; `score`: the
       * self-assessment score (OSI and LOSI); `plan`: the printable improvement plan.
       */
      readonly view?: ResponseView;
      /** `all`: every section on one page (a layout choice kept in the address, so reload keeps it). */
      readonly layout?: ResponseLayout;
    };

export const RESPONSE_VIEWS = ['check', 'score', 'plan'] as const;
export type ResponseView = (typeof RESPONSE_VIEWS)[number];
export const RESPONSE_LAYOUTS = ['all'] as const;
export type ResponseLayout = (typeof RESPONSE_LAYOUTS)[number];

function responseView(value: string | null): ResponseView | undefined {
  return RESPONSE_VIEWS.find((view) => view === value);
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'new') {
    const questionnaireId = new URLSearchParams(query).get('questionnaire') ?? undefined;
    return questionnaireId ? { name: 'new', questionnaireId } : { name: 'new' };
  }
  if (parts[0] === 'identity') return { name: 'identity' };
  if (parts[0] === 'verify') return { name: 'verify' };
  if (parts[0] === 'review') return { name: 'review' };
  if (parts[0] === 'merge') return { name: 'merge' };
  if (parts[0] === 'backup') return { name: 'backup' };
  if (parts[0] === 'about') return { name: 'about' };
  if (parts[0] === 'response' && parts[1]) {
    // View and question travel in the query, so no section id (they are free-form) can clash with them.
    const params = new URLSearchParams(query);
    const questionId = params.get('question');
    const view = responseView(params.get('view'));
    const layout = RESPONSE_LAYOUTS.find((known) => known === params.get('layout'));
    return {
      name: 'response',
      responseId: parts[1],
      ...(parts[2] ? { sectionId: parts[2] } : {}),
      ...(questionId ? { questionId } : {}),
      ...(view ? { view } : {}),
      ...(layout ? { layout } : {}),
    };
  }
  return { name: 'home' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'identity':
      return '#/identity';
    case 'verify':
      return '#/verify';
    case 'review':
      return '#/review';
    case 'merge':
      return '#/merge';
    case 'backup':
      return '#/backup';
    case 'about':
      return '#/about';
    case 'new':
      return route.questionnaireId ? `#/new?questionnaire=${encodeURIComponent(route.questionnaireId)}` : '#/new';
    case 'response': {
      const base = `#/response/${encodeURIComponent(route.responseId)}`;
      const path = route.sectionId ? `${base}/${encodeURIComponent(route.sectionId)}` : base;
      const params = new URLSearchParams();
      if (route.view) params.set('view', route.view);
      if (route.questionId) params.set('question', route.questionId);
      if (route.layout) params.set('layout', route.layout);
      const query = params.toString();
      return query ? `${path}?${query}` : path;
    }
  }
}

/**
 * Where "Start a revision" leads: the new revision's answer screen, in the layout the person had
 * chosen for the submitted response (a one-page reader stays on one page).
 */
export function revisionRoute(revisionId: string, layout: ResponseLayout | undefined): Route {
  return { name: 'response', responseId: revisionId, ...(layout ? { layout } : {}) };
}
