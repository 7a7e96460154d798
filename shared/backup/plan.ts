import { canonicalJson } from '../canonical-json';
import { sha256HexSync } from '../crypto/sha256';
import type { Respondent } from '../schemas/response';
import type { BackupAnswerRow, BackupEvidenceRow, BackupIdentityRow, BackupResponseRow, BackupTableName, BackupTables } from './rows';
import { rowKeyOf } from './rows';

/**
 * Restore planning: what a backup would change on this device, decided before anything is written
 * and shown to the person first. Pure: the same rows, options and choices give the same plan.
 *
 * - `add`: only in the backup;
 * - `replace`: in both, and the backup's copy is newer;
 * - `keep`: in both and not replaced, with the reason: newer on this device, the same time but other
 *   content, a setting of this device, an edition with other content, a signed response. Some can
 *   be replaced when the person opts in (`optIn`), others never;
 * - `unclear`: the backup's copy claims to be newer, but its time is later than the backup itself
 *   was made, or later than now (a fast clock on the device that made it, or a hand-edited file).
 *   Such a time cannot be trusted to decide "newer", so it is never applied without its own opt-in;
 * - `refuse`: never restored: the response's questionnaire edition will not be on this device, so
 *   the response could not be opened;
 * - `identical`: the same on both sides; nothing to do.
 *
 * A response is one unit with its answers and evidence: it is compared, and replaced, as a whole,
 * so a restore never mixes answers of two versions of one response. Its time is `updatedAt`, which
 * every answer and evidence change moves (marking it signed and acknowledging warnings do not:
 * the rules for signed responses below cover that).
 *
 * Imported questionnaire definitions are immutable (a published version never changes): one that
 * this device already has, imported or built in, with other content is kept and never replaced.
 * Settings have no time: they describe how this device is set up (its language), so the device's
 * own stay unless the person opts in to the backup's.
 */

export type PlanKind = 'add' | 'replace' | 'keep' | 'unclear' | 'refuse' | 'identical';

/** Why an entry is kept, unclear or refused. */
export type PlanReason = 'newerHere' | 'sameTime' | 'futureTime' | 'setting' | 'otherContent' | 'submitted' | 'noQuestionnaire' | 'responseNotRestored';

/** The person's explicit choices; each is off until they tick it. */
export interface RestoreChoices {
  /** Replace data that is newer on this device, or as recent with other content. */
  readonly replaceNewer: boolean;
  /** Apply copies whose time is in the future (see `unclear`). */
  readonly replaceUnclear: boolean;
  /** Take the backup's settings (the interface language) instead of this device's. */
  readonly takeSettings: boolean;
}

export type OptIn = keyof RestoreChoices;
export const OPT_INS: readonly OptIn[] = ['replaceNewer', 'replaceUnclear', 'takeSettings'];
export const NO_CHOICES: RestoreChoices = { replaceNewer: false, replaceUnclear: false, takeSettings: false };

/**
 * How far past the backup's own time, or past now, a row time may be before it is suspect: clocks
 * of two devices differ by seconds to a few minutes; a day ahead is not a clock that drifted.
 */
export const CLOCK_TOLERANCE_MS = 5 * 60 * 1000;

/** Tables planned row by row (responses, answers and evidence are planned as response units). */
export type RowTableName = Exclude<BackupTableName, 'responses' | 'answers' | 'evidence'>;
export const ROW_TABLE_NAMES: readonly RowTableName[] = ['settings', 'definitions', 'identities', 'trustedSigners', 'reviewDrafts', 'receivedReviews', 'mergeDecisions', 'mergeFileChoices'];

interface EntryBase {
  readonly kind: PlanKind;
  readonly reason?: PlanReason;
  /** The choice that writes a `keep` or `unclear` entry anyway; absent when nothing may. */
  readonly optIn?: OptIn;
  /** This device has a row with this key (so writing it replaces rather than adds). */
  readonly onDevice: boolean;
  /** SHA-256 of this device's copy when planned: any later change to it changes the fingerprint. */
  readonly localDigest?: string;
}

export interface ResponsePlanEntry extends EntryBase {
  readonly id: string;
  readonly respondent: Respondent;
  readonly questionnaireId: string;
  readonly questionnaireVersion: string;
  /** Last change of the backup's copy. */
  readonly backupUpdatedAt: number;
  /** Last change of this device's copy, when there is one. */
  readonly localUpdatedAt?: number;
  /** Answers the backup's copy holds. */
  readonly answers: number;
  /** The backup's copy, and this device's, are signed and exported (read-only). */
  readonly backupSubmitted: boolean;
  readonly localSubmitted: boolean;
  /** Its questionnaire edition is not on this device now, but the backup brings it. */
  readonly editionFromBackup: boolean;
}

