import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signingKeySchema } from '../../../shared/ipc/contract';

const loggerMock = vi.hoisted(() => ({ logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() } }));
vi.mock('../../../electron/main/logger', () => loggerMock);

import { KeyStore } from '../../../electron/main/keys/key-store';
import type { KeyEncryption, KeyStoreOptions } from '../../../electron/main/keys/key-store';

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const OPENSSL = '/usr/bin/openssl';
const posix = process.platform !== 'win32';

/**
 * A reversible stand-in for safeStorage: a marker, then the text XOR-ed with one byte. Reversible so
 * signing works; scrambled so a test can prove the plain private key never reaches the file. It
 * remembers every plain text it was given, which is how the tests learn the private key.
 */
class FakeEncryption implements KeyEncryption {
  static readonly MARKER = Buffer.from('FAKE1:');
  available = true;
  backend: string | undefined = 'gnome_libsecret';
  readonly plainTexts: string[] = [];
  constructor(private readonly xor = 0x5a) {}
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  encryptString(plainText: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    this.plainTexts.push(plainText);
    return Buffer.concat([FakeEncryption.MARKER, Buffer.from(plainText, 'utf8').map((b) => b ^ this.xor)]);
  }
  decryptString(encrypted: Buffer): string {
    if (!encrypted.subarray(0, FakeEncryption.MARKER.byteLength).equals(FakeEncryption.MARKER)) throw new Error('not ours');
    return Buffer.from(encrypted.subarray(FakeEncryption.MARKER.byteLength).map((b) => b ^ this.xor)).toString('utf8');
  }
  getSelectedStorageBackend(): string {
    return this.backend ?? 'unknown';
  }
}

let dir: string;
let folder: string;
let encryption: FakeEncryption;
let clock: number;

function store(options: Partial<KeyStoreOptions> = {}): KeyStore {
  return new KeyStore({ folder, encryption, platform: 'linux', now: () => (clock += 1000), ...options });
}

function publicKeyObject(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function keyFilePath(keyId: string): Promise<string> {
  const target = path.join(folder, `${keyId}.json`);
  await stat(target);
  return target;
}

async function readJson(file: string): Promise<Record<string, unknown>> {
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
  return { ...parsed };
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, JSON.stringify(value));
}

/** Files a test wrote into the folder by hand, in the stored layout, for a key the store never made. */
function foreignKeyFile(): { keyId: string; file: Record<string, unknown> } {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.byteLength);
  const keyId = sha256Hex(raw);
  return {
    keyId,
    file: {
      format: 1,
      keyId,
      publicKey: raw.toString('base64'),
      label: 'Planted',
      createdAt: 1,
      encryptedPrivateKey: Buffer.from('anything').toString('base64'),
    },
  };
}

