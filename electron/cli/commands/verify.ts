import { open } from 'node:fs/promises';
import { MAX_CONSOLIDATED_BYTES, verifyConsolidatedJson } from '../../../shared/merge/consolidated';
import { CONSOLIDATED_HEAD_BYTES, startsLikeConsolidated, verifyJsonFile } from '../../../shared/merge/verify-json-file';
import { formatByteLimit } from '../../../shared/safe-json';
import { MAX_SUBMISSION_BYTES } from '../../../shared/submission/document';
import { looksLikeZip } from '../../../shared/workbook/zip-check';
import type { SignerCard } from '../../../shared/submission/document';
import type { VerificationReport } from '../../../shared/submission/verify';
import { verifySubmissionWorkbook } from '../../../shared/workbook';
import type { QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';
import { bundledDefinitions } from '../definitions';
import { loadTrustedCards } from '../trusted-cards';
import { flag, parseCommandArgs, strings } from '../args';
import type { CliContext } from '../context';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../errors';
import { displayPath, expandInputs, readLimited } from '../files';
import type { FileVerdict } from '../verification-text';
import { isValidVerdict, verdictJson, verdictText } from '../verification-text';
import type { Command } from './command';

const OPTIONS = {
  trusted: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP = `Usage: egov-desk verify FILE... [--trusted CARD]... [--json]

Checks signed submissions (JSON or Excel) and consolidated datasets (the consolidated.json
'egov-desk merge' writes), told apart by their content, not their name, and prints one verdict
per file. For a submission:
  valid, signed by NAME (ORGANISATION), key 3f2a 9c01 …, trusted | not on the trusted list
  signature invalid: why
  changed after signing: each part that differs from what was signed (answers.A.1, …)
For a consolidated dataset:
  valid consolidated dataset, signed by NAME (ORGANISATION), key 3f2a 9c01 …, trusted | not on
    the trusted list; N respondents from M files, C open conflicts
  unsigned consolidated dataset (no coordinator signature); N respondents from M files, …
  signature invalid: why
For any file:
  unreadable: why (empty, truncated, not an EGov Desk file, too large, …)
A FILE may be a folder: its *.json and *.xlsx files are checked.

Options:
  --trusted CARD  A signer card (signer-card.json from 'egov-desk keygen') whose key you trust:
                  a focal point's or a coordinator's. Repeat for several signers.
  --json          Print a JSON array with one report per file instead of text; each report's
                  "kind" is "submission" or "consolidated".
  -h, --help      Show this help.

Exit codes: 0 every file is valid (signed and unchanged); 1 at least one is not (an unsigned
consolidated dataset is not valid); 2 wrong usage.
`;

const submission = (format: 'json' | 'xlsx', report: VerificationReport): FileVerdict => ({ kind: 'submission', format, report });

/** A JSON file: a consolidated dataset or a submission (shared/merge/verify-json-file.ts). */
async function verifyJson(bytes: Uint8Array, trusted: readonly SignerCard[]): Promise<FileVerdict> {
  const verified = await verifyJsonFile(bytes, trusted);
  return verified.kind === 'submission' ? submission('json', verified.report) : verified;
}

/** The first bytes of a file; none when it cannot be read (it is then refused as too large). */
async function readHead(file: string): Promise<Uint8Array> {
  try {
    const handle = await open(file, 'r');
    try {
      const head = new Uint8Array(CONSOLIDATED_HEAD_BYTES);
      const { bytesRead } = await handle.read(head, 0, CONSOLIDATED_HEAD_BYTES, 0);
      return head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return new Uint8Array(0);
  }
}

/**
 * A file larger than any submission: only a consolidated dataset may be, so it is read in full
 * only when it starts like one. Anything else is refused unread, as a 10 GB file must be.
 */
async function verifyLargeFile(file: string, shownAs: string, trusted: readonly SignerCard[]): Promise<FileVerdict> {
  if (!startsLikeConsolidated(await readHead(file))) {
    return submission('json', { status: 'unreadable', reason: `the file is larger than ${formatByteLimit(MAX_SUBMISSION_BYTES)}` });
  }
  const read = await readLimited(file, MAX_CONSOLIDATED_BYTES, shownAs);
  if (read.kind === 'tooLarge') {
    return { kind: 'consolidated', verification: { status: 'unreadable', reason: `the file is larger than ${formatByteLimit(MAX_CONSOLIDATED_BYTES)}` } };
  }
  return { kind: 'consolidated', verification: await verifyConsolidatedJson(read.bytes, trusted) };
}

async function verifyFile(file: string, shownAs: string, trusted: readonly SignerCard[], definitions: readonly QuestionnaireDefinition[]): Promise<FileVerdict> {
  const read = await readLimited(file, MAX_SUBMISSION_BYTES, shownAs);
  if (read.kind === 'tooLarge') return verifyLargeFile(file, shownAs, trusted);
  if (looksLikeZip(read.bytes)) {
    try {
      // The built-in questionnaires, so the visible sheets are checked against trusted copies.
      return submission('xlsx', await verifySubmissionWorkbook(read.bytes, trusted, definitions));
    } catch (error) {
      return submission('xlsx', { status: 'unreadable', reason: `the workbook could not be checked (${error instanceof Error ? error.message : String(error)})` });
    }
  }
  return verifyJson(read.bytes, trusted);
}

async function run(args: readonly string[], { io, cwd }: CliContext): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (flag(parsed, 'help')) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length === 0) throw new UsageError('name at least one submission or consolidated file to verify');
  const trusted = await loadTrustedCards(strings(parsed, 'trusted'), cwd);
  const { files } = await expandInputs(cwd, parsed.positionals, ['.json', '.xlsx']);
  const definitions = (await bundledDefinitions()).map((a) => a.definition);
  const results: { file: string; verdict: FileVerdict }[] = [];
  for (const file of files) {
    const shownAs = displayPath(cwd, file);
    results.push({ file: shownAs, verdict: await verifyFile(file, shownAs, trusted, definitions) });
  }

  if (flag(parsed, 'json')) io.stdout(`${JSON.stringify(results.map((r) => verdictJson(r.file, r.verdict)), null, 2)}\n`);
  else for (const r of results) io.stdout(verdictText(r.file, r.verdict));
  return results.every((r) => isValidVerdict(r.verdict)) ? EXIT_OK : EXIT_FAILURE;
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check the signature of submissions and consolidated datasets, and who signed them.',
  help: HELP,
  run,
};
