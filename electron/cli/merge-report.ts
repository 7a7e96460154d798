import type { Candidate, ClassifiedFile, MergedAnswer, MergedRespondent, MergeResult, StaleDecision } from '../../shared/merge/model';
import { answerCell, fileNamer, fileReason } from '../../shared/merge/tables';

/**
 * What `merge` tells the coordinator: every file that is not simply merged and why, a summary,
 * every open conflict with its values and who gave them, every stale decision, and what to do
 * next. The text is for people; `mergeSummaryJson` is the same for scripts.
 */

export interface MergeCounts {
  readonly files: number;
  /** Merged, including files included despite a problem. */
  readonly merged: number;
  readonly includedDespiteProblem: number;
  readonly duplicates: number;
  readonly superseded: number;
  readonly keptOut: number;
  readonly excluded: number;
  readonly unreadable: number;
  readonly respondents: number;
  readonly openConflicts: number;
  readonly filesNeedingDecision: number;
  readonly staleDecisions: number;
}

export function mergeCounts(result: MergeResult): MergeCounts {
  const count = (kind: ClassifiedFile['standing']['kind']) => result.files.filter((f) => f.standing.kind === kind).length;
  return {
    files: result.files.length,
    merged: count('merged') + count('includedDespiteProblem'),
    includedDespiteProblem: count('includedDespiteProblem'),
    duplicates: count('duplicate'),
    superseded: count('superseded'),
    keptOut: count('keptOut'),
    excluded: count('excluded'),
    unreadable: count('unreadable'),
    respondents: result.respondents.length,
    openConflicts: result.openConflicts,
    filesNeedingDecision: result.filesNeedingDecision,
    staleDecisions: result.staleDecisions.length,
  };
}

/** True when the coordinator still has something to decide (exit status 1). */
export function needsAttention(result: MergeResult): boolean {
  return result.openConflicts > 0 || result.filesNeedingDecision > 0 || result.staleDecisions.length > 0;
}

const plural = (n: number, one: string, many = `${one}s`) => `${String(n)} ${n === 1 ? one : many}`;

/** One line per file that is not simply merged; nothing for a merged file. */
export function fileLine(file: ClassifiedFile, nameOf: (index: number) => string): string | undefined {
  const { standing } = file;
  const name = file.file.name;
  switch (standing.kind) {
    case 'merged':
      return undefined;
    case 'duplicate':
      return `${name}: duplicate of ${nameOf(standing.of)} (merged once)`;
    case 'superseded':
      return `${name}: superseded by ${nameOf(standing.by)}, a later version from the same signer`;
    case 'keptOut':
      return `${name}: kept out: ${fileReason(file) ?? 'not valid'}${file.needsDecision ? ' (include or exclude it in the decisions file)' : ''}`;
    case 'includedDespiteProblem':
      return `${name}: included despite a problem (${fileReason(file) ?? 'not valid'}), because: ${standing.reason}`;
    case 'excluded':
      return `${name}: excluded, because: ${standing.reason}`;
    case 'unreadable':
      return `${name}: unreadable: ${fileReason(file) ?? 'no submission could be read'}`;
  }
}

export function summaryLine(counts: MergeCounts): string {
  const parts = [
    `${String(counts.merged)} merged${counts.includedDespiteProblem > 0 ? ` (${String(counts.includedDespiteProblem)} despite a problem)` : ''}`,
    plural(counts.duplicates, 'duplicate'),
    `${String(counts.superseded)} superseded`,
    `${String(counts.keptOut)} kept out`,
    ...(counts.excluded > 0 ? [`${String(counts.excluded)} excluded`] : []),
    `${String(counts.unreadable)} unreadable`,
  ];
  return `${plural(counts.files, 'file')}: ${parts.join(', ')}; ${plural(counts.respondents, 'respondent')}; ${plural(counts.openConflicts, 'open conflict')}`;
}

/** A value as one short line: text quoted, lists as the tables write them, long text cut. */
export function valueText(value: Candidate['value'] | null): string {
  const cell = answerCell(value);
  if (cell === null) return '(no answer)';
  const text = typeof cell === 'number' ? String(cell) : JSON.stringify(cell);
  return text.length > 100 ? `${text.slice(0, 97)}…` : text;
}

export interface ConflictView {
  readonly respondent: string;
  readonly place: string;
  readonly questionnaire: string;
  readonly question: string;
  readonly candidates: readonly { readonly value: Candidate['value']; readonly organisations: readonly string[]; readonly signers: readonly string[]; readonly files: readonly string[] }[];
}