export interface RowPlanEntry extends EntryBase {
  readonly key: string;
  /** What a person recognises the row by (a setting's key, an identity's name and e-mail…). */
  readonly label: string;
  /** Index of the row in the backup's table. */
  readonly index: number;
}

export interface RestorePlan {
  readonly responses: readonly ResponsePlanEntry[];
  readonly rows: Readonly<Record<RowTableName, readonly RowPlanEntry[]>>;
  /** This device's current identities (not replaced), by key id: a restore never adds a second one. */
  readonly currentIdentities: readonly { readonly keyId: string; readonly name: string; readonly email: string }[];
  /** The time the plan was made: restored identities that may not be current are marked replaced then. */
  readonly now: number;
}

export interface PlanOptions {
  /** `id@version` → content hash of the definitions built into this app, which count as present. */
  readonly bundledDefinitions: ReadonlyMap<string, string>;
  /** When the backup was made (its `createdAt`), in milliseconds. */
  readonly backupCreatedAt: number;
  /** Now, in milliseconds; the same value must be given when the plan is made and when it is applied. */
  readonly now: number;
}

type AnyRow = BackupTables[RowTableName][number];

/** When a row last changed, per table; undefined for rows with no time (settings, definitions). */
function rowTime(table: RowTableName, row: AnyRow): number | undefined {
  const r = row as unknown as Record<string, number | undefined>;
  switch (table) {
    case 'identities':
      return Math.max(r.createdAt ?? 0, r.replacedAt ?? 0);
    case 'trustedSigners':
      return r.addedAt;
    case 'reviewDrafts':
      return r.updatedAt;
    case 'receivedReviews':
      return r.importedAt;
    case 'mergeDecisions':
    case 'mergeFileChoices':
      return r.storedAt;
    case 'settings':
    case 'definitions':
      return undefined;
  }
}

/** What a person recognises a row by; names and keys, never translated. */
export function rowLabel(table: RowTableName, row: AnyRow): string {
  switch (table) {
    case 'settings':
      return (row as BackupTables['settings'][number]).key;
    case 'definitions': {
      const r = row as BackupTables['definitions'][number];
      return `${r.id} ${r.version} (${r.fileName})`;
    }
    case 'identities': {
      const r = row as BackupTables['identities'][number];
      return `${r.name} <${r.email}>`;
    }
    case 'trustedSigners': {
      const r = row as BackupTables['trustedSigners'][number];
      return `${r.card.name} — ${r.card.organisation}`;
    }
    case 'reviewDrafts': {
      const r = row as BackupTables['reviewDrafts'][number];
      return `${r.document.respondent.place} — ${r.document.respondent.organisation}`;
    }
    case 'receivedReviews': {
      const r = row as BackupTables['receivedReviews'][number];
      return `${r.review.submission.respondent.place} — ${r.review.submission.respondent.organisation} (${r.review.reviewer.name})`;
    }
    case 'mergeDecisions': {
      const r = row as BackupTables['mergeDecisions'][number];
      return `${r.respondent} · ${r.question}`;
    }
    case 'mergeFileChoices':
      return `${(row as BackupTables['mergeFileChoices'][number]).fileHash.slice(0, 19)}…`;
  }
}

function byResponse<R extends { readonly responseId: string; readonly questionId: string }>(rows: readonly R[]): Map<string, R[]> {
  const map = new Map<string, R[]>();
  for (const row of rows) {
    const list = map.get(row.responseId);
    if (list) list.push(row);
    else map.set(row.responseId, [row]);
  }
  return map;
}

const byQuestion = (a: { readonly questionId: string }, b: { readonly questionId: string }) => (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0);

/** The whole unit in one canonical string: equal strings mean nothing differs. */
function unitText(response: BackupResponseRow, answers: readonly BackupAnswerRow[], evidence: readonly BackupEvidenceRow[]): string {
  return canonicalJson({ response, answers: [...answers].sort(byQuestion), evidence: [...evidence].sort(byQuestion) });
}

const encoder = new TextEncoder();
const digestOf = (text: string): string => sha256HexSync(encoder.encode(text));

