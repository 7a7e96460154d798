import type { ReactNode } from 'react';
import { reportError } from '../app/notices';
import { platform } from '../platform';

/** Opens a link outside the app through the one safe path; a refused link is reported, never followed. */
export function openExternalLink(url: string): void {
  platform().openExternal(url).catch((error: unknown) => { reportError('errors.linkNotOpened', error); });
}

/**
 * A link to a page outside the app (evidence, a portal). A real `<a>` so it reads and behaves as a
 * link, but the click goes through `openExternal` (desktop: system browser after parsing; web: a
 * `noopener` tab), never through the app's own navigation.
 */
export function ExternalLink({ url, children }: { readonly url: string; readonly children: ReactNode }) {
  return (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      onClick={(event) => {
        event.preventDefault();
        openExternalLink(url);
      }}
    >
      {children}
    </a>
  );
}
