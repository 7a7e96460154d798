import path from 'node:path';
import { flag, parseCommandArgs } from '../args';
import type { CliContext } from '../context';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../errors';
import { displayPath } from '../files';
import { describeFinding } from '../findings-text';
import { findingLines, loadResponse, readinessLine } from '../response';
import type { Command } from './command';

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP = `Usage: egov-desk validate RESPONSE [--json]

Checks a response file (format egov-desk/response) with the app's validation engine and lists
every finding: severity, section, question and what to do. Warnings that the file acknowledges
("acknowledgedWarnings") are marked as such.

Options:
  --json      Print {"file", "questionnaire", "readiness", "findings"} as JSON instead of text.
  -h, --help  Show this help.

Exit codes: 0 ready to submit (no errors, every warning acknowledged); 1 not ready; 2 wrong usage.
`;

async function run(args: readonly string[], { io, cwd }: CliContext): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (flag(parsed, 'help')) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length !== 1) throw new UsageError(parsed.positionals.length === 0 ? 'name the response file to validate' : 'validate checks one response file at a time');
  const file = path.resolve(cwd, parsed.positionals[0] ?? '');
  const checked = await loadResponse(file, displayPath(cwd, file));
  const { readiness, available } = checked;
  const ready = readiness.status === 'ready';
  if (flag(parsed, 'json')) {
    const findings = checked.findings.map((f) => ({
      key: f.key,
      severity: f.severity,
      sectionId: f.sectionId,
      questionId: f.questionId,
      code: f.problem.code,
      place: f.place,
      message: describeFinding(f, available.definition),
      acknowledged: f.severity === 'warning' && checked.acknowledged.has(f.key),
    }));
    const summary = {
      file: displayPath(cwd, file),
      questionnaire: { id: available.definition.id, version: available.definition.version },
      readiness: { status: readiness.status, readyToSubmit: ready, reasons: readiness.reasons, totals: readiness.totals },
      findings,
    };
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    const { answered, total } = readiness.totals;
    io.stdout(`${displayPath(cwd, file)}: ${available.definition.id} ${available.definition.version}, ${String(answered)} of ${String(total)} shown questions answered\n`);
    for (const line of findingLines(checked)) io.stdout(`${line}\n`);
    io.stdout(`${readinessLine(readiness)}\n`);
  }
  return ready ? EXIT_OK : EXIT_FAILURE;
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'List what is wrong with a response, and whether it is ready to submit.',
  help: HELP,
  run,
};