type Decision = Pick<EntryBase, 'kind' | 'reason' | 'optIn'>;

/** Both sides have the row and they differ: which is newer, and can the backup's time be trusted. */
function decideByTime(backupTime: number, localTime: number, suspect: (time: number) => boolean): Decision {
  if (backupTime > localTime) return suspect(backupTime) ? { kind: 'unclear', reason: 'futureTime', optIn: 'replaceUnclear' } : { kind: 'replace' };
  if (backupTime === localTime) return { kind: 'keep', reason: 'sameTime', optIn: 'replaceNewer' };
  return { kind: 'keep', reason: 'newerHere', optIn: 'replaceNewer' };
}

/** Editions by `id@version`: every content hash this device will have after the restore. */
function editionsAfter(backup: BackupTables, current: BackupTables, options: PlanOptions): { now: Map<string, Set<string>>; after: Map<string, Set<string>> } {
  const now = new Map<string, Set<string>>();
  const put = (map: Map<string, Set<string>>, key: string, hash: string) => {
    const set = map.get(key);
    if (set) set.add(hash);
    else map.set(key, new Set([hash]));
  };
  for (const [key, hash] of options.bundledDefinitions) put(now, key, hash);
  for (const row of current.definitions) put(now, row.key, row.contentHash);
  const after = new Map([...now].map(([key, set]) => [key, new Set(set)]));
  // A definition the backup adds (no edition under its key here yet) is there after the restore.
  for (const row of backup.definitions) if (!now.has(row.key)) put(after, row.key, row.contentHash);
  return { now, after };
}

function hasEdition(map: ReadonlyMap<string, ReadonlySet<string>>, row: BackupResponseRow): boolean {
  const hashes = map.get(`${row.questionnaireId}@${row.questionnaireVersion}`);
  // Like the app's findEntry: a response recorded without a hash opens with any content of its id and version.
  return hashes !== undefined && (row.questionnaireHash === undefined || hashes.has(row.questionnaireHash));
}

export function planRestore(backup: BackupTables, current: BackupTables, options: PlanOptions): RestorePlan {
  const suspect = (time: number) => time > options.backupCreatedAt + CLOCK_TOLERANCE_MS || time > options.now + CLOCK_TOLERANCE_MS;
  const backupAnswers = byResponse(backup.answers);
  const backupEvidence = byResponse(backup.evidence);
  const localAnswers = byResponse(current.answers);
  const localEvidence = byResponse(current.evidence);
  const localResponses = new Map(current.responses.map((row) => [row.id, row]));
  const editions = editionsAfter(backup, current, options);

  const responses = backup.responses.map((row): ResponsePlanEntry => {
    const answers = backupAnswers.get(row.id) ?? [];
    const local = localResponses.get(row.id);
    const availableNow = hasEdition(editions.now, row);
    const base = {
      id: row.id,
      respondent: row.respondent,
      questionnaireId: row.questionnaireId,
      questionnaireVersion: row.questionnaireVersion,
      backupUpdatedAt: row.updatedAt,
      answers: answers.length,
      backupSubmitted: row.submission !== undefined,
      localSubmitted: local?.submission !== undefined,
      editionFromBackup: !availableNow && hasEdition(editions.after, row),
    };
    if (!local) return { ...base, onDevice: false, ...openable({ kind: 'add' }, availableNow || base.editionFromBackup) };
    const localText = unitText(local, localAnswers.get(row.id) ?? [], localEvidence.get(row.id) ?? []);
    const same = unitText(row, answers, backupEvidence.get(row.id) ?? []) === localText;
    const known = { ...base, onDevice: true, localUpdatedAt: local.updatedAt, localDigest: digestOf(localText) };
    if (same) return { ...known, kind: 'identical' };
    // Signed and exported here: read-only, and the signed document was made from exactly this copy.
    if (local.submission !== undefined) return { ...known, kind: 'keep', reason: 'submitted' };
    // Signed in the backup, not here: signing does not move updatedAt, so the same time means the
    // backup's copy is this one, later signed.
    if (row.submission !== undefined && row.updatedAt >= local.updatedAt) {
      return { ...known, ...openable(suspect(row.updatedAt) ? { kind: 'unclear', reason: 'futureTime', optIn: 'replaceUnclear' } : { kind: 'replace' }, availableNow || base.editionFromBackup) };
    }
    return { ...known, ...openable(decideByTime(row.updatedAt, local.updatedAt, suspect), availableNow || base.editionFromBackup) };
  });

  // A review received for a response that is neither restored nor here would belong to nothing.
  const absent = new Set(responses.filter((entry) => entry.kind === 'refuse' && !entry.onDevice).map((entry) => entry.id));
  const rows = {} as Record<RowTableName, RowPlanEntry[]>;
  for (const table of ROW_TABLE_NAMES) {
    const locals = new Map<string, AnyRow>();
    for (const row of current[table]) locals.set(rowKeyOf(table, row), row);
    rows[table] = backup[table].map((row, index): RowPlanEntry => {
      const key = rowKeyOf(table, row);
      const label = rowLabel(table, row);
      const local = locals.get(key);
      const base = { key, label, index, onDevice: local !== undefined, ...(local === undefined ? {} : { localDigest: digestOf(canonicalJson(local)) }) };
      if (table === 'definitions') {
        const hash = (row as BackupTables['definitions'][number]).contentHash;
        const hashes = editions.now.get(key);
        if (hashes === undefined) return { ...base, kind: 'add' };
        return hashes.has(hash) ? { ...base, kind: 'identical' } : { ...base, kind: 'keep', reason: 'otherContent' };
      }
      if (local !== undefined && canonicalJson(row) === canonicalJson(local)) return { ...base, kind: 'identical' };
      if (table === 'receivedReviews' && absent.has((row as BackupTables['receivedReviews'][number]).responseId)) return { ...base, kind: 'refuse', reason: 'responseNotRestored' };
      if (table === 'settings') return { ...base, kind: 'keep', reason: 'setting', optIn: 'takeSettings' };
      if (local === undefined) return { ...base, kind: 'add' };
      return { ...base, ...decideByTime(rowTime(table, row) ?? 0, rowTime(table, local) ?? 0, suspect) };
    });
  }
  const currentIdentities = current.identities
    .filter((row) => row.replacedAt === undefined)
    .map((row) => ({ keyId: row.keyId, name: row.name, email: row.email }));
  return { responses, rows, currentIdentities, now: options.now };
}

