import { parseArgs } from 'node:util';
import type { CliIo } from './output';

export const CLI_NAME = 'egov-desk';

/** Exit codes: 0 success, 2 wrong usage (the convention of POSIX utilities and getopt-based tools). */
export const EXIT_OK = 0;
export const EXIT_USAGE = 2;

/** Commands that are planned but not built yet; named so the error says "not yet", not "unknown". */
const PLANNED_COMMANDS = new Set(['sign', 'verify', 'merge']);

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export function usageText(): string {
  return [
    `${CLI_NAME} ${__APP_VERSION__}`,
    '',
    `Usage: ${CLI_NAME} [options]`,
    '',
    'Commands:',
    '  The submission commands (sign, verify, merge) arrive with the signed-submission work.',
    '',
    'Options:',
    '  -h, --help     Show this help and exit.',
    '  -v, --version  Print the version and exit.',
    '',
  ].join('\n');
}

/**
 * Runs the command line and returns the exit code. Pure apart from `io`: no `process` access, so
 * every path is unit-tested. `args` excludes the node binary and script (process.argv.slice(2)).
 */
export function runCli(args: readonly string[], io: CliIo): number {
  // strict: false plus tokens, so unknown options are reported in our words rather than Node's.
  const { values, tokens } = parseArgs({ args: [...args], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });

  for (const token of tokens) {
    if (token.kind === 'option' && !Object.hasOwn(OPTIONS, token.name)) {
      return usageError(io, `unknown option '${token.rawName}'`);
    }
    if (token.kind === 'option' && token.value !== undefined) {
      return usageError(io, `option '${token.rawName}' does not take a value`);
    }
    if (token.kind === 'positional') {
      const reason = PLANNED_COMMANDS.has(token.value)
        ? `'${token.value}' is not available yet: it arrives with the signed-submission work`
        : `unknown command '${token.value}'`;
      return usageError(io, reason);
    }
  }

  if (values.version === true && values.help !== true) {
    io.stdout(`${__APP_VERSION__}\n`);
    return EXIT_OK;
  }
  // No command exists yet, so a bare invocation shows the help rather than failing.
  io.stdout(usageText());
  return EXIT_OK;
}

function usageError(io: CliIo, reason: string): number {
  io.stderr(`${CLI_NAME}: ${reason}\nRun '${CLI_NAME} --help' to see what is available.\n`);
  return EXIT_USAGE;
}
