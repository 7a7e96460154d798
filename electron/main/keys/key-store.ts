import { createPrivateKey, sign as signBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { chmod, lstat, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { keyIdOf } from '../../../shared/crypto/key-id';
import { AppError, FileTooLargeError } from '../../../shared/errors';
import { MAX_SIGN_BYTES, signingKeySchema } from '../../../shared/ipc/contract';
import type { SigningKey } from '../../../shared/ipc/contract';
import { describeIssues, parseUnknown } from '../../../shared/parse';
import { writeFileAtomically } from '../fs/write-file-atomically';
import { logger } from '../logger';
import { ED25519_PUBLIC_KEY_BYTES, generateEd25519KeyPair, rawPublicKeyOf } from './ed25519';
import { KeyStoreUnavailableError, SigningKeyNotFoundError } from './errors';

/**
 * The part of Electron's `safeStorage` the key store uses, injected so tests can pass a fake.
 * `getSelectedStorageBackend` exists on Linux only, where it tells a real keyring from Electron's
 * fallback (a password hard-coded in Chromium, i.e. no protection at all).
 */
export interface KeyEncryption {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export interface KeyStoreOptions {
  /** Folder holding one `<keyId>.json` per key; created (owner-only) on first use. */
  readonly folder: string;
  readonly encryption: KeyEncryption;
  /** Defaults to `process.platform`; injected so the Linux keyring rules are testable anywhere. */
  readonly platform?: NodeJS.Platform;
  /** Defaults to `Date.now`. */
  readonly now?: () => number;
}

/** Version of the key file layout, so a later layout can be recognised instead of misread. */
const KEY_FILE_FORMAT = 1;
/** Owner-only: the private key is encrypted, but nobody else needs even the encrypted form. */
const KEY_FILE_MODE = 0o600;
const KEY_FOLDER_MODE = 0o700;
/**
 * A real key file is well under 2 KB (the label is the only free text, at most 200 characters).
 * The cap keeps a huge file dropped into the folder from being read into memory.
 */
const MAX_KEY_FILE_BYTES = 16 * 1024;
const MAX_ENCRYPTED_KEY_CHARS = 4096;
/** Linux backends that protect nothing: `basic_text` is the hard-coded password, `unknown` means "before ready". */
const UNPROTECTED_LINUX_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

const KEY_ID_PATTERN = /^[0-9a-f]{64}$/;

const keyFileSchema = z.strictObject({
  format: z.literal(KEY_FILE_FORMAT),
  keyId: signingKeySchema.shape.keyId,
  publicKey: z
    .base64()
    .refine((text) => Buffer.from(text, 'base64').byteLength === ED25519_PUBLIC_KEY_BYTES, 'an Ed25519 public key has 32 bytes'),
  label: signingKeySchema.shape.label,
  createdAt: signingKeySchema.shape.createdAt,
  encryptedPrivateKey: z.base64().min(1).max(MAX_ENCRYPTED_KEY_CHARS),
});
type KeyFile = z.infer<typeof keyFileSchema>;

interface StoredKey {
  readonly key: SigningKey;
  readonly encryptedPrivateKey: Buffer;
}
type ReadResult =
  | { readonly status: 'ok'; readonly stored: StoredKey }
  | { readonly status: 'missing' }
  | { readonly status: 'invalid'; readonly reason: string };

const NO_SECURE_STORAGE =
  'This computer cannot protect signing keys right now: its secure storage (the macOS Keychain, Windows data protection, or a Linux keyring such as GNOME Keyring or KWallet) is not available.';
const NO_LINUX_KEYRING =
  'This computer has no keyring the app can use (such as GNOME Keyring or KWallet), so a signing key could only be protected by a password built into the app, which protects nothing. Start or install a keyring, then restart the app.';

/**
 * Ed25519 signing keys, one JSON file per key. The public half is stored as is; the private half
 * only ever reaches the disk encrypted by the operating system (through `safeStorage`) and never
 * leaves this class: callers get public keys and signatures.
 */
export class KeyStore {
  private readonly folder: string;
  private readonly encryption: KeyEncryption;
  private readonly platform: NodeJS.Platform;
  private readonly now: () => number;

  constructor(options: KeyStoreOptions) {
    this.folder = options.folder;
    this.encryption = options.encryption;
    this.platform = options.platform ?? process.platform;
    this.now = options.now ?? Date.now;
  }

  /**
   * Creates a key and stores it. Existing keys are never touched: a "new" key is an additional
   * file, so documents signed with an older key stay verifiable and re-signable by its owner.
   */
  async generate(label: string): Promise<SigningKey> {
    const cleanLabel = parseUnknown(signingKeySchema.shape.label, label.trim(), 'Signing key label');
    // Before generating anything: with no protection available, nothing is created or written.
    this.assertProtected('No key was created.');

    const { publicKey, privateKey } = generateEd25519KeyPair();
    const rawPublicKey = rawPublicKeyOf(publicKey);
    const keyId = await keyIdOf(rawPublicKey);
    const encryptedPrivateKey = this.encryptPrivateKey(privateKey);

    const key: SigningKey = { keyId, publicKey: rawPublicKey, label: cleanLabel, createdAt: this.now() };
    const file: KeyFile = {
      format: KEY_FILE_FORMAT,
      keyId,
      publicKey: Buffer.from(rawPublicKey).toString('base64'),
      label: key.label,
      createdAt: key.createdAt,
      encryptedPrivateKey: encryptedPrivateKey.toString('base64'),
    };
    await this.writeKeyFile(keyId, file);
    return key;
  }

  /**
   * Every valid key, oldest first. Needs no decryption, so it works while the keyring is locked.
   * A damaged or foreign file is logged and skipped: one bad file must not hide the other keys.
   */
  async list(): Promise<SigningKey[]> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (error: unknown) {
      if (errorCode(error) === 'ENOENT') return [];
      throw new AppError('FILE_UNREADABLE', `The signing keys could not be read (${errorCode(error) ?? 'read error'}).`);
    }

    const keys: SigningKey[] = [];
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const result = await this.readKeyFile(name);
      if (result.status === 'ok') keys.push(result.stored.key);
      else if (result.status === 'invalid') logger.warn(`Skipped signing key file ${name}: ${result.reason}`);
      // 'missing': removed between readdir and read; nothing to report.
    }
    return keys.sort((a, b) => a.createdAt - b.createdAt || a.keyId.localeCompare(b.keyId));
  }

  /** Signs `data` (plain Ed25519, no pre-hash) and returns the 64-byte signature. */
  async sign(keyId: string, data: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
    // The id becomes a file name: only 64 lower-case hex digits, so no path can be smuggled in.
    if (!KEY_ID_PATTERN.test(keyId)) throw new AppError('INVALID_PAYLOAD', 'A signing key id is 64 lower-case hexadecimal digits.');
    if (data.byteLength > MAX_SIGN_BYTES) throw new FileTooLargeError('The document', data.byteLength, MAX_SIGN_BYTES);

    const result = await this.readKeyFile(`${keyId}.json`);
    if (result.status === 'missing') throw new SigningKeyNotFoundError(`There is no signing key ${keyId} on this computer.`);
    if (result.status === 'invalid') {
      logger.warn(`Refused to sign with key file ${keyId}.json: ${result.reason}`);
      throw new SigningKeyNotFoundError(`The signing key ${keyId} on this computer is damaged and cannot be used.`);
    }

    this.assertProtected('Nothing was signed.');
    const privateKey = this.decryptPrivateKey(result.stored);
    const signature = signBytes(null, data, privateKey);
    // A fresh array, not a view: only the 64 signature bytes may cross to the renderer.
    return new Uint8Array(signature);
  }

  /** Throws unless the operating system can really protect a private key at this moment. */
  private assertProtected(consequence: string): void {
    if (!this.encryption.isEncryptionAvailable()) throw new KeyStoreUnavailableError(`${NO_SECURE_STORAGE} ${consequence}`);
    if (this.platform !== 'linux') return;
    // Fail closed: without the method there is no way to tell a keyring from the hard-coded fallback.
    const backend = this.encryption.getSelectedStorageBackend?.() ?? 'unknown';
    if (UNPROTECTED_LINUX_BACKENDS.has(backend)) {
      logger.warn(`Signing keys refused: the Linux secret storage backend is "${backend}".`);
      throw new KeyStoreUnavailableError(`${NO_LINUX_KEYRING} ${consequence}`);
    }
  }

  private encryptPrivateKey(privateKey: KeyObject): Buffer {
    const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
    // safeStorage encrypts strings; base64 keeps the binary DER intact through that API.
    const plainText = pkcs8.toString('base64');
    // Best effort: the Buffer is wiped; the string cannot be, and is left to the garbage collector.
    pkcs8.fill(0);
    let encrypted: Buffer;
    try {
      encrypted = this.encryption.encryptString(plainText);
      // Read back now: a key the keyring cannot decrypt would be found out only when signing a
      // submission, which is the worst moment.
      if (this.encryption.decryptString(encrypted) !== plainText) throw new Error('the decrypted key differs');
    } catch (error: unknown) {
      logger.error('Encrypting a new signing key failed.', error);
      throw new KeyStoreUnavailableError(`${NO_SECURE_STORAGE} No key was created.`);
    }
    return encrypted;
  }

  private decryptPrivateKey({ key, encryptedPrivateKey }: StoredKey): KeyObject {
    let plainText: string;
    try {
      plainText = this.encryption.decryptString(encryptedPrivateKey);
    } catch (error: unknown) {
      // Typically a keyring that was reset or replaced, or a key file copied from another account.
      logger.warn(`Decrypting signing key ${key.keyId} failed.`, error);
      throw new KeyStoreUnavailableError(
        `The signing key ${key.keyId} could not be unlocked with this computer's secure storage. It may have been created under another user account or before the keyring was reset. Nothing was signed.`,
      );
    }

    const pkcs8 = Buffer.from(plainText, 'base64');
    try {
      const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
      // The stored public key is what the key id and every verifier rely on: never sign with a
      // private key that does not belong to it, whatever the file was made to contain.
      if (!Buffer.from(rawPublicKeyOf(privateKey)).equals(Buffer.from(key.publicKey))) throw new Error('public key mismatch');
      return privateKey;
    } catch (error: unknown) {
      logger.warn(`Signing key ${key.keyId}: the decrypted private key is unusable.`, error instanceof Error ? error.message : error);
      throw new KeyStoreUnavailableError(`The signing key ${key.keyId} is damaged and cannot be used. Nothing was signed.`);
    } finally {
      pkcs8.fill(0);
    }
  }

  private async writeKeyFile(keyId: string, file: KeyFile): Promise<void> {
    const bytes = new TextEncoder().encode(`${JSON.stringify(file, null, 2)}\n`);
    try {
      await mkdir(this.folder, { recursive: true, mode: KEY_FOLDER_MODE });
      // `mkdir` leaves an existing folder's mode alone; tighten it in case it was made more open.
      if (this.platform !== 'win32') await chmod(this.folder, KEY_FOLDER_MODE);
      await writeFileAtomically(path.join(this.folder, `${keyId}.json`), bytes, { mode: KEY_FILE_MODE, syncFolder: true });
    } catch (error: unknown) {
      logger.error('Saving a signing key failed.', error);
      throw new AppError('FILE_UNWRITABLE', `The signing key could not be saved (${errorCode(error) ?? 'write error'}).`);
    }
  }

  /**
   * Reads and checks one key file. Everything in it is untrusted: the schema, the key id against
   * the public key, and the file name against the key id must all agree.
   */
  private async readKeyFile(fileName: string): Promise<ReadResult> {
    const filePath = path.join(this.folder, fileName);
    let text: string;
    try {
      // lstat, not stat: a symbolic link planted in the folder is not followed to some other file.
      const stats = await lstat(filePath);
      if (!stats.isFile()) return { status: 'invalid', reason: 'not a regular file' };
      if (stats.size > MAX_KEY_FILE_BYTES) return { status: 'invalid', reason: `larger than ${String(MAX_KEY_FILE_BYTES)} bytes` };
      text = await readFile(filePath, 'utf8');
    } catch (error: unknown) {
      if (errorCode(error) === 'ENOENT') return { status: 'missing' };
      return { status: 'invalid', reason: `unreadable (${errorCode(error) ?? 'read error'})` };
    }

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { status: 'invalid', reason: 'not valid JSON' };
    }
    const parsed = keyFileSchema.safeParse(json);
    if (!parsed.success) return { status: 'invalid', reason: describeIssues(parsed.error.issues) };

    const file = parsed.data;
    const publicKey = new Uint8Array(Buffer.from(file.publicKey, 'base64'));
    const expectedId = await keyIdOf(publicKey);
    if (file.keyId !== expectedId) return { status: 'invalid', reason: 'its keyId is not the SHA-256 of its public key' };
    if (fileName !== `${expectedId}.json`) return { status: 'invalid', reason: 'its file name does not match its key id' };

    return {
      status: 'ok',
      stored: {
        key: { keyId: file.keyId, publicKey, label: file.label, createdAt: file.createdAt },
        encryptedPrivateKey: Buffer.from(file.encryptedPrivateKey, 'base64'),
      },
    };
  }
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
