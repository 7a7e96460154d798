import { describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE } from '../../../electron/cli/run';
import { cli, STACK_TRACE } from './helpers';

const COMMANDS = ['keygen', 'sample', 'validate', 'export', 'verify'];

describe('egov-desk with no command', () => {
  it.each([['--help'], ['-h'], [], ['help']])('%s prints the usage and exits 0', async (...args: string[]) => {
    const result = await cli('.', ...args);
    expect(result.code).toBe(EXIT_OK);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Usage: egov-desk <command> [options]');
    for (const command of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
    expect(result.stdout).toContain('--version');
  });

  it.each([['--version'], ['-v']])('%s prints the build-time version and exits 0', async (flag) => {
    // build/vitest.config.ts defines __APP_VERSION__ as 0.0.0-test.
    expect(await cli('.', flag)).toStrictEqual({ code: EXIT_OK, stdout: '0.0.0-test\n', stderr: '' });
  });

  it.each([
    [['--bogus'], "egov-desk: unknown option '--bogus'"],
    [['-x'], "egov-desk: unknown option '-x'"],
    [['--help=yes'], "egov-desk: option '--help' does not take a value"],
    [['frobnicate'], "egov-desk: unknown command 'frobnicate'"],
    [['help', 'frobnicate'], "egov-desk: unknown command 'frobnicate'"],
    [['sign'], "'export' signs responses"],
  ])('%j is a usage error: a message and a hint on stderr, exit 2', async (args, message) => {
    const result = await cli('.', ...args);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("Run 'egov-desk --help'");
  });
});

describe.each(COMMANDS)('egov-desk %s', (command) => {
  it('has a --help of its own, also reachable as "help <command>"', async () => {
    const own = await cli('.', command, '--help');
    expect(own.code).toBe(0);
    expect(own.stdout).toMatch(new RegExp(`^Usage: egov-desk ${command} `));
    expect(own.stdout).toContain('Exit codes:');
    expect((await cli('.', 'help', command)).stdout).toBe(own.stdout);
    expect((await cli('.', '--help', command)).stdout).toBe(own.stdout);
  });

  it.each([
    [['--no-such-option'], "unknown option '--no-such-option'"],
    [['--help=1'], "option '--help' does not take a value"],
  ])('%j: exit 2, a message naming the command, no stack trace', async (args, message) => {
    const result = await cli('.', command, ...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`egov-desk ${command}: ${message}`);
    expect(result.stderr).toContain(`Run 'egov-desk ${command} --help'`);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('says what is missing when run bare', async () => {
    const result = await cli('.', command);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/required|name at least one|name the response file/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('option values', () => {
  it.each([
    [['sample', '--questionnaire'], "option '--questionnaire' needs a value"],
    [['sample', '--questionnaire', 'msq-2024', '--questionnaire', 'lgq-2024', '--seed', '1', '--out', 'x'], "option '--questionnaire' is given more than once"],
    [['export', 'r.json', '--format', 'pdf', '--identity', 'i', '--out', 'o'], "--format must be json or xlsx, not 'pdf'"],
    [['export', 'r.json', '--format', 'json', '--identity', 'i', '--out', 'o', '--signed-at', 'yesterday'], "--signed-at must be an ISO 8601 time"],
    [['validate', 'a.json', 'b.json'], 'one response file at a time'],
  ])('%j: exit 2', async (args, message) => {
    const result = await cli('.', ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
