import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonBytes } from '../../../shared/canonical-json';
import { contentHash } from '../../../shared/crypto/hash';

// The RFC 8785 reference vectors, used as they are, from the read-only material beside the repo.
const vectors = join(import.meta.dirname, '../../../../shared/vectors/jcs');
const names = readdirSync(join(vectors, 'input')).filter((name) => name.endsWith('.json'));

describe('RFC 8785 canonical JSON', () => {
  it('has the reference vectors to check against', () => {
    expect(names.length).toBeGreaterThanOrEqual(6);
  });

  for (const name of names) {
    it(`reproduces ${name} byte for byte`, () => {
      const input: unknown = JSON.parse(readFileSync(join(vectors, 'input', name), 'utf8'));
      const expected = readFileSync(join(vectors, 'output', name));
      const hex = readFileSync(join(vectors, 'outhex', name.replace(/\.json$/, '.txt')), 'utf8').replace(/\s+/g, '');
      const bytes = canonicalJsonBytes(input);
      expect(Buffer.from(bytes).equals(expected)).toBe(true);
      expect(Buffer.from(bytes).toString('hex')).toBe(hex.toLowerCase());
    });
  }

  it('refuses values that have no canonical form', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/cannot be canonicalised/);
    expect(() => canonicalJson(undefined)).toThrow(/no JSON form/);
    expect(() => canonicalJson({ s: '\uD800' })).toThrow(/cannot be canonicalised/);
  });
});

describe('contentHash', () => {
  it('ignores key order and whitespace but not content', async () => {
    const a = await contentHash(JSON.parse('{ "b": 1, "a": [1, 2] }'));
    const b = await contentHash({ a: [1, 2], b: 1 });
    expect(a).toBe(b);
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await contentHash({ a: [2, 1], b: 1 })).not.toBe(a);
  });

  it('is the SHA-256 of the canonical bytes (what anyone can recompute with standard tools)', async () => {
    // printf '{"a":1}' | sha256sum
    expect(await contentHash({ a: 1 })).toBe('sha256:015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
  });
});