/** A response whose questionnaire edition will not be here cannot be opened: refused, whatever the choices. */
function openable(decision: Decision, available: boolean): Decision {
  if (available || decision.kind === 'identical') return decision;
  if (decision.kind === 'keep' && decision.optIn === undefined) return decision;
  return { kind: 'refuse', reason: 'noQuestionnaire' };
}

/** What an entry does given the person's choices: an opted-in `keep` or `unclear` is written. */
export function effectiveKind(entry: Pick<EntryBase, 'kind' | 'optIn' | 'onDevice'>, choices: RestoreChoices): PlanKind {
  if ((entry.kind === 'keep' || entry.kind === 'unclear') && entry.optIn !== undefined && choices[entry.optIn]) return entry.onDevice ? 'replace' : 'add';
  return entry.kind;
}

export interface PlanCounts {
  readonly add: number;
  readonly replace: number;
  readonly keep: number;
  readonly unclear: number;
  readonly refuse: number;
  readonly identical: number;
}

export interface PlanSummary {
  readonly responses: PlanCounts;
  /** Every other row (settings, definitions, identities, reviews, merge decisions…) together. */
  readonly other: PlanCounts;
  readonly byTable: Readonly<Record<RowTableName, PlanCounts>>;
  /** Entries each choice would write (independent of whether it is ticked): the number next to it. */
  readonly optIns: Readonly<Record<OptIn, number>>;
  /** True when the plan, with these choices, writes nothing. */
  readonly nothingToDo: boolean;
  /** True when every entry is identical: the backup is already on this device. */
  readonly allIdentical: boolean;
}

type Entry = Pick<EntryBase, 'kind' | 'optIn' | 'onDevice'>;

function count(entries: readonly Entry[], choices: RestoreChoices): PlanCounts {
  const counts = { add: 0, replace: 0, keep: 0, unclear: 0, refuse: 0, identical: 0 };
  for (const entry of entries) counts[effectiveKind(entry, choices)] += 1;
  return counts;
}