beforeEach(async () => {
  vi.clearAllMocks();
  dir = await mkdtemp(path.join(tmpdir(), 'egov-keys-'));
  folder = path.join(dir, 'signing-keys');
  encryption = new FakeEncryption();
  clock = 1_700_000_000_000;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('KeyStore.generate', () => {
  it('stores one owner-only file per key, named and identified by the SHA-256 of the public key', async () => {
    const key = await store().generate('  Ministry of Digital Affairs  ');

    expect(signingKeySchema.safeParse(key).success).toBe(true);
    expect(key.label).toBe('Ministry of Digital Affairs');
    expect(key.publicKey).toHaveLength(32);
    expect(key.keyId).toBe(sha256Hex(key.publicKey));
    expect(Object.keys(key).sort()).toStrictEqual(['createdAt', 'keyId', 'label', 'publicKey']);

    expect(await readdir(folder)).toStrictEqual([`${key.keyId}.json`]);
    const file = await keyFilePath(key.keyId);
    const json = await readJson(file);
    expect(Object.keys(json).sort()).toStrictEqual(['createdAt', 'encryptedPrivateKey', 'format', 'keyId', 'label', 'publicKey']);
    expect(json).toMatchObject({
      format: 1,
      keyId: key.keyId,
      publicKey: Buffer.from(key.publicKey).toString('base64'),
      label: 'Ministry of Digital Affairs',
      createdAt: key.createdAt,
    });
    if (posix) {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(folder)).mode & 0o777).toBe(0o700);
    }
  });

  it('never writes the private key unencrypted, in any encoding', async () => {
    const key = await store().generate('Ministry');
    const fileBytes = await readFile(await keyFilePath(key.keyId));
    const fileText = fileBytes.toString('utf8');

    // What the store handed to encryptString: the PKCS#8 DER, base64.
    expect(encryption.plainTexts).toHaveLength(1);
    const pkcs8Base64 = encryption.plainTexts[0] ?? '';
    const pkcs8 = Buffer.from(pkcs8Base64, 'base64');
    // An Ed25519 PKCS#8 is a fixed 16-byte header and the 32-byte private key (the seed).
    expect(pkcs8.subarray(0, 16).toString('hex')).toBe('302e020100300506032b657004220420');
    const seed = pkcs8.subarray(16);
    expect(seed).toHaveLength(32);

    for (const secret of [pkcs8, seed]) {
      expect(fileBytes.includes(secret)).toBe(false);
      expect(fileText).not.toContain(secret.toString('base64'));
      expect(fileText).not.toContain(secret.toString('base64url'));
      expect(fileText).not.toContain(secret.toString('hex'));
    }
    expect(fileText).not.toContain('PRIVATE KEY');
    // And what is stored is exactly what encryptString returned.
    const json = await readJson(await keyFilePath(key.keyId));
    expect(encryption.decryptString(Buffer.from(String(json.encryptedPrivateKey), 'base64'))).toBe(pkcs8Base64);
  });

  it('adds a key without touching the existing ones; both stay usable', async () => {
    const keys = store();
    const first = await keys.generate('First');
    const firstFile = await readFile(await keyFilePath(first.keyId));
    const second = await keys.generate('Second');

    expect(second.keyId).not.toBe(first.keyId);
    expect((await readdir(folder)).sort()).toStrictEqual([`${first.keyId}.json`, `${second.keyId}.json`].sort());
    expect(await readFile(await keyFilePath(first.keyId))).toStrictEqual(firstFile);
    expect(await keys.list()).toStrictEqual([first, second]);

    const data = new TextEncoder().encode('submission');
    expect(verify(null, data, publicKeyObject(first.publicKey), await keys.sign(first.keyId, data))).toBe(true);
    expect(verify(null, data, publicKeyObject(second.publicKey), await keys.sign(second.keyId, data))).toBe(true);
  });

  it('refuses an empty label with INVALID_PAYLOAD and writes nothing', async () => {
    await expect(store().generate('   ')).rejects.toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(existsSync(folder)).toBe(false);
  });
});

describe('KeyStore.generate without real protection', () => {
  it('refuses with KEYSTORE_UNAVAILABLE when encryption is unavailable, writing nothing', async () => {
    encryption.available = false;
    const failure = store().generate('Ministry');
    await expect(failure).rejects.toMatchObject({ code: 'KEYSTORE_UNAVAILABLE' });
    await expect(failure).rejects.toThrow(/secure storage/);
    expect(encryption.plainTexts).toStrictEqual([]);
    expect(existsSync(folder)).toBe(false);
  });

  it.each(['basic_text', 'unknown', undefined])('refuses the Linux backend %s, writing nothing', async (backend) => {
    encryption.backend = backend;
    const failure = store().generate('Ministry');
    await expect(failure).rejects.toMatchObject({ code: 'KEYSTORE_UNAVAILABLE' });
    await expect(failure).rejects.toThrow(/keyring/);
    expect(encryption.plainTexts).toStrictEqual([]);
    expect(existsSync(folder)).toBe(false);
  });

  it('refuses on Linux when the backend cannot be asked (fails closed)', async () => {
    const withoutBackend: KeyEncryption = {
      isEncryptionAvailable: () => true,
      encryptString: (text) => encryption.encryptString(text),
      decryptString: (buffer) => encryption.decryptString(buffer),
    };
    await expect(store({ encryption: withoutBackend }).generate('Ministry')).rejects.toMatchObject({ code: 'KEYSTORE_UNAVAILABLE' });
    expect(existsSync(folder)).toBe(false);
  });

  it('does not consult the Linux backend on macOS or Windows', async () => {
    encryption.backend = 'basic_text';
    await expect(store({ platform: 'darwin' }).generate('Ministry')).resolves.toMatchObject({ label: 'Ministry' });
    await expect(store({ platform: 'win32' }).generate('Ministry')).resolves.toMatchObject({ label: 'Ministry' });
  });

  it('refuses when encryptString throws, writing nothing', async () => {
    vi.spyOn(encryption, 'encryptString').mockImplementation(() => {
      throw new Error('Error while encrypting the text provided to safeStorage.encryptString.');
    });
    await expect(store().generate('Ministry')).rejects.toMatchObject({ code: 'KEYSTORE_UNAVAILABLE' });
    expect(existsSync(folder)).toBe(false);
  });

  it('refuses when the keyring cannot read back what it just encrypted', async () => {
    vi.spyOn(encryption, 'decryptString').mockReturnValue('something else');
    await expect(store().generate('Ministry')).rejects.toMatchObject({ code: 'KEYSTORE_UNAVAILABLE' });
    expect(existsSync(folder)).toBe(false);
  });
});

