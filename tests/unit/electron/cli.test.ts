import { describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE, runCli } from '../../../electron/cli/run';

function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, { stdout: (text) => out.push(text), stderr: (text) => err.push(text) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('runCli', () => {
  it.each([['--help'], ['-h'], []])('%s prints the usage and exits 0', (...args: string[]) => {
    const result = run(...args);
    expect(result.code).toBe(EXIT_OK);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Usage: egov-desk [options]');
    expect(result.stdout).toContain('sign, verify, merge');
    expect(result.stdout).toContain('--help');
    expect(result.stdout).toContain('--version');
  });

  it.each([['--version'], ['-v']])('%s prints the build-time version and exits 0', (flag) => {
    // build/vitest.config.ts defines __APP_VERSION__ as 0.0.0-test.
    expect(run(flag)).toStrictEqual({ code: EXIT_OK, stdout: '0.0.0-test\n', stderr: '' });
  });

  it.each([
    ['--bogus', "unknown option '--bogus'"],
    ['-x', "unknown option '-x'"],
    ['--help=yes', "option '--help' does not take a value"],
    ['frobnicate', "unknown command 'frobnicate'"],
    ['sign', "'sign' is not available yet"],
  ])('%s is a usage error: a message and a hint on stderr, exit 2', (arg, message) => {
    const result = run(arg);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`egov-desk: ${message}`);
    expect(result.stderr).toContain("Run 'egov-desk --help'");
  });
});
