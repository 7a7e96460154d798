import { canonicalJsonBytes } from '../canonical-json';
import { fromBase64 } from '../crypto/base64';
import { sha256HexSync } from '../crypto/sha256';
import { QuestionnaireDefinitionError } from '../errors';
import { describeIssues } from '../parse';
import { MAX_DEFINITION_BYTES, loadQuestionnaireDefinition } from '../questionnaire/load';
import { reviewSigningBytes } from '../review/sign';
import { DEFAULT_MAX_JSON_DEPTH, parseJsonSafely } from '../safe-json';
import type { SafeJsonProblem } from '../safe-json';
import { signingBytes } from '../submission/sign';
import type { BackupFile } from './format';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, MAX_BACKUP_BYTES, backupEnvelopeSchema, backupTablesSchema, tablesDigest } from './format';
import type { BackupTables } from './rows';
import { BACKUP_TABLE_NAMES, DEVICE_SETTINGS, rowKeyOf } from './rows';

/**
 * Why a backup file was refused. Each has its own message in the app (a person who picked the
 * wrong file needs to hear which wrong file it was); `detail` is the technical specifics.
 * - the `safe-json` problems: empty, too large, not UTF-8, nested too deep, not JSON;
 * - `otherFormat`: another EGov Desk file (a submission, a review…), named in `detail`;
 * - `notBackup`: JSON, but not an EGov Desk backup;
 * - `newerFormat` / `newerDatabase`: made by a newer EGov Desk; update first;
 * - `digestMismatch`: the tables do not match the digest (damaged or edited by hand);
 * - `invalid`: a value that does not follow the format (path and problem in `detail`);
 * - `badDefinition`: an imported questionnaire in it fails the checks an imported file gets;
 * - `inconsistent`: rows that contradict each other (two rows with one key, answers of no
 *   response, a key id that is not its key's fingerprint…).
 */
export type BackupProblem = SafeJsonProblem | 'otherFormat' | 'notBackup' | 'newerFormat' | 'newerDatabase' | 'digestMismatch' | 'invalid' | 'badDefinition' | 'inconsistent';

/**
 * `detail` is the technical specifics in English (for logs and tests); `where` is the place in the
 * file it concerns (`tables.answers[812].value`, a file name), which reads the same in any language
 * and is what the app shows next to its own translated reason.
 */
export type BackupRead =
  | { readonly ok: true; readonly backup: BackupFile }
  | { readonly ok: false; readonly problem: BackupProblem; readonly detail: string; readonly where?: string };

/** What the reader is doing, for a progress line while a large file is checked. */
export type ReadStage = 'parsing' | 'digest' | 'rows' | 'definitions' | 'consistency';

const OTHER_FORMATS: Readonly<Record<string, string>> = {
  'egov-desk/submission': 'a signed submission',
  'egov-desk/review': 'a signed review',
  'egov-desk/consolidated': 'a consolidated dataset',
  'egov-desk/response': 'an unsigned response file',
  'egov-desk/signer-card': 'a signer card',
  'egov-desk/merge-decisions': 'a merge decisions file',
};

const refuse = (problem: BackupProblem, detail: string, where?: string): BackupRead => ({ ok: false, problem, detail, ...(where === undefined ? {} : { where }) });

/** A problem text that starts with its place (`tables.x[3]: …`, `tables.x[3] (file.json): …`): the place. */
function placeOf(detail: string): string | undefined {
  const match = /^(tables\.[A-Za-z]+\[\d+\](?: \([^)]*\))?)/.exec(detail);
  return match?.[1];
}

export interface ReadOptions {
  /** The newest IndexedDB schema version this app knows (`LATEST_SCHEMA_VERSION`). */
  readonly knownDatabaseVersion: number;
  /** Told before each step, so a page can show progress while a large file is read. */
  readonly onStage?: (stage: ReadStage) => void;
}

/**
 * Reads a backup file defensively, in the order that gives the most useful message: the bytes
 * (size, UTF-8, depth, JSON), what the file is, whether this app is recent enough, the digest (so a
 * damaged file is called damaged, not "invalid at tables.answers[812]"), the format of every row,
 * and finally what a schema cannot see: every imported definition passes the checks of an imported
 * definition file, keys are unique, answers and evidence belong to a response in the file, key
 * ids and content hashes match what they name. Never throws; nothing is stored here.
 */