export function openConflicts(result: MergeResult): ConflictView[] {
  const views: ConflictView[] = [];
  for (const respondent of result.respondents) {
    for (const answer of respondent.answers) if (answer.status === 'conflict') views.push(conflictView(respondent, answer));
  }
  return views;
}

function conflictView(respondent: MergedRespondent, answer: MergedAnswer): ConflictView {
  const unique = (values: readonly string[]) => [...new Set(values)];
  return {
    respondent: respondent.key,
    place: respondent.place,
    questionnaire: `${respondent.questionnaire.id} ${respondent.questionnaire.version}`,
    question: answer.questionId,
    candidates: answer.candidates.map((candidate) => {
      const contributions = candidate.contributions.map((i) => respondent.contributions[i]).filter((c) => c !== undefined);
      return {
        value: candidate.value,
        organisations: unique(contributions.map((c) => c.organisation)),
        signers: unique(contributions.map((c) => c.signer.name)),
        files: unique(contributions.map((c) => c.fileName)),
      };
    }),
  };
}

const STALE_TEXT: Readonly<Record<StaleDecision['why'], string>> = {
  noSuchConflict: 'there is no such conflict any more',
  valuesChanged: 'the values in conflict changed since the decision',
  noSuchCandidate: 'the chosen value is not among the values any more',
  cannotCombine: 'these values cannot be combined (only lists can)',
};

export interface ReportOptions {
  /** Where decisions-needed.json was written, as shown to the person; undefined when nothing needs deciding. */
  readonly decisionsFile: string | undefined;
  /** The output folder as shown to the person. */
  readonly outDir: string;
}

export function mergeReportText(result: MergeResult, options: ReportOptions): string {
  const lines: string[] = [];
  const nameOf = fileNamer(result.files);
  for (const file of result.files) {
    const line = fileLine(file, nameOf);
    if (line !== undefined) lines.push(line);
  }
  lines.push(summaryLine(mergeCounts(result)));

  const conflicts = openConflicts(result);
  if (conflicts.length > 0) {
    lines.push('', `Open conflicts (${String(conflicts.length)}):`);
    for (const conflict of conflicts) {
      lines.push(`  ${conflict.place}, ${conflict.questionnaire}, question ${conflict.question}:`);
      for (const candidate of conflict.candidates) {
        lines.push(`    ${valueText(candidate.value)} from ${candidate.organisations.join(', ')} (${candidate.files.join(', ')})`);
      }
    }
  }
  if (result.staleDecisions.length > 0) {
    lines.push('', `Decisions that no longer apply (${String(result.staleDecisions.length)}); decide again:`);
    for (const stale of result.staleDecisions) lines.push(`  ${stale.respondent}, question ${stale.question}: ${STALE_TEXT[stale.why]}`);
  }
  if (options.decisionsFile !== undefined) {
    const todo = [
      ...(result.openConflicts > 0 ? [`choose or write a value, with a reason, for ${plural(result.openConflicts, 'conflict')}`] : []),
      ...(result.filesNeedingDecision > 0 ? [`include or exclude ${plural(result.filesNeedingDecision, 'file')} kept out, with a reason`] : []),
    ];
    lines.push('', `Next: fill in ${options.decisionsFile} (${todo.join('; ')}) and run again with --decisions ${options.decisionsFile}`);
  } else if (result.staleDecisions.length > 0) {
    lines.push('', 'Next: remove or redo the decisions that no longer apply, and run again.');
  }
  return `${lines.join('\n')}\n`;
}

/** The same report for scripts (`--json`). */
export function mergeSummaryJson(result: MergeResult, options: ReportOptions & { readonly outputs: readonly string[]; readonly signed: boolean }): unknown {
  const nameOf = fileNamer(result.files);
  return {
    summary: mergeCounts(result),
    needsDecision: needsAttention(result),
    files: result.files.map((file) => ({
      file: file.file.name,
      format: file.file.format,
      fileHash: file.file.fileHash,
      verification: file.file.report.status,
      standing: file.standing.kind,
      ...(file.standing.kind === 'duplicate' ? { of: nameOf(file.standing.of) } : {}),
      ...(file.standing.kind === 'superseded' ? { by: nameOf(file.standing.by) } : {}),
      ...(file.standing.kind === 'includedDespiteProblem' || file.standing.kind === 'excluded' ? { decisionReason: file.standing.reason } : {}),
      reason: fileReason(file),
      ...(file.respondentKey === undefined ? {} : { respondent: file.respondentKey }),
      needsDecision: file.needsDecision,
    })),
    openConflicts: openConflicts(result),
    staleDecisions: result.staleDecisions,
    outputs: options.outputs,
    consolidatedSigned: options.signed,
    decisionsFile: options.decisionsFile ?? null,
  };
}
