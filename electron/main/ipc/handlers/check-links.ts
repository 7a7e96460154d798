import { net } from 'electron';
import { checkLinks as checkLinksNow } from '../../links/check-links';
import type { IpcHandlers } from '../register';

export interface CheckLinksDependencies {
  readonly isOnline: () => boolean;
  readonly check: (urls: readonly string[]) => ReturnType<typeof checkLinksNow>;
}

/**
 * `links:check` over injectable parts. Offline, nothing is requested and the answer says so, so
 * the renderer keeps the previous results instead of marking every link unreachable.
 */
export function checkLinksHandler({ isOnline, check }: CheckLinksDependencies): IpcHandlers['checkLinks'] {
  return async ({ urls }) => (isOnline() ? { online: true, results: await check(urls) } : { online: false, results: [] });
}

/**
 * `net.isOnline()` is Chromium's view of the network: `false` means certainly offline, `true` only
 * that an interface is up. Read on each call (not at import) so a laptop that reconnects is seen.
 */
export const checkLinks: IpcHandlers['checkLinks'] = checkLinksHandler({
  isOnline: () => net.isOnline(),
  check: (urls) => checkLinksNow(urls),
});
