import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { formatKeyIdForReading } from '../../../shared/crypto/key-id';
import { slugify } from '../../../shared/sample/places';
import { buildSubmission } from '../../../shared/submission/build';
import type { SubmissionDocument } from '../../../shared/submission/document';
import { responseParts } from '../../../shared/submission/response-file';
import { signSubmission, submissionFileText } from '../../../shared/submission/sign';
import { renderSubmissionWorkbook } from '../../../shared/workbook';
import { flag, optionalString, parseCommandArgs, requiredString } from '../args';
import type { CliContext } from '../context';
import { CommandRefusedError, EXIT_FAILURE, EXIT_OK, UsageError } from '../errors';
import { displayPath, ensureFolder, exists, expandInputs, isFolder, readLimited, safeFileStem, uniqueName, writeOutput } from '../files';
import type { LoadedIdentity } from '../identity';
import { MAX_IDENTITY_BYTES, parseIdentity } from '../identity';
import type { CheckedResponse } from '../response';
import { findingLines, loadResponse, readinessLine } from '../response';
import type { Command } from './command';

const OPTIONS = {
  identity: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'signed-at': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const FORMATS = ['json', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

const HELP = `Usage: egov-desk export RESPONSE... --identity FILE --format json|xlsx --out PATH [--signed-at TIME]

Signs each response with your identity and writes the signed submission. A RESPONSE may be a
response file or a folder of them (*.json). Every response must be ready to submit: no errors,
no required answer missing, and every warning acknowledged in the file ("acknowledgedWarnings").
Otherwise nothing is written and the findings are listed.

Options:
  --identity FILE     Your identity.json from 'egov-desk keygen'.
  --format FORMAT     json (the signed JSON document) or xlsx (an Excel workbook carrying it).
  --out PATH          With one response: the file to write (or an existing folder to write into).
                      With several responses, or a folder: the folder that receives one file
                      each, named after the respondent's place and the questionnaire id.
  --signed-at TIME    The signing time to record, as ISO 8601 UTC (2024-05-01T12:00:00Z), for
                      reproducible files in tests. Default: now.
  -h, --help          Show this help.

Exit codes: 0 written; 1 a response is not ready to submit (nothing written); 2 wrong usage.
`;

interface Job {
  readonly checked: CheckedResponse;
  readonly target: string;
}

async function run(args: readonly string[], { io, cwd, now }: CliContext): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (flag(parsed, 'help')) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length === 0) throw new UsageError('name at least one response file or folder to export');
  const formatText = requiredString(parsed, 'format');
  if (!(FORMATS as readonly string[]).includes(formatText)) throw new UsageError(`--format must be json or xlsx, not '${formatText}'`);
  const format = formatText as Format;
  const identityFile = path.resolve(cwd, requiredString(parsed, 'identity'));
  const out = path.resolve(cwd, requiredString(parsed, 'out'));
  const signedAt = parseSignedAt(optionalString(parsed, 'signed-at')) ?? now().getTime();
  const identity = await loadIdentity(identityFile, displayPath(cwd, identityFile));

  const { files, sawFolder } = await expandInputs(cwd, parsed.positionals, ['.json']);
  const checked: CheckedResponse[] = [];
  for (const file of files) checked.push(await loadResponse(file, displayPath(cwd, file)));

  // All or nothing: a batch with one response that is not ready writes no file at all.
  const notReady = checked.filter((c) => c.readiness.status !== 'ready');
  if (notReady.length > 0) {
    for (const c of notReady) {
      io.stderr(`${displayPath(cwd, c.file)}: ${readinessLine(c.readiness)}\n`);
      for (const line of findingLines(c).filter((l) => !l.endsWith('(acknowledged)'))) io.stderr(`  ${line}\n`);
    }
    io.stderr(`Nothing was exported: ${notReady.length === 1 ? 'this response is' : `${String(notReady.length)} responses are`} not ready to submit.\n`);
    return EXIT_FAILURE;
  }

  const jobs = await plan(checked, out, format, sawFolder || files.length > 1);
  const inputs = new Set(files);
  const clash = jobs.find((job) => inputs.has(job.target));
  if (clash) throw new UsageError(`exporting would overwrite the response file ${clash.target}; choose another --out`);
  for (const job of jobs) {
    const document = await sign(job.checked, identity, signedAt);
    const bytes = format === 'json' ? submissionFileText(document) : await workbook(document, job.checked);
    await writeOutput(job.target, bytes);
    const { respondent, questionnaire } = job.checked.response;
    io.stdout(`Signed ${questionnaire.id} from ${respondent.place} -> ${displayPath(cwd, job.target)}\n`);
  }
  io.stdout(`Signed by ${identity.identity.name} (${identity.identity.organisation}), key ${formatKeyIdForReading(identity.identity.keyId)}\n`);
  return EXIT_OK;
}

function parseSignedAt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!z.iso.datetime({ offset: true }).safeParse(text).success) {
    throw new UsageError(`--signed-at must be an ISO 8601 time such as 2024-05-01T12:00:00Z, not '${text}'`);
  }
  return Date.parse(text);
}

async function loadIdentity(file: string, shownAs: string): Promise<LoadedIdentity> {
  const read = await readLimited(file, MAX_IDENTITY_BYTES, shownAs);
  if (read.kind === 'tooLarge') throw new UsageError(`${shownAs} is too large to be an identity file`);
  return parseIdentity(read.bytes, shownAs);
}

/** Where each submission goes: one named file, or one file per response in a folder. */
async function plan(checked: readonly CheckedResponse[], out: string, format: Format, many: boolean): Promise<Job[]> {
  const [single] = checked;
  if (!many && single && !(await isFolder(out))) return [{ checked: single, target: out }];
  if ((await exists(out)) && !(await isFolder(out))) throw new UsageError(`${out} is a file; with several responses, --out names a folder`);
  await ensureFolder(out);
  const taken = new Set<string>();
  return checked.map((c) => {
    const place = slugify(c.response.respondent.place) || c.response.respondent.place;
    return { checked: c, target: path.join(out, uniqueName(safeFileStem(`${place}-${c.response.questionnaire.id}`), format, taken)) };
  });
}

async function sign(checked: CheckedResponse, { identity, signer }: LoadedIdentity, signedAt: number): Promise<SubmissionDocument> {
  const { response, available } = checked;
  const { answers, evidence, acknowledged } = responseParts(response);
  const unsigned = await buildSubmission({
    definition: available.definition,
    contentHash: available.contentHash,
    respondent: response.respondent,
    answers,
    evidence,
    acknowledged,
    signer: { name: identity.name, organisation: identity.organisation, email: identity.email, keyId: identity.keyId },
    started: Date.parse(response.createdAt),
    lastChanged: Date.parse(response.updatedAt),
    signedAt,
    submissionId: randomUUID(),
  });
  return signSubmission(unsigned, signer);
}

async function workbook(document: SubmissionDocument, checked: CheckedResponse): Promise<Uint8Array> {
  try {
    return await renderSubmissionWorkbook(document, checked.available.definition);
  } catch (error) {
    throw new CommandRefusedError(`the Excel workbook could not be made (${error instanceof Error ? error.message : String(error)}); use --format json`);
  }
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Sign responses that are ready to submit, as JSON or Excel.',
  help: HELP,
  run,
};
