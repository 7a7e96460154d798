import { isLocalHost } from '../../../shared/evidence/evidence-url';
import type { LinkCheckResult } from '../../../shared/schemas/evidence';
import { askServer } from './ask-server';
import type { RequestSettings } from './ask-server';

export interface LinkCheckSettings extends RequestSettings {
  /** Most redirects followed; the next one is reported as `tooManyRedirects`. */
  readonly maxRedirects: number;
  /** Milliseconds since the epoch; stamps `checkedAt` when the check ends. */
  readonly now: () => number;
}

/**
 * `detail` values a caller may want to recognise. Network failures carry the system's error code
 * instead (ECONNREFUSED, ENOTFOUND, EAI_AGAIN, ECONNRESET, CERT_HAS_EXPIRED…).
 */
export const LINK_CHECK_DETAILS = {
  /** The URL asked about is not an http(s) URL (or not a URL at all); nothing was requested. */
  notHttpUrl: 'not an http(s) URL',
  /** A redirect's Location header could not be read as a URL. */
  invalidLocation: 'invalid Location header',
  /** A redirect status came without a Location header, so there was nowhere to go. */
  redirectWithoutLocation: 'redirect without a Location header',
  /** Something unexpected went wrong in the checker itself. */
  internal: 'internal error',
  /** A public site redirected to an address inside the local network; not followed. */
  localRedirect: 'redirect from a public site into the local network',
} as const;

/** Statuses that send the client elsewhere through the Location header (RFC 9110, section 15.4). */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const FOLLOWED_PROTOCOLS = new Set(['http:', 'https:']);
/** The range `linkCheckSchema.httpStatus` accepts; servers do send others (LinkedIn's 999). */
const MIN_HTTP_STATUS = 100;
const MAX_HTTP_STATUS = 599;
/** `linkCheckSchema.finalUrl` limit: a longer Location is reported without it. */
const MAX_FINAL_URL = 8192;

type Outcome = Omit<LinkCheckResult, 'url' | 'checkedAt'>;

/** Checks one URL, following redirects by hand. Never rejects: every failure is a result. */
export async function checkOneLink(input: string, settings: LinkCheckSettings): Promise<LinkCheckResult> {
  let outcome: Outcome;
  try {
    outcome = await follow(input, settings);
  } catch {
    // Not expected (askServer never rejects), but one odd URL must not cost the whole batch.
    outcome = { status: 'unreachable', detail: LINK_CHECK_DETAILS.internal };
  }
  return { url: input, ...outcome, checkedAt: Math.max(0, Math.trunc(settings.now())) };
}

async function follow(input: string, settings: LinkCheckSettings): Promise<Outcome> {
  const start = parseHttpUrl(input);
  if (start === undefined) return { status: 'unreachable', detail: LINK_CHECK_DETAILS.notHttpUrl };

  // Fragments never reach the server, so "#a" and "#b" of one page are the same stop on the way.
  const visited = new Set([withoutFragment(start)]);
  let current = start;
  for (let redirects = 0; ; redirects += 1) {
    // Where the check stopped, reported only once a redirect moved it away from the input.
    const here = redirects > 0 ? { finalUrl: current.href } : {};
    const answer = await askServer(current, settings);
    if (answer.kind === 'timeout') return { status: 'timeout', ...here, detail: `no answer within ${String(settings.timeoutMs)} ms` };
    if (answer.kind === 'failed') return { status: 'unreachable', ...here, detail: answer.code.slice(0, 500) };

    const { status, location } = answer;
    const httpStatus = status >= MIN_HTTP_STATUS && status <= MAX_HTTP_STATUS ? { httpStatus: status } : {};
    const outOfRange = 'httpStatus' in httpStatus ? {} : { detail: `HTTP status ${String(status)}` };

    if (status >= 200 && status <= 299) {
      return redirects === 0 ? { status: 'ok', ...httpStatus } : { status: 'redirected', ...httpStatus, ...here };
    }
    if (!REDIRECTS.has(status)) return { status: 'broken', ...httpStatus, ...here, ...outOfRange };
    if (location === undefined || location === '') {
      return { status: 'broken', ...httpStatus, ...here, detail: LINK_CHECK_DETAILS.redirectWithoutLocation };
    }

    const next = resolveLocation(location, current);
    if (next === undefined) return { status: 'refusedRedirect', ...httpStatus, ...here, detail: LINK_CHECK_DETAILS.invalidLocation };
    // From here on, `finalUrl` is the Location that was not followed: the thing to show a person.
    const target = next.href.length <= MAX_FINAL_URL ? { finalUrl: next.href } : {};
    // javascript:, file:, data:, ftp:… are never followed, whatever server sends them.
    if (!FOLLOWED_PROTOCOLS.has(next.protocol)) return { status: 'refusedRedirect', ...httpStatus, ...target };
    // A public page must not steer this machine into its own network (an imported file could use
    // that to probe the intranet); a local address the person typed stays checkable.
    if (crossesIntoLocalNetwork(start, next)) {
      return { status: 'refusedRedirect', ...httpStatus, ...target, detail: LINK_CHECK_DETAILS.localRedirect };
    }
    if (visited.has(withoutFragment(next))) return { status: 'redirectLoop', ...httpStatus, ...target };
    if (redirects >= settings.maxRedirects) return { status: 'tooManyRedirects', ...httpStatus, ...target };

    visited.add(withoutFragment(next));
    current = next;
  }
}

/** True when a redirect leads from a public address into the local network. */
export function crossesIntoLocalNetwork(from: URL, to: URL): boolean {
  return !isLocalHost(from.hostname) && isLocalHost(to.hostname);
}

/** The URL if it is http(s); anything else is never requested. */
function parseHttpUrl(input: string): URL | undefined {
  const url = resolveLocation(input, undefined);
  return url !== undefined && FOLLOWED_PROTOCOLS.has(url.protocol) ? url : undefined;
}

/** Location may be relative ("/new", "../x", "//host/y"): it is resolved against the URL that sent it. */
function resolveLocation(location: string, base: URL | undefined): URL | undefined {
  return URL.canParse(location, base?.href) ? new URL(location, base) : undefined;
}

function withoutFragment(url: URL): string {
  const copy = new URL(url);
  copy.hash = '';
  return copy.href;
}
