import canonicalize from 'canonicalize';
import { AppError } from './errors';

/**
 * RFC 8785 (JSON Canonicalization Scheme): the one byte form of a JSON value that signatures and
 * content hashes cover. Backed by `canonicalize`, the RFC author's implementation; checked against
 * the RFC's reference vectors in a test.
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    throw new AppError('INVALID_PAYLOAD', `The value cannot be canonicalised: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (text === undefined) throw new AppError('INVALID_PAYLOAD', 'The value has no JSON form.');
  return text;
}

const encoder = new TextEncoder();

export function canonicalJsonBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalJson(value));
}
