import { createElement, lazy } from 'react';
import type { ComponentType, ReactElement } from 'react';
import type { Route } from './routes';
import { screenModules } from './screen-modules';

/**
 * Every screen but home, loaded when first opened: the first screen then ships only what it needs
 * (issue 10: first-screen JS under 250 KB gzip). Each screen still moves focus to its heading when it
 * mounts (useScreenHeading), which now happens once its code has arrived.
 *
 * A screen whose code is already here renders at once, without React.lazy: a lazy component
 * suspends on its first render even when its module has loaded, and React then holds the loading
 * state for up to 300 ms (its fallback throttle). So `main.tsx` loads the opening route's screen
 * before the first render, and the others are fetched while the person looks at the first screen.
 */
interface LazyScreen<P extends object> {
  (props: P): ReactElement;
  preload(): Promise<void>;
}

function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): LazyScreen<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<void> | undefined;
  const preload = (): Promise<void> => {
    loading ??= load().then(
      (component) => {
        loaded = component;
      },
      (error: unknown) => {
        // A failed fetch (the app was updated meanwhile, say) may be tried again on the next open.
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  const Lazy = lazy(async () => {
    await preload();
    if (loaded === undefined) throw new Error('screen module has no component');
    return { default: loaded };
  });
  const Screen = (props: P): ReactElement => createElement((loaded ?? Lazy) as ComponentType<P>, props);
  return Object.assign(Screen, { preload });
}

export const NewResponseScreen = lazyScreen(() => screenModules.new().then((module) => module.NewResponseScreen));
export const IdentityScreen = lazyScreen(() => screenModules.identity().then((module) => module.IdentityScreen));
export const VerifyScreen = lazyScreen(() => screenModules.verify().then((module) => module.VerifyScreen));
export const ReviewScreen = lazyScreen(() => screenModules.review().then((module) => module.ReviewScreen));
export const MergeScreen = lazyScreen(() => screenModules.merge().then((module) => module.MergeScreen));
export const BackupScreen = lazyScreen(() => screenModules.backup().then((module) => module.BackupScreen));
export const AboutScreen = lazyScreen(() => screenModules.about().then((module) => module.AboutScreen));
export const AnswerScreen = lazyScreen(() => screenModules.response().then((module) => module.AnswerScreen));

/** The screen a route opens, when it is one of the lazily loaded ones. */
function screenFor(route: Route): { preload(): Promise<void> } | undefined {
  switch (route.name) {
    case 'home':
      return undefined;
    case 'new':
      return NewResponseScreen;
    case 'identity':
      return IdentityScreen;
    case 'verify':
      return VerifyScreen;
    case 'review':
      return ReviewScreen;
    case 'merge':
      return MergeScreen;
    case 'backup':
      return BackupScreen;
    case 'about':
      return AboutScreen;
    case 'response':
      return AnswerScreen;
  }
}

/** Loads the opening route's screen; a failure is left to the screen's own loading path. */
export function preloadScreen(route: Route): Promise<void> {
  return screenFor(route)?.preload().catch(() => undefined) ?? Promise.resolve();
}

/** Fetches the screens people open most from the first one, once the browser is idle. */
export function preloadLikelyScreens(): void {
  const later = () => {
    for (const screen of [AnswerScreen, NewResponseScreen]) void screen.preload().catch(() => undefined);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(later, { timeout: 2000 });
  else setTimeout(later, 500);
}
