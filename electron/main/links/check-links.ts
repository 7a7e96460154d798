import type { LinkCheckResult } from '../../../shared/schemas/evidence';
import { checkOneLink } from './follow-redirects';
import type { LinkCheckSettings } from './follow-redirects';
import { mapWithConcurrency } from './pool';

export { LINK_CHECK_DETAILS } from './follow-redirects';

/**
 * The evidence link checker. Plain Node on purpose (node:http/https, no Electron import): the
 * main process calls it over IPC, and the command-line tool in electron/cli will call it directly.
 */

export interface CheckLinksOptions {
  /** Longest wait for one request's response headers; default 10 s. */
  readonly timeoutMs?: number;
  /** URLs checked at the same time; default 4. */
  readonly concurrency?: number;
  /** Most redirects followed per URL; default 5. */
  readonly maxRedirects?: number;
  /** Sent with every request; default `EGovDesk-LinkCheck/<version>`. */
  readonly userAgent?: string;
  /** Clock for `checkedAt`, in milliseconds since the epoch; default `Date.now`. */
  readonly now?: () => number;
}

export const LINK_CHECK_DEFAULTS = { timeoutMs: 10_000, concurrency: 4, maxRedirects: 5 } as const;

/**
 * An honest User-Agent: a site owner who sees the requests in a log can tell what they are, and
 * a server that answers bots differently does so visibly (often 403) rather than silently.
 */
export function linkCheckUserAgent(): string {
  return `EGovDesk-LinkCheck/${__APP_VERSION__}`;
}

/**
 * Checks every URL and returns one result per URL, in the order given. Never rejects because of a
 * URL: a bad one gets a result that says so. A URL listed twice is requested once.
 */
export async function checkLinks(urls: readonly string[], options: CheckLinksOptions = {}): Promise<LinkCheckResult[]> {
  const settings: LinkCheckSettings = {
    timeoutMs: integerAtLeast('timeoutMs', options.timeoutMs ?? LINK_CHECK_DEFAULTS.timeoutMs, 1),
    maxRedirects: integerAtLeast('maxRedirects', options.maxRedirects ?? LINK_CHECK_DEFAULTS.maxRedirects, 0),
    userAgent: options.userAgent ?? linkCheckUserAgent(),
    now: options.now ?? Date.now,
  };
  const concurrency = integerAtLeast('concurrency', options.concurrency ?? LINK_CHECK_DEFAULTS.concurrency, 1);

  const distinct = [...new Set(urls)];
  const checked = await mapWithConcurrency(distinct, concurrency, (url) => checkOneLink(url, settings));
  const byUrl = new Map(checked.map((result) => [result.url, result]));
  return urls.map((url) => {
    const result = byUrl.get(url);
    // Cannot happen (every distinct URL was checked); kept so the types need no assertion.
    if (result === undefined) throw new Error(`No link check result for ${url}`);
    return result;
  });
}

function integerAtLeast(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`Link check option ${name} must be an integer ≥ ${String(min)}, not ${String(value)}.`);
  return value;
}
