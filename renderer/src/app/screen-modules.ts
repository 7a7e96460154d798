import type { Route } from './routes';

/**
 * Where each screen's code is, by the route that opens it. Pure (no React): screens.ts wraps these as
 * components, and boot.ts starts fetching the opening screen with them before the app's libraries
 * have arrived. Both import the same module, which the browser fetches and runs once.
 */
export const screenModules = {
  new: () => import('../features/new-response/NewResponseScreen'),
  identity: () => import('../features/identity/IdentityScreen'),
  verify: () => import('../features/verify/VerifyScreen'),
  review: () => import('../features/review/ReviewScreen'),
  merge: () => import('../features/merge/MergeScreen'),
  backup: () => import('../features/backup/BackupScreen'),
  about: () => import('../features/about/AboutScreen'),
  response: () => import('../features/answering/AnswerScreen'),
} satisfies Record<Exclude<Route['name'], 'home'>, () => Promise<unknown>>;

/** The loader of the screen a route opens; the home screen is part of the app's own chunk. */
export function screenModuleFor(route: Route): (() => Promise<unknown>) | undefined {
  return route.name === 'home' ? undefined : screenModules[route.name];
}
