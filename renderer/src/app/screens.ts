import { lazy } from 'react';

/**
 * Every screen but home, loaded when first opened: the first screen then ships only what it needs
 * (issue 10: first-screen JS under 250 KB gzip). Each screen still moves focus to its heading when it
 * mounts (useScreenHeading), which now happens once its code has arrived.
 */
export const NewResponseScreen = lazy(() =>
  import('../features/new-response/NewResponseScreen').then((module) => ({ default: module.NewResponseScreen })),
);
export const IdentityScreen = lazy(() =>
  import('../features/identity/IdentityScreen').then((module) => ({ default: module.IdentityScreen })),
);
export const VerifyScreen = lazy(() => import('../features/verify/VerifyScreen').then((module) => ({ default: module.VerifyScreen })));
export const ReviewScreen = lazy(() => import('../features/review/ReviewScreen').then((module) => ({ default: module.ReviewScreen })));
export const MergeScreen = lazy(() => import('../features/merge/MergeScreen').then((module) => ({ default: module.MergeScreen })));
export const AnswerScreen = lazy(() =>
  import('../features/answering/AnswerScreen').then((module) => ({ default: module.AnswerScreen })),
);
