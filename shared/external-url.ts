import { ExternalUrlRefusedError } from './errors';

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * Parses a link that is about to leave the app (system browser or a new tab). Only plain http(s)
 * URLs without credentials pass; everything else (javascript:, data:, file:, custom schemes,
 * malformed text) is refused with a reason, because the link may come from a hostile file.
 */
export function parseExternalUrl(input: unknown): URL {
  if (typeof input !== 'string') throw new ExternalUrlRefusedError('The link is not text.');
  const trimmed = input.trim();
  if (trimmed.length === 0) throw new ExternalUrlRefusedError('The link is empty.');
  if (trimmed.length > 8192) throw new ExternalUrlRefusedError('The link is longer than 8192 characters.');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ExternalUrlRefusedError('The link is not a valid web address.');
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) {
    throw new ExternalUrlRefusedError(`Only http and https links can be opened, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new ExternalUrlRefusedError('Links that contain a user name or password are not opened.');
  }
  if (url.hostname === '') throw new ExternalUrlRefusedError('The link has no host name.');
  return url;
}
