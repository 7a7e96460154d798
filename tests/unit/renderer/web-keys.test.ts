import { createPublicKey, verify } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { keyIdOf } from '../../../shared/crypto/key-id';
import type { EgovDeskDatabase } from '../../../renderer/src/db/database';
import { SigningKeysRepository } from '../../../renderer/src/db/repositories/signing-keys';
import { createWebKeyStore } from '../../../renderer/src/platform/web-keys';
import { freshDatabase } from '../../helpers/fake-db';

let db: EgovDeskDatabase;
afterEach(async () => {
  await db.delete();
});

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function store() {
  db = freshDatabase();
  let clock = 100;
  return createWebKeyStore(new SigningKeysRepository(db), () => (clock += 1));
}

describe('web key store', () => {
  it('creates an Ed25519 key whose id is the SHA-256 of its raw public key, and keeps the private key non-extractable', async () => {
    const keys = store();
    const key = await keys.generate('  Kai Tamm, RIA  ');
    expect(key.publicKey.byteLength).toBe(32);
    expect(key.keyId).toBe(await keyIdOf(key.publicKey));
    expect(key.label).toBe('Kai Tamm, RIA');
    expect(key).not.toHaveProperty('privateKey');
    const row = await db.signingKeys.get(key.keyId);
    expect(row?.privateKey.extractable).toBe(false);
    if (!row) throw new Error('missing');
    await expect(crypto.subtle.exportKey('pkcs8', row.privateKey)).rejects.toThrow();
  });

  it('signs so that a standard Ed25519 verifier (Node, the same as OpenSSL) accepts the signature', async () => {
    const keys = store();
    const key = await keys.generate('Kai');
    const data = new TextEncoder().encode('{"answers":{"A.1":"yes"}}');
    const signature = await keys.sign(key.keyId, data);
    expect(signature.byteLength).toBe(64);
    const publicKey = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, key.publicKey]), format: 'der', type: 'spki' });
    expect(verify(null, data, publicKey, signature)).toBe(true);
    expect(verify(null, new TextEncoder().encode('{"answers":{"A.1":"no"}}'), publicKey, signature)).toBe(false);
  });

  it('keeps older keys when a new one is made, oldest first', async () => {
    const keys = store();
    const first = await keys.generate('old');
    const second = await keys.generate('new');
    expect((await keys.list()).map((k) => k.keyId)).toEqual([first.keyId, second.keyId]);
    expect((await keys.sign(first.keyId, new Uint8Array([1]))).byteLength).toBe(64);
  });

  it('refuses to sign with a key that is not on this device', async () => {
    const keys = store();
    await expect(keys.sign('f'.repeat(64), new Uint8Array([1]))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
