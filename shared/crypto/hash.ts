import { canonicalJsonBytes } from '../canonical-json';
import { sha256HexSync } from './sha256';

/**
 * Hex SHA-256. Asynchronous for its callers' sake (it once used WebCrypto); it now hashes in
 * plain TypeScript, which is many times faster for the small inputs digests are made of.
 */
export function sha256Hex(bytes: Uint8Array): Promise<string> {
  return Promise.resolve(sha256HexSync(bytes));
}

/**
 * The content hash of a JSON document: SHA-256 of its RFC 8785 canonical UTF-8 form, in hex, with a
 * `sha256:` prefix so the algorithm travels with the value. Whitespace and key order in the file do
 * not change it; any change to content does.
 */
export async function contentHash(value: unknown): Promise<string> {
  return `sha256:${await sha256Hex(canonicalJsonBytes(value))}`;
}
