import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildConsolidated, consolidatedFileText, signConsolidated } from '../../../shared/merge/consolidated';
import { csvFiles } from '../../../shared/merge/csv';
import { decisionsFileText, decisionsTemplate, MAX_DECISIONS_BYTES, parseDecisionsFile } from '../../../shared/merge/decisions';
import { mergeSubmissions } from '../../../shared/merge/merge';
import type { ConflictDecision, FileChoice, MergeResult } from '../../../shared/merge/model';
import { consolidatedTables } from '../../../shared/merge/tables';
import { renderConsolidatedWorkbook } from '../../../shared/merge/workbook';
import type { QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';
import type { SignerCard } from '../../../shared/submission/document';
import { flag, optionalString, parseCommandArgs, requiredString, strings } from '../args';
import type { CliContext } from '../context';
import { bundledDefinitions } from '../definitions';
import { CommandFailedError, EXIT_FAILURE, EXIT_NOT_DONE, EXIT_OK, UsageError } from '../errors';
import type { SkippedEntry } from '../files';
import { displayPath, ensureFolder, exists, expandInputs, isFolder, readLimited, realPathOf } from '../files';
import type { LoadedIdentity } from '../identity';
import { MAX_IDENTITY_BYTES, parseIdentity } from '../identity';
import { DECISIONS_NEEDED, OutputFolder } from '../merge-outputs';
import { mergeReportText, mergeSummaryJson, needsAttention } from '../merge-report';
import { processIo } from '../output';
import { ProgressLine } from '../progress';
import { terminalSafe, terminalSafeJson } from '../terminal-text';
import { loadTrustedCards } from '../trusted-cards';
import type { VerifyAllResult } from '../verify-pool';
import { defaultWorkerCount, verifyAll } from '../verify-pool';
import type { Command } from './command';

const OPTIONS = {
  out: { type: 'string' },
  trusted: { type: 'string', multiple: true },
  decisions: { type: 'string' },
  identity: { type: 'string' },
  language: { type: 'string' },
  jobs: { type: 'string' },
  json: { type: 'boolean' },
  stats: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const MAX_JOBS = 64;
const WORKBOOK = 'consolidated.xlsx';
const CONSOLIDATED = 'consolidated.json';

const HELP = `Usage: egov-desk merge FILE... --out DIR [--trusted CARD]... [--decisions FILE]
                        [--identity FILE] [--language LANG] [--jobs N] [--json] [--stats]

Verifies signed submissions (JSON or Excel) and merges them, question by question, into one
consolidated dataset per respondent (a country or city and questionnaire version). A FILE may be
a folder: its *.json and *.xlsx files are merged, in its subfolders too (links are followed;
hidden files are passed over; a broken link or an unreadable folder is listed with its reason).

  - The same submission twice (same id and content) is merged once; the copy is a duplicate.
  - A later version from the same signer supersedes the earlier one.
  - A file whose signature is invalid, or that was changed after signing, is kept out unless the
    decisions file includes it; an unreadable file is listed with its reason.
  - Where contributions agree, or only one answered, that answer is taken; where they differ, the
    question is an open conflict until the decisions file chooses or writes a value, with a reason.

Each file is checked on a worker thread, never in the command itself: a file that crashes or
stalls its checker (a minute, and a second more per MB) is listed as unreadable, and the rest go on.

Writes into DIR (created if missing), even while decisions are still needed:
  consolidated.xlsx      Wide sheet per questionnaire, long sheet, files, conflicts, codebook.
  consolidated.json      The dataset as JSON (egov-desk/consolidated), signed with --identity.
  *.csv                  The same tables as CSV (UTF-8, RFC 4180).
  decisions-needed.json  Only when something needs a decision: every open conflict and every
                         file kept out, to fill in and give back with --decisions. A decisions
                         file it would replace that holds your work (you edited it, or gave it
                         with --decisions) is first kept as decisions-needed.previous.json.
  .egov-desk-merge.json  What this run wrote. The next run removes only outputs listed there that
                         it no longer writes and that are unchanged; it never touches other files.

Options:
  --out DIR         The folder to write into (not one of the folders being merged).
  --trusted CARD    A signer card whose key you trust (repeat for several signers).
  --decisions FILE  A filled-in decisions file (egov-desk/merge-decisions), from an earlier run.
  --identity FILE   Your identity.json from 'egov-desk keygen': signs consolidated.json as the
                    coordinator. Without it, consolidated.json is written unsigned.
  --language LANG   Language of question labels in the outputs (e.g. fr); default the
                    questionnaire's own.
  --jobs N          Files verified at once, each on its own worker thread (default: the number
                    of processor cores, at most 8).
  --json            Print a JSON summary instead of text.
  --stats           Print timings, files per second and peak memory on stderr.
  -h, --help        Show this help.

Exit codes: 0 merged, nothing needs a decision; 1 merged, but a conflict or a kept-out file needs
a decision, or a decision no longer applies; 2 wrong usage; 3 the merge could not be finished
(the outputs could not be written, no file could be merged, or an internal error): see the
message.
`;

interface MergeInputs {
  readonly files: readonly string[];
  /** Entries of the folders given that were not taken, each with its reason. */
  readonly skipped: readonly SkippedEntry[];
  readonly out: string;
  readonly trusted: readonly SignerCard[];
  readonly choices: readonly FileChoice[];
  readonly decisions: readonly ConflictDecision[];
  /** The --decisions file, resolved; never deleted, even when it is last run's decisions-needed.json. */
  readonly decisionsPath: string | undefined;
  readonly identity: LoadedIdentity | undefined;
  readonly language: string | undefined;
  readonly workers: number;
}

async function run(args: readonly string[], context: CliContext): Promise<number> {
  const { io, cwd } = context;
  const parsed = parseCommandArgs(args, OPTIONS);
  if (flag(parsed, 'help')) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const json = flag(parsed, 'json');
  const started = performance.now();
  const inputs = await readInputs(parsed, context);
  const definitions = (await bundledDefinitions()).map((a) => a.definition);

  // A progress line only on a terminal: never in a pipe, a log or the tests' captured output.
  const progress = !json && io === processIo && process.stderr.isTTY ? new ProgressLine(io, 'Verifying', inputs.files.length) : undefined;
  let outcome: Outcome;
  try {
    outcome = await verifyMergeWrite(inputs, definitions, context, progress);
  } finally {
    progress?.clear();
  }
  const { verified, result, written, timings } = outcome;

  const show = (file: string) => displayPath(cwd, file);
  const report = {
    outDir: show(inputs.out),
    decisionsFile: written.decisionsFile === undefined ? undefined : show(written.decisionsFile),
    previousDecisionsFile: written.previousDecisionsFile === undefined ? undefined : show(written.previousDecisionsFile),
    skipped: inputs.skipped,
    decisions: inputs.decisions,
    keptOutputs: written.kept.map(show),
  };
  if (json) {
    io.stdout(`${terminalSafeJson(mergeSummaryJson(result, { ...report, outputs: written.files.map(show), signed: written.signed }))}\n`);
  } else {
    io.stdout(mergeReportText(result, report));
    io.stdout(`Wrote ${String(written.files.length)} files to ${terminalSafe(report.outDir)}${written.signed ? ' (consolidated.json signed)' : ''}\n`);
  }
  if (!written.signed) io.stderr(`${CONSOLIDATED} is not signed: give --identity FILE to sign it as the coordinator.\n`);
  if (flag(parsed, 'stats')) {
    io.stderr(statsLine(verified.files.length, verified.workers, { started, ...timings }));
  }
  if (needsAttention(result)) return EXIT_FAILURE;
  // Files were given but none could be merged (all unreadable or excluded): the outputs are empty,
  // which a script checking only for exit 0 would take for a finished merge.
  if (result.respondents.length === 0) {
    io.stderr(`Nothing was merged: none of the ${String(inputs.files.length)} files holds a submission that could be merged (see the list above).\n`);
    return EXIT_NOT_DONE;
  }
  return EXIT_OK;
}

interface Outcome {
  readonly verified: VerifyAllResult;
  readonly result: MergeResult;
  readonly written: Written;
  readonly timings: Omit<Timings, 'started'>;
}

async function verifyMergeWrite(inputs: MergeInputs, definitions: readonly QuestionnaireDefinition[], context: CliContext, progress: ProgressLine | undefined): Promise<Outcome> {
  const jobs = inputs.files.map((file, index) => ({ index, name: displayPath(context.cwd, file), path: file }));
  const verifyStarted = performance.now();
  const onProgress = (done: number) => {
    progress?.update(done);
  };
  let verified: VerifyAllResult;
  try {
    verified = await verifyAll(jobs, { trusted: inputs.trusted, definitions, workers: inputs.workers, onProgress });
  } catch (error) {
    throw new CommandFailedError(`the files could not be verified: ${error instanceof Error ? error.message : String(error)}; nothing was written`);
  }
  const afterVerify = performance.now();

  progress?.status(`Merging ${String(inputs.files.length)} files…`);
  const result = mergeSubmissions(verified.files, { choices: inputs.choices, decisions: inputs.decisions, definitions });
  const afterMerge = performance.now();

  progress?.status(`Writing the outputs to ${displayPath(context.cwd, inputs.out)}…`);
  const written = await writeOutputs(result, inputs, definitions, context);
  const afterOutputs = performance.now();
  return { verified, result, written, timings: { verifyStarted, afterVerify, afterMerge, afterOutputs } };
}

/** Every option checked and every input file read before any work: a mistake costs nothing. */
async function readInputs(parsed: ReturnType<typeof parseCommandArgs>, { cwd, now }: CliContext): Promise<MergeInputs> {
  if (parsed.positionals.length === 0) throw new UsageError('name at least one submission file or folder to merge');
  const out = path.resolve(cwd, requiredString(parsed, 'out'));
  const workers = parseJobs(optionalString(parsed, 'jobs'));
  const language = optionalString(parsed, 'language');
  if (language !== undefined && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) {
    throw new UsageError(`--language must be a language code such as en, fr or es, not '${language}'`);
  }
  if ((await exists(out)) && !(await isFolder(out))) throw new UsageError(`${displayPath(cwd, out)} is a file; --out names a folder`);

  const trusted = await loadTrustedCards(strings(parsed, 'trusted'), cwd);
  const identityName = optionalString(parsed, 'identity');
  const identity = identityName === undefined ? undefined : await loadIdentity(path.resolve(cwd, identityName), identityName);
  const decisionsName = optionalString(parsed, 'decisions');
  const decisionsPath = decisionsName === undefined ? undefined : path.resolve(cwd, decisionsName);
  const decided = decisionsPath === undefined || decisionsName === undefined ? { choices: [], decisions: [] } : await loadDecisions(decisionsPath, decisionsName, now());

  // Merging the output folder would read last run's consolidated.json as a submission. Real
  // paths, so that a link to the folder (or --out through a link) is caught too; a folder given
  // that holds --out is merged without it.
  const realOut = await realPathOf(out);
  for (const input of parsed.positionals) {
    if ((await realPathOf(path.resolve(cwd, input))) === realOut) throw new UsageError(`--out ${displayPath(cwd, out)} is also a folder being merged (${input}); write the outputs elsewhere`);
  }
  const { files, skipped } = await expandInputs(cwd, parsed.positionals, ['.json', '.xlsx'], { recursive: true, exclude: realOut });
  return { files, skipped, out, trusted, ...decided, decisionsPath, identity, language, workers };
}

function parseJobs(text: string | undefined): number {
  if (text === undefined) return defaultWorkerCount();
  const jobs = Number(text);
  if (!/^\d+$/.test(text) || jobs < 1 || jobs > MAX_JOBS) throw new UsageError(`--jobs must be a whole number from 1 to ${String(MAX_JOBS)}, not '${text}'`);
  return jobs;
}

async function loadIdentity(file: string, shownAs: string): Promise<LoadedIdentity> {
  const read = await readLimited(file, MAX_IDENTITY_BYTES, shownAs);
  if (read.kind === 'tooLarge') throw new UsageError(`${shownAs} is too large to be an identity file`);
  return parseIdentity(read.bytes, shownAs);
}

async function loadDecisions(file: string, shownAs: string, now: Date): Promise<{ choices: readonly FileChoice[]; decisions: readonly ConflictDecision[] }> {
  const read = await readLimited(file, MAX_DECISIONS_BYTES, shownAs);
  if (read.kind === 'tooLarge') throw new UsageError(`${shownAs} is too large to be a decisions file`);
  const parsed = parseDecisionsFile(read.bytes, now);
  if (!parsed.ok) throw new UsageError(`${shownAs} is not a usable decisions file: ${parsed.reason}`);
  return { choices: parsed.choices, decisions: parsed.decisions };
}

interface Written {
  readonly files: readonly string[];
  readonly decisionsFile: string | undefined;
  /** Where the decisions file that a new template replaced was kept. */
  readonly previousDecisionsFile: string | undefined;
  /** Outputs of the last run not written again, left because they were changed since. */
  readonly kept: readonly string[];
  readonly signed: boolean;
}

async function writeOutputs(result: MergeResult, inputs: MergeInputs, definitions: readonly QuestionnaireDefinition[], { cwd, now }: CliContext): Promise<Written> {
  const { out, identity } = inputs;
  const show = (file: string) => displayPath(cwd, file);
  const folder = new OutputFolder(out, show);
  try {
    await ensureFolder(out, show(out));
  } catch (error) {
    throw new CommandFailedError(`${error instanceof Error ? error.message : String(error)}; nothing was written`);
  }
  try {
    return await writeInto(folder, result, inputs, definitions, now().toISOString(), identity);
  } catch (error) {
    const why = error instanceof CommandFailedError ? error.message : error instanceof Error ? error.message : String(error);
    const wrote = folder.files.length === 0 ? 'nothing was written' : `${show(out)} may now hold outputs of this run next to those of an earlier one (written: ${folder.files.map((f) => path.basename(f)).join(', ')})`;
    throw new CommandFailedError(`the outputs could not all be written: ${why}; ${wrote}`);
  }
}

async function writeInto(folder: OutputFolder, result: MergeResult, inputs: MergeInputs, definitions: readonly QuestionnaireDefinition[], createdAt: string, identity: LoadedIdentity | undefined): Promise<Written> {
  await folder.open();
  const tables = consolidatedTables(result, definitions, inputs.language);
  let workbook: Uint8Array;
  try {
    workbook = await renderConsolidatedWorkbook(tables, { title: 'EGov Desk consolidated dataset', createdAt });
  } catch (error) {
    throw new CommandFailedError(`the Excel workbook could not be made (${error instanceof Error ? error.message : String(error)})`);
  }
  await folder.write(WORKBOOK, workbook);

  const coordinator = identity ? { name: identity.identity.name, organisation: identity.identity.organisation, email: identity.identity.email, keyId: identity.identity.keyId } : undefined;
  // The definitions give each scored respondent (OSI, LOSI) its score summary, as in the workbook and CSV.
  const unsigned = buildConsolidated(result, { consolidationId: randomUUID(), createdAt, generatorVersion: __APP_VERSION__, definitions, ...(coordinator ? { coordinator } : {}) });
  const consolidated = identity ? await signConsolidated(unsigned, identity.signer) : unsigned;
  await folder.write(CONSOLIDATED, consolidatedFileText(consolidated));
  for (const file of csvFiles(tables)) await folder.write(file.name, file.text);

  let decisionsFile: string | undefined;
  let previousDecisionsFile: string | undefined;
  if (result.openConflicts > 0 || result.filesNeedingDecision > 0) {
    const template = decisionsFileText(decisionsTemplate(result, { choices: inputs.choices, decisions: inputs.decisions }));
    previousDecisionsFile = await folder.writeDecisionsTemplate(template, inputs.decisionsPath);
    decisionsFile = path.join(folder.folder, DECISIONS_NEEDED);
  }
  const kept = await folder.removeStale(inputs.decisionsPath);
  await folder.close();
  return { files: folder.files, decisionsFile, previousDecisionsFile, kept, signed: identity !== undefined };
}

interface Timings {
  readonly started: number;
  readonly verifyStarted: number;
  readonly afterVerify: number;
  readonly afterMerge: number;
  readonly afterOutputs: number;
}

function statsLine(files: number, workers: number, t: Timings): string {
  const seconds = (from: number, to: number) => (to - from) / 1000;
  const verifyAndMerge = seconds(t.verifyStarted, t.afterMerge);
  const rate = verifyAndMerge > 0 ? files / verifyAndMerge : 0;
  // maxRSS is in kilobytes and covers the whole process, worker threads included.
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const parts = [
    `stats: ${String(files)} files, ${workers > 0 ? `${String(workers)} worker ${workers === 1 ? 'thread' : 'threads'}` : 'in-process'}`,
    `verify ${seconds(t.verifyStarted, t.afterVerify).toFixed(2)} s, merge ${seconds(t.afterVerify, t.afterMerge).toFixed(2)} s, outputs ${seconds(t.afterMerge, t.afterOutputs).toFixed(2)} s, total ${seconds(t.started, t.afterOutputs).toFixed(2)} s`,
    `${rate.toFixed(0)} files/s (verify and merge)`,
    `peak memory ${peakMb.toFixed(0)} MB`,
  ];
  return `${parts.join('; ')}\n`;
}

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'Verify and merge many submissions into a consolidated dataset (coordinators).',
  help: HELP,
  failureExitCode: EXIT_NOT_DONE,
  run,
};
