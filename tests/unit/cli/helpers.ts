import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../../electron/cli/run';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command line in-process, in `cwd`, and captures what it prints. */
export async function cli(cwd: string, ...args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (text) => out.push(text), stderr: (text) => err.push(text) }, { cwd, now: () => new Date('2024-05-20T10:00:00.000Z') });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const created: string[] = [];

/** Makes a temporary folder that `cleanTempDirs` removes. */
export async function tempDir(prefix = 'egov-cli-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export async function cleanTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A Node stack trace line ("    at fn (file:1:2)"): must never reach a person. */
export const STACK_TRACE = /^\s+at .+[:(]/m;

export const QUESTIONNAIRES = ['msq-2024', 'lgq-2024', 'osi-2024', 'losi-2024'] as const;

/** A character a terminal acts on rather than shows: controls (but the line feeds a report writes) and bidi formatting. */
export const TERMINAL_CONTROL = /(?:(?!\n)\p{Cc})|[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
