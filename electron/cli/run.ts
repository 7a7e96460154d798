import { AppError } from '../../shared/errors';
import { parseCommandArgs } from './args';
import { COMMANDS } from './commands';
import type { CliContext } from './context';
import { CommandFailedError, CommandRefusedError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './errors';
import type { CliIo } from './output';
import { terminalSafe } from './terminal-text';

export { EXIT_FAILURE, EXIT_NOT_DONE, EXIT_OK, EXIT_USAGE } from './errors';

export const CLI_NAME = 'egov-desk';

/** Commands that are planned but not built yet; named so the error says "not yet", not "unknown". */
const PLANNED_COMMANDS = new Map([
  ['sign', "there is no 'sign' command: 'export' signs responses"],
]);

const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export function usageText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `${CLI_NAME} ${__APP_VERSION__}`,
    '',
    `Usage: ${CLI_NAME} <command> [options]`,
    `       ${CLI_NAME} [--help | --version]`,
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run '${CLI_NAME} <command> --help' for a command's options.`,
    '',
    'Options:',
    '  -h, --help     Show this help and exit.',
    '  -v, --version  Print the version and exit.',
    '',
    'Exit codes: 0 success; 1 the check or command failed (see its help); 2 wrong usage;',
    "3 'merge' could not finish (its 1 means a decision is needed).",
    '',
  ].join('\n');
}

/**
 * Runs the command line and returns the exit code. No `process` access here: tests call it with
 * their own `io` and working folder. `args` excludes the node binary and script
 * (process.argv.slice(2)). A person's mistake ends in a sentence on stderr, never a stack trace.
 */
export async function runCli(args: readonly string[], io: CliIo, options: Partial<Omit<CliContext, 'io'>> = {}): Promise<number> {
  const context: CliContext = { io, cwd: options.cwd ?? '.', now: options.now ?? (() => new Date()) };
  const [first, ...rest] = args;
  const command = COMMANDS.find((c) => c.name === first);
  try {
    if (command) return await command.run(rest, context);
    return runWithoutCommand(args, io);
  } catch (error) {
    const prefix = command ? `${CLI_NAME} ${command.name}` : CLI_NAME;
    const failed = command?.failureExitCode ?? EXIT_FAILURE;
    // Messages may quote file names and file contents: shown, never obeyed, by the terminal.
    const say = (text: string) => {
      io.stderr(terminalSafe(text, { keepLines: true }));
    };
    if (error instanceof UsageError) {
      const help = command ? `${CLI_NAME} ${command.name} --help` : `${CLI_NAME} --help`;
      say(`${prefix}: ${error.message}\nRun '${help}' for the options.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof CommandFailedError || error instanceof CommandRefusedError || error instanceof AppError) {
      say(`${prefix}: ${error.message}\n`);
      return failed;
    }
    // A bug, not a mistake of the person: still one line, with what the error said.
    say(`${prefix}: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return failed;
  }
}

function runWithoutCommand(args: readonly string[], io: CliIo): number {
  const parsed = parseCommandArgs(args, GLOBAL_OPTIONS);
  const [positional, ...others] = parsed.positionals;
  if (positional !== undefined) {
    // `egov-desk help export` and `egov-desk --help export` show that command's help.
    const named = COMMANDS.find((c) => c.name === (positional === 'help' ? others[0] : positional));
    const asksHelp = positional === 'help' || parsed.values.get('help') === true;
    if (asksHelp && named) {
      io.stdout(named.help);
      return EXIT_OK;
    }
    if (positional === 'help' && others.length === 0) {
      io.stdout(usageText());
      return EXIT_OK;
    }
    const unknown = positional === 'help' ? (others[0] ?? positional) : positional;
    throw new UsageError(PLANNED_COMMANDS.get(unknown) ?? `unknown command '${unknown}'`);
  }
  if (parsed.values.get('version') === true && parsed.values.get('help') !== true) {
    io.stdout(`${__APP_VERSION__}\n`);
    return EXIT_OK;
  }
  io.stdout(usageText());
  return EXIT_OK;
}
