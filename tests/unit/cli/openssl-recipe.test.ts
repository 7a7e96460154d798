import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionDocument } from '../../../shared/submission/document';
import { submissionDocumentSchema } from '../../../shared/submission/document';
import type { ResponseFile } from '../../../shared/submission/response-file';
import { signingBytes } from '../../../shared/submission/sign';
import { cleanTempDirs, cli, QUESTIONNAIRES, tempDir } from './helpers';

/**
 * Runs, word for word, the commands the README gives under "Verifying a submission with OpenSSL
 * alone" (between the `openssl-recipe` markers), so the documentation and this test cannot drift.
 */
const README = path.join(import.meta.dirname, '../../../README.md');

function available(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0;
}

const missing = [
  process.platform === 'win32' ? 'a POSIX shell' : undefined,
  available('openssl', ['version']) ? undefined : 'openssl',
  available('python3', ['--version']) ? undefined : 'python3',
].filter((tool): tool is string => tool !== undefined);
const hasJq = available('jq', ['--version']);

async function recipe(): Promise<string> {
  const text = await readFile(README, 'utf8');
  const match = /<!-- openssl-recipe -->\n```sh\n([\s\S]*?)```\n<!-- \/openssl-recipe -->/.exec(text);
  if (!match?.[1]) throw new Error('README.md has no <!-- openssl-recipe --> block');
  return match[1];
}

let dir: string;
let commands: string;

/** Runs the README's commands in a fresh folder holding `submission.json`. */
async function runRecipe(name: string, document: unknown): Promise<{ status: number | null; stdout: string; stderr: string; folder: string }> {
  const folder = path.join(dir, name);
  await mkdir(folder);
  await writeFile(path.join(folder, 'submission.json'), `${JSON.stringify(document, null, 2)}\n`);
  const result = spawnSync('sh', ['-e', '-c', commands], { cwd: folder, encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, folder };
}

async function exportResponse(name: string, response: string): Promise<SubmissionDocument> {
  const result = await cli(dir, 'export', response, '--identity', 'id/identity.json', '--format', 'json', '--out', `${name}.signed.json`);
  expect(result.stderr).toBe('');
  return submissionDocumentSchema.parse(JSON.parse(await readFile(path.join(dir, `${name}.signed.json`), 'utf8')));
}

describe.skipIf(missing.length > 0)(`the README's OpenSSL recipe${missing.length > 0 ? ` (skipped: ${missing.join(', ')} not installed)` : ''}`, () => {
  beforeAll(async () => {
    dir = await tempDir('egov-openssl-');
    commands = await recipe();
    expect((await cli(dir, 'keygen', '--name', 'Ngozi Eze', '--org', 'NITDA', '--email', 'ngozi@nitda.example', '--out', 'id')).code).toBe(0);
  });
  afterAll(cleanTempDirs);

  it.each(QUESTIONNAIRES)('verifies an exported %s submission', async (id) => {
    await cli(dir, 'sample', '--questionnaire', id, '--seed', 'openssl', '--out', `${id}.json`);
    const document = await exportResponse(id, `${id}.json`);
    const result = await runRecipe(id, document);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Signature Verified Successfully');
    expect(result.status).toBe(0);
    // The bytes Python produced are exactly the RFC 8785 bytes the app signs.
    expect(new Uint8Array(await readFile(path.join(result.folder, 'payload.bin')))).toStrictEqual(signingBytes(document));
    if (hasJq) {
      const jq = spawnSync('jq', ['-jcS', 'del(.signature)', 'submission.json'], { cwd: result.folder });
      expect(new Uint8Array(jq.stdout)).toStrictEqual(signingBytes(document));
    }
  });

  it('verifies a submission with decimal answers and text that needs escaping', async () => {
    await cli(dir, 'sample', '--questionnaire', 'test-all-types', '--seed', 'decimals', '--out', 'decimals.json');
    const base = JSON.parse(await readFile(path.join(dir, 'decimals.json'), 'utf8')) as ResponseFile;
    // Decimals as people give them, and text with quotes, control characters and non-BMP characters.
    const answers = { ...base.answers, 'B.3': 1250, 'B.4': 87.25, 'B.5': 'Quotes "like this", a tab\there, a line\nbreak, accents é ü, and 中文 😀.' };
    await writeFile(path.join(dir, 'decimals.json'), JSON.stringify({ ...base, answers }));
    const document = await exportResponse('decimals', 'decimals.json');
    expect(document.answers['B.4']).toBe(87.25);
    const result = await runRecipe('decimals', document);
    expect(result.stdout).toContain('Signature Verified Successfully');
    expect(new Uint8Array(await readFile(path.join(result.folder, 'payload.bin')))).toStrictEqual(signingBytes(document));
  });

  it('reports a changed answer as a verification failure', async () => {
    const document = submissionDocumentSchema.parse(JSON.parse(await readFile(path.join(dir, 'lgq-2024.signed.json'), 'utf8')));
    const result = await runRecipe('changed', { ...document, respondent: { ...document.respondent, place: 'Atlantis' } });
    expect(result.stdout).not.toContain('Signature Verified Successfully');
    expect(`${result.stdout}${result.stderr}`).toContain('Signature Verification Failure');
    expect(result.status).not.toBe(0);
  });

  it('refuses, rather than miscomputes, a decimal Python writes differently from RFC 8785', async () => {
    const base = JSON.parse(await readFile(path.join(dir, 'decimals.json'), 'utf8')) as ResponseFile;
    await writeFile(path.join(dir, 'tiny.json'), JSON.stringify({ ...base, answers: { ...base.answers, 'B.4': 0.00005 } }));
    const document = await exportResponse('tiny', 'tiny.json');
    const result = await runRecipe('tiny', document);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('the number 0.00005 needs an RFC 8785 library');
  });
});
