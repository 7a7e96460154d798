import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { toBase64 } from '../../../shared/crypto/base64';
import { keyIdOf } from '../../../shared/crypto/key-id';
import { signerCardSchema } from '../../../shared/submission/document';
import { identitySchema } from '../../../electron/cli/identity';
import { cleanTempDirs, cli, STACK_TRACE, tempDir } from './helpers';

afterEach(cleanTempDirs);

const ARGS = ['--name', 'Ana Silva', '--org', 'AGESIC', '--email', 'ana.silva@agesic.uy.example', '--out', 'me'];

describe('egov-desk keygen', () => {
  it('writes a private identity (mode 0600) and a public signer card that belong together', async () => {
    const dir = await tempDir();
    const result = await cli(dir, 'keygen', ...ARGS);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const identity = identitySchema.parse(JSON.parse(await readFile(path.join(dir, 'me/identity.json'), 'utf8')));
    const card = signerCardSchema.parse(JSON.parse(await readFile(path.join(dir, 'me/signer-card.json'), 'utf8')));
    expect(card).toMatchObject({ name: 'Ana Silva', organisation: 'AGESIC', email: 'ana.silva@agesic.uy.example', algorithm: 'Ed25519', createdAt: '2024-05-20T10:00:00.000Z' });
    expect(card.keyId).toBe(identity.keyId);
    expect(card.publicKey).toBe(identity.publicKey);
    expect(JSON.stringify(card)).not.toContain('PRIVATE');
    // The private key is standard PKCS#8 and its public half is the one on the card.
    const raw = createPublicKey(createPrivateKey(identity.privateKey)).export({ format: 'der', type: 'spki' }).subarray(12);
    expect(toBase64(new Uint8Array(raw))).toBe(card.publicKey);
    expect(await keyIdOf(new Uint8Array(raw))).toBe(card.keyId);
    expect(result.stdout).toContain(card.keyId.slice(0, 4));
    if (process.platform !== 'win32') expect((await stat(path.join(dir, 'me/identity.json'))).mode & 0o777).toBe(0o600);
  });

  it('refuses to overwrite an identity, and replaces it with --force', async () => {
    const dir = await tempDir();
    await cli(dir, 'keygen', ...ARGS);
    const before = await readFile(path.join(dir, 'me/identity.json'), 'utf8');
    const again = await cli(dir, 'keygen', ...ARGS);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(again.stderr).toContain('--force');
    expect(await readFile(path.join(dir, 'me/identity.json'), 'utf8')).toBe(before);
    const forced = await cli(dir, 'keygen', ...ARGS, '--force');
    expect(forced.code).toBe(0);
    expect(await readFile(path.join(dir, 'me/identity.json'), 'utf8')).not.toBe(before);
    if (process.platform !== 'win32') expect((await stat(path.join(dir, 'me/identity.json'))).mode & 0o777).toBe(0o600);
  });

  it.each([
    [['--org', 'O', '--email', 'a@b.example', '--out', 'x'], "option '--name' is required"],
    [['--name', 'N', '--email', 'a@b.example', '--out', 'x'], "option '--org' is required"],
    [['--name', 'N', '--org', 'O', '--out', 'x'], "option '--email' is required"],
    [['--name', 'N', '--org', 'O', '--email', 'a@b.example'], "option '--out' is required"],
    [['--name', 'N', '--org', 'O', '--email', 'not-an-email', '--out', 'x'], 'email'],
    [['--name', '   ', '--org', 'O', '--email', 'a@b.example', '--out', 'x'], 'name'],
    [['--name', 'N', '--org', 'O', '--email', 'a@b.example', '--out', 'x', 'extra'], "unexpected argument 'extra'"],
    [['--name', 'N', '--org', 'O', '--email', 'a@b.example', '--out', 'file.txt'], 'is a file'],
  ])('refuses %j as a usage error', async (args, message) => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'file.txt'), 'x');
    const result = await cli(dir, 'keygen', ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});
