/**
 * The id of a signing key: SHA-256 of its raw 32-byte public key, as lower-case hex. Anyone can
 * recompute it from a signer card or a signature block, so it identifies the key without trust.
 */
export async function keyIdOf(publicKey: Uint8Array): Promise<string> {
  // A copy: WebCrypto wants a plain ArrayBuffer view, not one over a SharedArrayBuffer.
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(publicKey)));
  return toHex(digest);
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/**
 * The key id in groups of four, for reading aloud or comparing by eye:
 * `3f2a 9c01 …`. Both people compare the same 64 hex digits.
 */
export function formatKeyIdForReading(keyId: string): string {
  return keyId.match(/.{1,4}/g)?.join(' ') ?? keyId;
}