export function readBackup(bytes: Uint8Array, options: ReadOptions): BackupRead {
  options.onStage?.('parsing');
  const parsed = parseJsonSafely(bytes, { maxBytes: MAX_BACKUP_BYTES, maxDepth: DEFAULT_MAX_JSON_DEPTH });
  if (!parsed.ok) return refuse(parsed.problem, parsed.reason);
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse('notBackup', 'the file is not a JSON object');
  const { format, formatVersion, databaseVersion } = value as { format?: unknown; formatVersion?: unknown; databaseVersion?: unknown };
  if (format !== BACKUP_FORMAT) {
    if (typeof format === 'string' && Object.hasOwn(OTHER_FORMATS, format)) return refuse('otherFormat', `this is ${String(OTHER_FORMATS[format])} (${format}), not a backup`);
    return refuse('notBackup', `its "format" is not "${BACKUP_FORMAT}"`);
  }
  if (typeof formatVersion === 'number' && formatVersion > BACKUP_FORMAT_VERSION) {
    return refuse('newerFormat', `backup format version ${String(formatVersion)}; this version of EGov Desk reads version ${String(BACKUP_FORMAT_VERSION)}`);
  }
  if (typeof databaseVersion === 'number' && databaseVersion > options.knownDatabaseVersion) {
    return refuse('newerDatabase', `database version ${String(databaseVersion)}; this version of EGov Desk knows versions up to ${String(options.knownDatabaseVersion)}`);
  }
  const envelope = backupEnvelopeSchema.safeParse(value);
  if (!envelope.success) return refuse('invalid', describeFirst(envelope.error.issues), pathOf(envelope.error.issues));
  if (typeof envelope.data.tables !== 'object' || envelope.data.tables === null || Array.isArray(envelope.data.tables)) {
    return refuse('invalid', 'tables: must be an object', 'tables');
  }
  options.onStage?.('digest');
  let digest: string;
  try {
    digest = tablesDigest(envelope.data.tables);
  } catch (error) {
    return refuse('invalid', `tables: ${error instanceof Error ? error.message : String(error)}`, 'tables');
  }
  if (digest !== envelope.data.digest) return refuse('digestMismatch', `the tables hash to ${digest}; the file says ${envelope.data.digest}`);

  options.onStage?.('rows');
  const proto = protoKeyPath(envelope.data.tables, 'tables');
  if (proto !== undefined) return refuse('invalid', `${proto}: a member named "__proto__" is not allowed`, proto);
  const tables = backupTablesSchema.safeParse(envelope.data.tables);
  if (!tables.success) {
    const issues = tables.error.issues.map((issue) => ({ ...issue, path: ['tables', ...issue.path] }));
    return refuse('invalid', describeFirst(issues), pathOf(issues));
  }
  // The cast only drops `| undefined` from optional members (exactOptionalPropertyTypes): the rows
  // come from JSON, which has no undefined, and zod leaves an absent optional member absent.
  const parsedTables = tables.data as BackupTables;
  const data: BackupTables = { ...parsedTables, settings: parsedTables.settings.filter((row) => !DEVICE_SETTINGS.has(row.key)) };

  options.onStage?.('definitions');
  const definitionProblem = checkDefinitions(data);
  if (definitionProblem !== undefined) return refuse('badDefinition', definitionProblem, placeOf(definitionProblem));
  options.onStage?.('consistency');
  const inconsistency = checkConsistency(data);
  if (inconsistency !== undefined) return refuse('inconsistent', inconsistency, placeOf(inconsistency));

  return {
    ok: true,
    backup: {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: envelope.data.createdAt,
      app: envelope.data.app,
      databaseVersion: envelope.data.databaseVersion,
      digest: envelope.data.digest,
      tables: data,
    },
  };
}

/**
 * Where the first member named `__proto__` is, if any. JSON.parse makes it an ordinary member, but
 * zod's records skip it without an issue (and an object spread would set a prototype): restored,
 * it would be silently gone. No row of EGov Desk has one, so a file with one is refused.
 */
function protoKeyPath(value: unknown, path: string): string | undefined {
  // An explicit stack, not recursion: the depth is already limited, but this costs no stack at all.
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length > 0) {
    const [current, where] = stack.pop() as [unknown, string];
    if (typeof current !== 'object' || current === null) continue;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i -= 1) stack.push([current[i], `${where}[${String(i)}]`]);
      continue;
    }
    if (Object.hasOwn(current, '__proto__')) return `${where}.__proto__`;
    for (const [key, child] of Object.entries(current)) if (typeof child === 'object' && child !== null) stack.push([child, `${where}.${key}`]);
  }
  return undefined;
}