export function summarizePlan(plan: RestorePlan, choices: RestoreChoices): PlanSummary {
  const byTable = {} as Record<RowTableName, PlanCounts>;
  for (const table of ROW_TABLE_NAMES) byTable[table] = count(plan.rows[table], choices);
  const all: Entry[] = [...plan.responses, ...ROW_TABLE_NAMES.flatMap((table) => plan.rows[table])];
  const responses = count(plan.responses, choices);
  const other = count(ROW_TABLE_NAMES.flatMap((table) => plan.rows[table]), choices);
  const optIns = { replaceNewer: 0, replaceUnclear: 0, takeSettings: 0 };
  for (const entry of all) if ((entry.kind === 'keep' || entry.kind === 'unclear') && entry.optIn !== undefined) optIns[entry.optIn] += 1;
  return {
    responses,
    other,
    byTable,
    optIns,
    nothingToDo: responses.add + responses.replace + other.add + other.replace === 0,
    allIdentical: all.every((entry) => entry.kind === 'identical'),
  };
}

/** Rows to write, per table, and the responses whose answers and evidence are replaced as a whole. */
export interface RestoreWrites {
  /** Responses written (added or replaced); their existing answers and evidence are deleted first. */
  readonly responses: readonly BackupResponseRow[];
  readonly answers: readonly BackupAnswerRow[];
  readonly evidence: readonly BackupEvidenceRow[];
  readonly rows: { readonly [T in RowTableName]: readonly BackupTables[T][number][] };
}

const writes = (kind: PlanKind) => kind === 'add' || kind === 'replace';

/**
 * Identities the restore writes as replaced (previous) although the backup has them current: this
 * device keeps one current identity, so a restored one becomes current only when this device has
 * none left after the restore (then the newest of the backup's current ones does).
 */
export function demotedIdentities(plan: RestorePlan, backup: BackupTables, choices: RestoreChoices): readonly BackupIdentityRow[] {
  const written = plan.rows.identities.filter((entry) => writes(effectiveKind(entry, choices))).map((entry) => backup.identities[entry.index]).filter((row): row is BackupIdentityRow => row !== undefined);
  const writtenKeys = new Map(written.map((row) => [row.keyId, row]));
  // This device's current identities that stay current: not overwritten by the backup's copy.
  const stay = plan.currentIdentities.filter((identity) => {
    const over = writtenKeys.get(identity.keyId);
    return over === undefined || over.replacedAt === undefined;
  });
  const currentInBackup = written.filter((row) => row.replacedAt === undefined && !stay.some((identity) => identity.keyId === row.keyId));
  if (stay.length > 0) return currentInBackup;
  const newest = [...currentInBackup].sort((a, b) => b.createdAt - a.createdAt)[0];
  return currentInBackup.filter((row) => row !== newest);
}

export function restoreWrites(plan: RestorePlan, backup: BackupTables, choices: RestoreChoices): RestoreWrites {
  const written = new Set(plan.responses.filter((entry) => writes(effectiveKind(entry, choices))).map((entry) => entry.id));
  const pick = <T extends RowTableName>(table: T): BackupTables[T][number][] =>
    plan.rows[table].filter((entry) => writes(effectiveKind(entry, choices))).map((entry) => backup[table][entry.index] as BackupTables[T][number]);
  const demoted = new Set(demotedIdentities(plan, backup, choices).map((row) => row.keyId));
  return {
    responses: backup.responses.filter((row) => written.has(row.id)),
    answers: backup.answers.filter((row) => written.has(row.responseId)),
    evidence: backup.evidence.filter((row) => written.has(row.responseId)),
    rows: {
      settings: pick('settings'),
      definitions: pick('definitions'),
      identities: pick('identities').map((row) => (demoted.has(row.keyId) ? { ...row, replacedAt: plan.now } : row)),
      trustedSigners: pick('trustedSigners'),
      reviewDrafts: pick('reviewDrafts'),
      receivedReviews: pick('receivedReviews'),
      mergeDecisions: pick('mergeDecisions'),
      mergeFileChoices: pick('mergeFileChoices'),
    },
  };
}

/**
 * A fingerprint of a plan's decisions and of this device's copy of every row it touches, so the
 * repository can tell whether anything changed between the summary the person confirmed and the
 * moment of writing (another tab, an autosave): any local edit changes a digest or a time.
 */
export function planFingerprint(plan: RestorePlan): string {
  return canonicalJson({
    responses: plan.responses.map((e) => [e.id, e.kind, e.reason ?? null, e.optIn ?? null, e.localUpdatedAt ?? null, e.localDigest ?? null]),
    rows: ROW_TABLE_NAMES.map((table) => plan.rows[table].map((e) => [e.key, e.kind, e.reason ?? null, e.optIn ?? null, e.localDigest ?? null])),
    currentIdentities: plan.currentIdentities.map((identity) => identity.keyId).sort(),
  });
}