describe('KeyStore.list', () => {
  it('is empty when the folder does not exist yet', async () => {
    await expect(store().list()).resolves.toStrictEqual([]);
  });

  it('returns keys oldest first, whatever their file names', async () => {
    const keys = store();
    const made = [await keys.generate('A'), await keys.generate('B'), await keys.generate('C')];
    expect((await keys.list()).map((k) => k.label)).toStrictEqual(['A', 'B', 'C']);
    expect(await keys.list()).toStrictEqual(made);
  });

  it('works while encryption is unavailable: listing needs no private key', async () => {
    const key = await store().generate('Ministry');
    encryption.available = false;
    await expect(store().list()).resolves.toStrictEqual([key]);
  });

  it('skips and logs damaged or foreign files without throwing', async () => {
    const good = await store().generate('Good');

    await writeFile(path.join(folder, 'corrupt.json'), '{"format": 1, "keyId": ');
    await writeFile(path.join(folder, 'array.json'), '[]');

    const mismatched = foreignKeyFile();
    const other = foreignKeyFile();
    // The keyId (and file name) of one key, the public key of another.
    await writeJson(path.join(folder, `${mismatched.keyId}.json`), { ...mismatched.file, publicKey: other.file.publicKey });

    const extra = foreignKeyFile();
    await writeJson(path.join(folder, `${extra.keyId}.json`), { ...extra.file, privateKey: 'plain' });

    const renamed = foreignKeyFile();
    // A valid file under another key's name.
    await writeJson(path.join(folder, `${'0'.repeat(64)}.json`), renamed.file);

    const badFormat = foreignKeyFile();
    await writeJson(path.join(folder, `${badFormat.keyId}.json`), { ...badFormat.file, format: 2 });

    const shortKey = foreignKeyFile();
    await writeJson(path.join(folder, `${shortKey.keyId}.json`), { ...shortKey.file, publicKey: Buffer.alloc(31).toString('base64') });

    const huge = foreignKeyFile();
    await writeJson(path.join(folder, `${huge.keyId}.json`), { ...huge.file, label: 'x'.repeat(20_000) });

    await mkdir(path.join(folder, 'folder.json'));
    if (posix) {
      // A well-formed key file outside the folder, linked in under its correct name: not followed.
      const linked = foreignKeyFile();
      const outside = path.join(dir, 'outside.json');
      await writeJson(outside, linked.file);
      await symlink(outside, path.join(folder, `${linked.keyId}.json`));
    }
    // Not a key file at all: ignored silently.
    await writeFile(path.join(folder, 'notes.txt'), 'hello');

    await expect(store().list()).resolves.toStrictEqual([good]);
    const warned = loggerMock.logger.warn.mock.calls.map((call) => String(call[0]));
    const expectedSkips = posix ? 10 : 9;
    expect(warned.filter((message) => message.startsWith('Skipped signing key file'))).toHaveLength(expectedSkips);
    expect(warned.join('\n')).toContain('corrupt.json: not valid JSON');
    expect(warned.join('\n')).toContain(`${mismatched.keyId}.json: its keyId is not the SHA-256 of its public key`);
    expect(warned.join('\n')).toContain(`${'0'.repeat(64)}.json: its file name does not match its key id`);
    expect(warned.join('\n')).toContain(`${extra.keyId}.json`);
    expect(warned.join('\n')).not.toContain('notes.txt');
    if (posix) expect(warned.join('\n')).toContain('not a regular file');
    // The log names files and problems, never what a file contains.
    expect(warned.join('\n')).not.toContain('plain');
  });
});

