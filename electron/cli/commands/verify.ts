import { MAX_SUBMISSION_BYTES } from '../../../shared/submission/document';
import { looksLikeZip } from '../../../shared/workbook/zip-check';
import type { SignerCard } from '../../../shared/submission/document';
import type { VerificationReport } from '../../../shared/submission/verify';
import { verifySubmissionJson } from '../../../shared/submission/verify';
import { verifySubmissionWorkbook } from '../../../shared/workbook';
import type { QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';
import { bundledDefinitions } from '../definitions';
import { loadTrustedCards } from '../trusted-cards';
import { flag, parseCommandArgs, strings } from '../args';
import type { CliContext } from '../context';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../errors';
import { displayPath, expandInputs, readLimited } from '../files';
import { reportJson, reportText } from '../verification-text';
import type { Command } from './command';

const OPTIONS = {
  trusted: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP = `Usage: egov-desk verify FILE... [--trusted CARD]... [--json]

Checks signed submissions (JSON or Excel; told apart by their content, not their name) and
prints one verdict per file:
  valid, signed by NAME (ORGANISATION), key 3f2a 9c01 …, trusted | not on the trusted list
  signature invalid: why
  changed after signing: each part that differs from what was signed (answers.A.1, …)
  unreadable: why (empty, truncated, not a submission, too large, …)
A FILE may be a folder: its *.json and *.xlsx files are checked.

Options:
  --trusted CARD  A signer card (signer-card.json from 'egov-desk keygen') whose key you trust.
                  Repeat for several signers.
  --json          Print a JSON array with one report per file instead of text.
  -h, --help      Show this help.

Exit codes: 0 every file is valid and unchanged; 1 at least one is not; 2 wrong usage.
`;

async function verifyFile(file: string, shownAs: string, trusted: readonly SignerCard[], definitions: readonly QuestionnaireDefinition[]): Promise<{ format: 'json' | 'xlsx'; report: VerificationReport }> {
  const read = await readLimited(file, MAX_SUBMISSION_BYTES, shownAs);
  if (read.kind === 'tooLarge') {
    return { format: 'json', report: { status: 'unreadable', reason: `the file is larger than ${String(MAX_SUBMISSION_BYTES / 1024 / 1024)} MB` } };
  }
  if (looksLikeZip(read.bytes)) {
    try {
      // The built-in questionnaires, so the visible sheets are checked against trusted copies.
      return { format: 'xlsx', report: await verifySubmissionWorkbook(read.bytes, trusted, definitions) };
    } catch (error) {
      return { format: 'xlsx', report: { status: 'unreadable', reason: `the workbook could not be checked (${error instanceof Error ? error.message : String(error)})` } };
    }
  }
  return { format: 'json', report: await verifySubmissionJson(read.bytes, trusted) };
}

async function run(args: readonly string[], { io, cwd }: CliContext): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (flag(parsed, 'help')) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length === 0) throw new UsageError('name at least one submission file to verify');
  const trusted = await loadTrustedCards(strings(parsed, 'trusted'), cwd);
  const { files } = await expandInputs(cwd, parsed.positionals, ['.json', '.xlsx']);
  const definitions = (await bundledDefinitions()).map((a) => a.definition);
  const results: { file: string; format: 'json' | 'xlsx'; report: VerificationReport }[] = [];
  for (const file of files) {
    const shownAs = displayPath(cwd, file);
    results.push({ file: shownAs, ...(await verifyFile(file, shownAs, trusted, definitions)) });
  }

  if (flag(parsed, 'json')) io.stdout(`${JSON.stringify(results.map((r) => reportJson(r.file, r.format, r.report)), null, 2)}\n`);
  else for (const r of results) io.stdout(reportText(r.file, r.report));
  return results.every((r) => r.report.status === 'valid') ? EXIT_OK : EXIT_FAILURE;
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check the signature of submissions, and who signed them.',
  help: HELP,
  run,
};
