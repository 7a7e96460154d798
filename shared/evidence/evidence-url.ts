import { MAX_EVIDENCE_URL_LENGTH } from '../schemas/evidence';

/**
 * The evidence URL policy. A link a reviewer is meant to open must be a plain web address:
 * `http:` or `https:`, a real host name, no user name or password. Everything else is refused with
 * a reason a person can act on. Accepted URLs are normalised (WHATWG URL serialisation: lower-case
 * scheme and host, punycode for international domains, default port and dot segments removed), so
 * one page written two ways is recognised as a duplicate.
 */
export type EvidenceUrlRefusal =
  | { readonly reason: 'empty' }
  | { readonly reason: 'tooLong'; readonly max: number }
  | { readonly reason: 'controlCharacters' }
  | { readonly reason: 'protocolRelative' }
  | { readonly reason: 'malformed' }
  | { readonly reason: 'scheme'; readonly scheme: string }
  | { readonly reason: 'credentials' }
  | { readonly reason: 'noHost' };

export type EvidenceUrlResult =
  | { readonly ok: true; readonly url: string; readonly local: boolean }
  | { readonly ok: false; readonly refusal: EvidenceUrlRefusal };

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
// C0 controls, DEL and the line/paragraph separators never belong in a pasted address.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;
/** A host name with at least one dot, or an IP literal: what a person pastes without "https://". */
const BARE_HOST = /^(?:[\p{L}\p{N}-]+\.)+[\p{L}\p{N}-]{2,}(?::\d{1,5})?(?:[/?#]|$)/u;

function refuse(refusal: EvidenceUrlRefusal): EvidenceUrlResult {
  return { ok: false, refusal };
}

/** Applies the policy to what a person typed or a file contained. */
export function checkEvidenceUrl(input: unknown): EvidenceUrlResult {
  if (typeof input !== 'string') return refuse({ reason: 'malformed' });
  const text = input.trim();
  if (text === '') return refuse({ reason: 'empty' });
  if (text.length > MAX_EVIDENCE_URL_LENGTH) return refuse({ reason: 'tooLong', max: MAX_EVIDENCE_URL_LENGTH });
  // The URL parser silently drops tabs and newlines ("java\tscript:"); refuse them instead.
  if (CONTROL.test(text)) return refuse({ reason: 'controlCharacters' });
  if (text.startsWith('//') || text.startsWith('\\\\')) return refuse({ reason: 'protocolRelative' });

  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  // "www.example.gov/strategy" is what people paste from an address bar: read it as https.
  // "localhost:8080" also matches SCHEME, so a bare host is recognised before the scheme check.
  const candidate = (scheme === undefined || (BARE_HOST.test(text) && !text.includes('://'))) ? `https://${text}` : text;
  const effectiveScheme = candidate === text ? scheme : 'https';
  if (effectiveScheme !== 'http' && effectiveScheme !== 'https') {
    return effectiveScheme === undefined ? refuse({ reason: 'malformed' }) : refuse({ reason: 'scheme', scheme: effectiveScheme });
  }
  // "https:example.org" and "http:/example.org" are parsed leniently by WHATWG; insist on "//".
  if (!/^https?:\/\//i.test(candidate)) return refuse({ reason: 'malformed' });

  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return refuse({ reason: 'malformed' });
  }
  if (url.username !== '' || url.password !== '') return refuse({ reason: 'credentials' });
  if (url.hostname === '') return refuse({ reason: 'noHost' });
  if (url.href.length > MAX_EVIDENCE_URL_LENGTH) return refuse({ reason: 'tooLong', max: MAX_EVIDENCE_URL_LENGTH });
  return { ok: true, url: url.href, local: isLocalHost(url.hostname) };
}

/**
 * True for addresses only the focal point's own machine or network can reach (loopback, private
 * ranges, `.local`, single-label intranet names). They are accepted, with a warning, because a
 * reviewer elsewhere cannot open them.
 */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return true;
  if (!host.includes('.') && !host.includes(':')) return true;
  const ipv4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (ipv4) {
    const [a, b] = [Number(ipv4[1]), Number(ipv4[2])];
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  // IPv4-mapped IPv6 (::ffff:7f00:1 is 127.0.0.1) reaches whatever IPv4 address it wraps: treat it as local.
  if (host.startsWith('::ffff:')) return true;
  if (host.includes(':')) return host === '::1' || host === '::' || /^f[cd]/.test(host) || host.startsWith('fe80');
  return false;
}

/**
 * Key under which two evidence URLs count as the same page: the normalised URL without its
 * fragment and without a trailing slash on the path.
 */
export function evidenceUrlKey(normalisedUrl: string): string {
  try {
    const url = new URL(normalisedUrl);
    url.hash = '';
    const href = url.href;
    return url.search === '' && href.endsWith('/') ? href.slice(0, -1) : href;
  } catch {
    return normalisedUrl;
  }
}
