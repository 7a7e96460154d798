import { execFileSync } from 'node:child_process';
import { mkdir, readFile, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanTempDirs, cli, STACK_TRACE, tempDir, TERMINAL_CONTROL } from './helpers';

/** Files that are not submissions at all: verify says why, exits 1, and never crashes. */
let dir: string;
let signed: string;

beforeAll(async () => {
  dir = await tempDir();
  await cli(dir, 'keygen', '--name', 'Kai Tamm', '--org', 'RIA', '--email', 'kai@ria.example', '--out', 'id');
  await cli(dir, 'sample', '--questionnaire', 'test-all-types', '--seed', '1', '--out', 'r.json');
  await cli(dir, 'export', 'r.json', '--identity', 'id/identity.json', '--format', 'json', '--out', 's.json');
  signed = await readFile(path.join(dir, 's.json'), 'utf8');
});
afterAll(cleanTempDirs);

// A fixed byte pattern rather than random bytes, so a failure can be reproduced.
const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);

describe('verify on files that are not submissions', () => {
  it.each([
    ['empty.json', () => '', 'the file is empty'],
    ['truncated.json', () => signed.slice(0, Math.floor(signed.length / 2)), 'not valid JSON'],
    ['noise.bin', () => noise, 'not UTF-8'],
    ['notes.txt', () => 'Dear coordinator, please find attached our answers.\n', 'not valid JSON'],
    ['other.json', () => '{"hello":"world"}', 'not an EGov Desk submission'],
    ['array.json', () => '[1,2,3]', 'not an EGov Desk submission'],
    ['broken.json', () => signed.replace('"formatVersion": 1', '"formatVersion": 7'), 'does not follow the format'],
    ['fake.xlsx', () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...noise.slice(0, 200)]), ''],
  ])('%s: exit 1, "unreadable" with a reason', async (name, content, reason) => {
    const data = content();
    await writeFile(path.join(dir, name), data);
    const result = await cli(dir, 'verify', name);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^${name}: unreadable: .+`));
    expect(result.stdout).toContain(reason);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toMatch(STACK_TRACE);
    const json = JSON.parse((await cli(dir, 'verify', name, '--json')).stdout) as { status: string; reason: string }[];
    expect(json[0]?.status).toBe('unreadable');
    expect(json[0]?.reason.length).toBeGreaterThan(5);
  });

  it('reports an oversized file without reading it', async () => {
    const file = path.join(dir, 'huge.json');
    await writeFile(file, '');
    // A sparse 40 MB file: the size is checked before anything is read.
    await truncate(file, 40 * 1024 * 1024);
    const result = await cli(dir, 'verify', 'huge.json');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('huge.json: unreadable: the file is larger than 32 MB\n');
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO and a device unread, instead of waiting on them for ever', async () => {
    execFileSync('mkfifo', [path.join(dir, 'pipe.json')]);
    const result = await cli(dir, 'verify', 'pipe.json', '/dev/zero', 's.json');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('pipe.json: unreadable: this is not a regular file (a device, a pipe or a socket), so it was not read\n');
    expect(result.stdout).toContain('/dev/zero: unreadable: this is not a regular file (a device, a pipe or a socket), so it was not read\n');
    expect(result.stdout).toMatch(/^s\.json: valid, /m);
  });

  it('shows escape sequences quoted from a file instead of sending them to the terminal', async () => {
    await writeFile(path.join(dir, 'escapes.json'), '\u001b[31mRED\u001b[0m\r\u001b[2K');
    for (const json of [false, true]) {
      const result = await cli(dir, 'verify', 'escapes.json', ...(json ? ['--json'] : []));
      expect(result.code).toBe(1);
      expect(result.stdout).not.toMatch(TERMINAL_CONTROL);
      if (!json) expect(result.stdout).toContain('\u241b[31mRED\u241b[0m');
    }
  });

  it('checks the subfolders of a folder too, and says which entries it could not check (exit 1)', async () => {
    await mkdir(path.join(dir, 'inbox', 'ministries'), { recursive: true });
    await writeFile(path.join(dir, 'inbox', 'ministries', 'finance.json'), signed);
    await symlink(path.join(dir, 's.json'), path.join(dir, 'inbox', 'linked.json'));
    const clean = await cli(dir, 'verify', 'inbox');
    expect(clean.stdout).toMatch(/^inbox.linked\.json: valid, .*\ninbox.ministries.finance\.json: valid, /);
    expect(clean.code).toBe(0);
    await symlink(path.join(dir, 'inbox', 'gone.json'), path.join(dir, 'inbox', 'broken.json'));
    const broken = await cli(dir, 'verify', 'inbox');
    expect(broken.stdout).toContain(`${path.join('inbox', 'broken.json')}: not checked: the link points to nothing (no such file or folder)\n`);
    expect(broken.code).toBe(1);
    const json = JSON.parse((await cli(dir, 'verify', 'inbox', '--json')).stdout) as { file: string; kind: string }[];
    expect(json.map((entry) => [entry.file, entry.kind])).toStrictEqual([
      [path.join('inbox', 'broken.json'), 'notChecked'],
      [path.join('inbox', 'linked.json'), 'submission'],
      [path.join('inbox', 'ministries', 'finance.json'), 'submission'],
    ]);
  });

  it('treats a missing file as a usage error (exit 2)', async () => {
    const result = await cli(dir, 'verify', 'nowhere.json');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nowhere.json: no such file or folder');
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('refuses a trusted card that is not a signer card (exit 2)', async () => {
    const identity = await cli(dir, 'verify', 's.json', '--trusted', 'id/identity.json');
    expect(identity.code).toBe(2);
    expect(identity.stderr).toContain('is a private identity');
    const notJson = await cli(dir, 'verify', 's.json', '--trusted', 'notes.txt');
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('notes.txt is not a signer card');
  });
});
