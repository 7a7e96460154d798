import type { ConflictDecision, FileChoice, IntakeFile, MergeResult } from '../../../../shared/merge/model';
import type { MergeDecisionRow, MergeFileChoiceRow } from '../../db';
import { ANY_FINGERPRINT } from '../../db';

/**
 * Which stored decisions apply to the files in the intake. Every decision ever made is kept (keyed
 * by respondent, question and the fingerprint of the values it was made for), so several can exist
 * for one question; the merge takes one per question.
 */

const questionKey = (respondent: string, question: string) => `${respondent}\n${question}`;

/**
 * One decision per question of the respondents in the intake, chosen against `undecided` (the merge
 * without decisions, whose conflicts carry the current fingerprints): the one made for exactly these
 * values; else one that names no values; else the latest, which the merge will report as stale
 * (so the coordinator sees it no longer fits). Decisions about respondents not in the intake are
 * left out: they are about other files, not stale.
 */
export function applicableDecisions(rows: readonly MergeDecisionRow[], undecided: MergeResult): MergeDecisionRow[] {
  const present = new Set(undecided.respondents.map((r) => r.key));
  const conflicts = new Map<string, string>();
  for (const respondent of undecided.respondents) {
    for (const answer of respondent.answers) if (answer.status === 'conflict') conflicts.set(questionKey(respondent.key, answer.questionId), answer.fingerprint);
  }
  const byQuestion = new Map<string, MergeDecisionRow[]>();
  for (const row of rows) {
    if (!present.has(row.respondent)) continue;
    const key = questionKey(row.respondent, row.question);
    const list = byQuestion.get(key);
    if (list) list.push(row);
    else byQuestion.set(key, [row]);
  }
  const chosen: MergeDecisionRow[] = [];
  for (const [key, list] of byQuestion) {
    const latestFirst = [...list].sort((a, b) => b.storedAt - a.storedAt);
    const fingerprint = conflicts.get(key);
    const pick =
      latestFirst.find((row) => fingerprint !== undefined && row.fingerprint === fingerprint) ??
      latestFirst.find((row) => fingerprint !== undefined && row.fingerprint === ANY_FINGERPRINT) ??
      latestFirst[0];
    if (pick) chosen.push(pick);
  }
  return chosen;
}

export function decisionsOf(rows: readonly MergeDecisionRow[]): ConflictDecision[] {
  return rows.map((row) => row.decision);
}

/** The stored decision row the merge took for a question (to forget a stale one). */
export function rowFor(rows: readonly MergeDecisionRow[], respondent: string, question: string): MergeDecisionRow | undefined {
  return rows.find((row) => row.respondent === respondent && row.question === question);
}

/** Stored file choices about files in the intake. */
export function applicableChoices(rows: readonly MergeFileChoiceRow[], files: readonly IntakeFile[]): FileChoice[] {
  const hashes = new Set(files.map((file) => file.fileHash));
  return rows.filter((row) => hashes.has(row.fileHash)).map((row) => ({ fileHash: row.fileHash, include: row.include, reason: row.reason }));
}
