import { useEffect } from 'react';
import { reportError } from '../../app/notices';
import { platform } from '../../platform';
import type { OpenedWithFiles } from '../../platform/types';
import { openAndReview } from './open-submission';

export interface OpenedWithDependencies {
  readonly take: () => Promise<OpenedWithFiles>;
  readonly open: (fileName: string, bytes: Uint8Array) => Promise<void>;
  readonly report: (key: string, error: unknown) => void;
}

const appDependencies: OpenedWithDependencies = {
  take: () => platform().takeOpenedFiles(),
  open: openAndReview,
  report: reportError,
};

/**
 * Collects what the OS handed over and reviews the first file. The review screen shows one
 * submission at a time, so any further file is reported as not opened rather than dropped unseen.
 */
export async function openFilesHandedOver(deps: OpenedWithDependencies = appDependencies): Promise<void> {
  const { files, refused } = await deps.take();
  for (const { name, reason } of refused) deps.report('review.openFailed', new Error(`${name}: ${reason}`));
  const [first, ...others] = files;
  for (const { name } of others) {
    deps.report('review.openFailed', new Error(`${name}: Only one submission is reviewed at a time; open it on its own.`));
  }
  if (first) await deps.open(first.name, first.data);
}

/**
 * Opens a submission the OS started the app with, or handed to the running app ("open with", a
 * file association). Asked at start-up and whenever the window gains focus: the desktop side
 * focuses the window when a file arrives, so no push channel from the main process is needed.
 * Each file is handed out once, so overlapping calls cannot open it twice.
 */
export function useOpenedWith(): void {
  useEffect(() => {
    const check = () => {
      openFilesHandedOver().catch((error: unknown) => { reportError('review.openFailed', error); });
    };
    check();
    window.addEventListener('focus', check);
    return () => { window.removeEventListener('focus', check); };
  }, []);
}
