import { canonicalJsonBytes } from '../canonical-json';
import { toHex } from './key-id';

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes))));
}

/**
 * The content hash of a JSON document: SHA-256 of its RFC 8785 canonical UTF-8 form, in hex, with a
 * `sha256:` prefix so the algorithm travels with the value. Whitespace and key order in the file do
 * not change it; any change to content does.
 */
export async function contentHash(value: unknown): Promise<string> {
  return `sha256:${await sha256Hex(canonicalJsonBytes(value))}`;
}
