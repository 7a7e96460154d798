import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256HexSync } from '../../../shared/crypto/sha256';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('sha256HexSync', () => {
  it('gives the FIPS 180-4 example digests', () => {
    expect(sha256HexSync(utf8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexSync(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256HexSync(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(sha256HexSync(utf8('a'.repeat(1_000_000)))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with node:crypto for every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = randomBytes(length);
      expect(sha256HexSync(bytes), `length ${String(length)}`).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('hashes a view into a larger buffer by its own bytes only', () => {
    const buffer = randomBytes(300);
    const view = new Uint8Array(buffer.buffer, buffer.byteOffset + 17, 130);
    expect(sha256HexSync(view)).toBe(createHash('sha256').update(view).digest('hex'));
  });
});