describe('KeyStore.sign', () => {
  const payload = new TextEncoder().encode('UN E-Government Survey 2026 — Member State Questionnaire\n');

  it('returns a 64-byte plain Ed25519 signature that verifies with the raw public key', async () => {
    const keys = store();
    const key = await keys.generate('Ministry');
    const signature = await keys.sign(key.keyId, payload);

    expect(signature).toBeInstanceOf(Uint8Array);
    expect(signature.byteLength).toBe(64);
    // A fresh array: nothing but the signature travels to the renderer.
    expect(signature.buffer.byteLength).toBe(64);
    expect(verify(null, payload, publicKeyObject(key.publicKey), signature)).toBe(true);
    expect(verify(null, new TextEncoder().encode('tampered'), publicKeyObject(key.publicKey), signature)).toBe(false);
  });

  it.skipIf(!existsSync(OPENSSL))('produces signatures that stock OpenSSL verifies', async () => {
    const keys = store();
    const key = await keys.generate('Ministry');
    const signature = await keys.sign(key.keyId, payload);

    const der = Buffer.concat([SPKI_PREFIX, key.publicKey]);
    const pem = `-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`;
    const pubPem = path.join(dir, 'pub.pem');
    const payloadFile = path.join(dir, 'payload.bin');
    const sigFile = path.join(dir, 'sig.bin');
    await writeFile(pubPem, pem);
    await writeFile(payloadFile, payload);
    await writeFile(sigFile, signature);

    const args = ['pkeyutl', '-verify', '-pubin', '-inkey', pubPem, '-rawin', '-in', payloadFile, '-sigfile', sigFile];
    expect(execFileSync(OPENSSL, args, { encoding: 'utf8' })).toContain('Signature Verified Successfully');

    await writeFile(payloadFile, Buffer.concat([payload, Buffer.from('x')]));
    expect(() => execFileSync(OPENSSL, args, { stdio: 'pipe' })).toThrow();
  });

  it('refuses an unknown key with NOT_FOUND', async () => {
    await store().generate('Ministry');
    await expect(store().sign('a'.repeat(64), payload)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each([
    ['a path', '../../etc/passwd'],
    ['a path padded to 64 characters', `../../${'a'.repeat(58)}`],
    ['upper-case hex', 'A'.repeat(64)],
    ['too short', 'a'.repeat(63)],
    ['empty', ''],
  ])('refuses a key id that is %s with INVALID_PAYLOAD, before touching the disk', async (_what, keyId) => {
    await expect(store().sign(keyId, payload)).rejects.toMatchObject({ code: 'INVALID_PAYLOAD' });
  });

  it('refuses a damaged key file with NOT_FOUND and logs why', async () => {
    const keys = store();
    const key = await keys.generate('Ministry');
    await writeFile(await keyFilePath(key.keyId), '{');
    await expect(keys.sign(key.keyId, payload)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(loggerMock.logger.warn).toHaveBeenCalledOnce();
  });

  it('refuses with KEYSTORE_UNAVAILABLE when encryption is unavailable', async () => {
    const key = await store().generate('Ministry');
    encryption.available = false;
    await expect(store().sign(key.keyId, payload)).rejects.toMatchObject({ code: 'KEYSTORE_UNAVAILABLE' });
  });

  it('refuses with KEYSTORE_UNAVAILABLE when the keyring cannot decrypt the key', async () => {
    const key = await store().generate('Ministry');
    // Another account's (or a reset) keyring: same format, different secret.
    const otherKeyring = new FakeEncryption(0x33);
    vi.spyOn(otherKeyring, 'decryptString').mockImplementation(() => {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    });
    const failure = store({ encryption: otherKeyring }).sign(key.keyId, payload);
    await expect(failure).rejects.toMatchObject({ code: 'KEYSTORE_UNAVAILABLE' });
    await expect(failure).rejects.toThrow(/could not be unlocked/);
  });

  it('refuses with KEYSTORE_UNAVAILABLE when decryption yields garbage', async () => {
    const key = await store().generate('Ministry');
    await expect(store({ encryption: new FakeEncryption(0x33) }).sign(key.keyId, payload)).rejects.toMatchObject({
      code: 'KEYSTORE_UNAVAILABLE',
    });
  });

  it('never signs with a private key that does not belong to the stored public key', async () => {
    const keys = store();
    const victim = await keys.generate('Ministry');
    const intruder = await keys.generate('Intruder');
    // Swap in the intruder's encrypted private key under the victim's public key and id.
    const victimFile = await keyFilePath(victim.keyId);
    const intruderJson = await readJson(await keyFilePath(intruder.keyId));
    await writeJson(victimFile, { ...(await readJson(victimFile)), encryptedPrivateKey: intruderJson.encryptedPrivateKey });

    await expect(keys.sign(victim.keyId, payload)).rejects.toMatchObject({ code: 'KEYSTORE_UNAVAILABLE' });
  });

  it('refuses a document above MAX_SIGN_BYTES with FILE_TOO_LARGE', async () => {
    const key = await store().generate('Ministry');
    const huge = new Uint8Array(64 * 1024 * 1024 + 1);
    await expect(store().sign(key.keyId, huge)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
  });
});
