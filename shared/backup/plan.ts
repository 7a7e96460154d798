import { canonicalJson } from '../canonical-json';
import type { Respondent } from '../schemas/response';
import type { BackupAnswerRow, BackupEvidenceRow, BackupResponseRow, BackupTableName, BackupTables } from './rows';
import { rowKeyOf } from './rows';

/**
 * Restore planning: what a backup would change on this device, decided before anything is written
 * and shown to the person first. Pure: the same rows give the same plan.
 *
 * - `add`: only in the backup;
 * - `replace`: in both, and the backup's copy is newer;
 * - `keep`: in both, and this device's copy is newer (or as recent, but different). Kept unless the
 *   person ticks "replace newer data on this device too"; never replaced silently;
 * - `identical`: the same on both sides; nothing to do.
 *
 * A response is one unit with its answers and evidence: it is compared, and replaced, as a whole,
 * so a restore never mixes answers of two versions of one response. Its time is `updatedAt`, which
 * every answer and evidence change moves.
 *
 * Imported questionnaire definitions are immutable (a published version never changes): one that
 * this device already has, imported or built in, with other content is kept and never replaced.
 */

export type PlanKind = 'add' | 'replace' | 'keep' | 'identical';

/** Tables planned row by row (responses, answers and evidence are planned as response units). */
export type RowTableName = Exclude<BackupTableName, 'responses' | 'answers' | 'evidence'>;
export const ROW_TABLE_NAMES: readonly RowTableName[] = ['settings', 'definitions', 'identities', 'trustedSigners', 'reviewDrafts', 'receivedReviews', 'mergeDecisions', 'mergeFileChoices'];

export interface ResponsePlanEntry {
  readonly id: string;
  readonly kind: PlanKind;
  readonly respondent: Respondent;
  readonly questionnaireId: string;
  readonly questionnaireVersion: string;
  /** Last change of the backup's copy. */
  readonly backupUpdatedAt: number;
  /** Last change of this device's copy, when there is one. */
  readonly localUpdatedAt?: number;
  /** Answers the backup's copy holds. */
  readonly answers: number;
}

export interface RowPlanEntry {
  readonly key: string;
  readonly kind: PlanKind;
  /** False for a `keep` that may never be replaced (a definition with other content). */
  readonly replaceable: boolean;
  /** Index of the row in the backup's table. */
  readonly index: number;
}

export interface RestorePlan {
  readonly responses: readonly ResponsePlanEntry[];
  readonly rows: Readonly<Record<RowTableName, readonly RowPlanEntry[]>>;
}

export interface PlanOptions {
  /** `id@version` → content hash of the definitions built into this app, which count as present. */
  readonly bundledDefinitions?: ReadonlyMap<string, string>;
}