/** The first issue's path as `tables.answers[3].value`. */
function pathOf(issues: readonly { readonly path: readonly PropertyKey[] }[]): string | undefined {
  const path = issues[0]?.path;
  if (path === undefined || path.length === 0) return undefined;
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${String(part)}]` : text === '' ? String(part) : `${text}.${String(part)}`), '');
}

function describeFirst(issues: Parameters<typeof describeIssues>[0]): string {
  const shown = issues.slice(0, 5);
  const more = issues.length - shown.length;
  return `${describeIssues(shown)}${more > 0 ? ` (and ${String(more)} more)` : ''}`;
}

/**
 * Every imported questionnaire in a backup gets the checks of an imported definition file (the
 * schema and references, the size limit) plus: its row's id, version and edition are the
 * definition's, and its content hash is the definition's hash. A hostile backup cannot bring in a
 * definition the import screen would refuse, nor one stored under another edition's key.
 */
function checkDefinitions(tables: BackupTables): string | undefined {
  for (const [index, row] of tables.definitions.entries()) {
    const where = `tables.definitions[${String(index)}] (${row.fileName})`;
    let canonical: Uint8Array;
    try {
      canonical = canonicalJsonBytes(row.json);
    } catch {
      return `${where}: the definition is not JSON data`;
    }
    if (canonical.byteLength > MAX_DEFINITION_BYTES) return `${where}: the definition is larger than a definition file may be (${String(MAX_DEFINITION_BYTES)} bytes)`;
    try {
      const definition = loadQuestionnaireDefinition(row.json, row.fileName);
      if (definition.id !== row.id || definition.version !== row.version || definition.edition !== row.edition) {
        return `${where}: the row says ${row.id} ${row.version} (${row.edition}) but the definition is ${definition.id} ${definition.version} (${definition.edition})`;
      }
    } catch (error) {
      if (error instanceof QuestionnaireDefinitionError) {
        const first = error.problems.slice(0, 3).map((p) => `${p.path || '(root)'}: ${p.problem}`);
        return `${where}: ${first.join('; ')}`;
      }
      return `${where}: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (row.key !== `${row.id}@${row.version}`) return `${where}: its key "${row.key}" is not "${row.id}@${row.version}"`;
    const hash = `sha256:${sha256HexSync(canonical)}`;
    if (hash !== row.contentHash) return `${where}: its content does not match its content hash`;
  }
  return undefined;
}

function checkConsistency(tables: BackupTables): string | undefined {
  for (const name of BACKUP_TABLE_NAMES) {
    const seen = new Map<string, number>();
    for (const [index, row] of tables[name].entries()) {
      const key = rowKeyOf(name, row);
      const first = seen.get(key);
      if (first !== undefined) return `tables.${name}[${String(index)}] has the same key as tables.${name}[${String(first)}]`;
      seen.set(key, index);
    }
  }
  const responses = new Set(tables.responses.map((row) => row.id));
  for (const name of ['answers', 'evidence'] as const) {
    const orphan = tables[name].findIndex((row) => !responses.has(row.responseId));
    if (orphan >= 0) return `tables.${name}[${String(orphan)}] belongs to response ${String(tables[name][orphan]?.responseId)}, which is not in the backup`;
  }
  for (const [index, row] of tables.identities.entries()) {
    if (!keyMatches(row.publicKey, row.keyId)) return `tables.identities[${String(index)}]: the key id is not the fingerprint of its public key`;
  }
  for (const [index, row] of tables.trustedSigners.entries()) {
    if (row.keyId !== row.card.keyId || !keyMatches(row.card.publicKey, row.card.keyId)) {
      return `tables.trustedSigners[${String(index)}]: the key id is not the fingerprint of the card's public key`;
    }
  }
  for (const [index, row] of tables.reviewDrafts.entries()) {
    if (row.submissionId !== row.document.submissionId || row.submissionHash !== `sha256:${sha256HexSync(signingBytes(row.document))}`) {
      return `tables.reviewDrafts[${String(index)}]: the notes are not filed under the submission they are about`;
    }
  }
  for (const [index, row] of tables.receivedReviews.entries()) {
    if (row.reviewId !== row.review.reviewId || row.reviewHash !== `sha256:${sha256HexSync(reviewSigningBytes(row.review))}`) {
      return `tables.receivedReviews[${String(index)}]: the review's id or hash does not match the review`;
    }
  }
  for (const [index, row] of tables.mergeDecisions.entries()) {
    if (row.respondent !== row.decision.respondent || row.question !== row.decision.question || row.fingerprint !== (row.decision.fingerprint ?? '*')) {
      return `tables.mergeDecisions[${String(index)}]: the row's key does not match its decision`;
    }
  }
  return undefined;
}

function keyMatches(publicKey: string, keyId: string): boolean {
  const bytes = fromBase64(publicKey);
  return bytes !== undefined && bytes.byteLength === 32 && sha256HexSync(bytes) === keyId;
}