/** When a row last changed, per table; undefined for rows with no time (settings, definitions). */
function rowTime(table: RowTableName, row: BackupTables[RowTableName][number]): number | undefined {
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

function decide(backupTime: number | undefined, localTime: number | undefined): PlanKind {
  if (backupTime !== undefined && localTime !== undefined && backupTime > localTime) return 'replace';
  return 'keep';
}

export function planRestore(backup: BackupTables, current: BackupTables, options: PlanOptions = {}): RestorePlan {
  const backupAnswers = byResponse(backup.answers);
  const backupEvidence = byResponse(backup.evidence);
  const localAnswers = byResponse(current.answers);
  const localEvidence = byResponse(current.evidence);
  const localResponses = new Map(current.responses.map((row) => [row.id, row]));

  const responses = backup.responses.map((row): ResponsePlanEntry => {
    const answers = backupAnswers.get(row.id) ?? [];
    const base = {
      id: row.id,
      respondent: row.respondent,
      questionnaireId: row.questionnaireId,
      questionnaireVersion: row.questionnaireVersion,
      backupUpdatedAt: row.updatedAt,
      answers: answers.length,
    };
    const local = localResponses.get(row.id);
    if (!local) return { ...base, kind: 'add' };
    const same =
      unitText(row, answers, backupEvidence.get(row.id) ?? []) === unitText(local, localAnswers.get(row.id) ?? [], localEvidence.get(row.id) ?? []);
    return { ...base, localUpdatedAt: local.updatedAt, kind: same ? 'identical' : decide(row.updatedAt, local.updatedAt) };
  });

  const rows = {} as Record<RowTableName, RowPlanEntry[]>;
  for (const table of ROW_TABLE_NAMES) {
    const locals = new Map<string, BackupTables[RowTableName][number]>();
    for (const row of current[table]) locals.set(rowKeyOf(table, row), row);
    rows[table] = backup[table].map((row, index): RowPlanEntry => {
      const key = rowKeyOf(table, row);
      if (table === 'definitions') {
        const hash = (row as BackupTables['definitions'][number]).contentHash;
        const bundled = options.bundledDefinitions?.get(key);
        const local = locals.get(key) as BackupTables['definitions'][number] | undefined;
        const existing = bundled ?? local?.contentHash;
        if (existing === undefined) return { key, index, kind: 'add', replaceable: true };
        return { key, index, kind: existing === hash ? 'identical' : 'keep', replaceable: false };
      }
      const local = locals.get(key);
      if (!local) return { key, index, kind: 'add', replaceable: true };
      if (canonicalJson(row) === canonicalJson(local)) return { key, index, kind: 'identical', replaceable: true };
      return { key, index, kind: decide(rowTime(table, row), rowTime(table, local)), replaceable: true };
    });
  }
  return { responses, rows };
}

/** What a plan does with the person's choice: a replaceable `keep` becomes `replace` when they ask for it. */
export function effectiveKind(entry: { readonly kind: PlanKind; readonly replaceable?: boolean }, replaceNewer: boolean): PlanKind {
  return entry.kind === 'keep' && replaceNewer && entry.replaceable !== false ? 'replace' : entry.kind;
}

export interface PlanCounts {
  readonly add: number;
  readonly replace: number;
  readonly keep: number;
  readonly identical: number;
}

export interface PlanSummary {
  readonly responses: PlanCounts;
  /** Every other row (settings, definitions, identities, reviews, merge decisions…) together. */
  readonly other: PlanCounts;
  readonly byTable: Readonly<Record<RowTableName, PlanCounts>>;
  /** True when the plan writes nothing. */
  readonly nothingToDo: boolean;
}

function count(entries: readonly { readonly kind: PlanKind; readonly replaceable?: boolean }[], replaceNewer: boolean): PlanCounts {
  const counts = { add: 0, replace: 0, keep: 0, identical: 0 };
  for (const entry of entries) counts[effectiveKind(entry, replaceNewer)] += 1;
  return counts;
}

export function summarizePlan(plan: RestorePlan, replaceNewer: boolean): PlanSummary {
  const byTable = {} as Record<RowTableName, PlanCounts>;
  for (const table of ROW_TABLE_NAMES) byTable[table] = count(plan.rows[table], replaceNewer);
  const responses = count(plan.responses, replaceNewer);
  const other = count(ROW_TABLE_NAMES.flatMap((table) => plan.rows[table]), replaceNewer);
  return { responses, other, byTable, nothingToDo: responses.add + responses.replace + other.add + other.replace === 0 };
}

/** Rows to write, per table, and the responses whose answers and evidence are replaced as a whole. */
export interface RestoreWrites {
  /** Responses written (added or replaced); their existing answers and evidence are deleted first. */
  readonly responses: readonly BackupResponseRow[];
  readonly answers: readonly BackupAnswerRow[];
  readonly evidence: readonly BackupEvidenceRow[];
  readonly rows: { readonly [T in RowTableName]: readonly BackupTables[T][number][] };
}

export function restoreWrites(plan: RestorePlan, backup: BackupTables, replaceNewer: boolean): RestoreWrites {
  const written = new Set(plan.responses.filter((entry) => writes(effectiveKind(entry, replaceNewer))).map((entry) => entry.id));
  const pick = <T extends RowTableName>(table: T): BackupTables[T][number][] =>
    plan.rows[table].filter((entry) => writes(effectiveKind(entry, replaceNewer))).map((entry) => backup[table][entry.index] as BackupTables[T][number]);
  return {
    responses: backup.responses.filter((row) => written.has(row.id)),
    answers: backup.answers.filter((row) => written.has(row.responseId)),
    evidence: backup.evidence.filter((row) => written.has(row.responseId)),
    rows: {
      settings: pick('settings'),
      definitions: pick('definitions'),
      identities: pick('identities'),
      trustedSigners: pick('trustedSigners'),
      reviewDrafts: pick('reviewDrafts'),
      receivedReviews: pick('receivedReviews'),
      mergeDecisions: pick('mergeDecisions'),
      mergeFileChoices: pick('mergeFileChoices'),
    },
  };
}

const writes = (kind: PlanKind) => kind === 'add' || kind === 'replace';

/**
 * A short fingerprint of a plan's decisions, so the repository can tell whether the data changed
 * between the summary the person confirmed and the moment of writing (another tab, an autosave).
 */
export function planFingerprint(plan: RestorePlan): string {
  return canonicalJson({
    responses: plan.responses.map((entry) => [entry.id, entry.kind]),
    rows: ROW_TABLE_NAMES.map((table) => plan.rows[table].map((entry) => [entry.key, entry.kind])),
  });
}
