import type { Candidate, ClassifiedFile, ConflictDecision, MergedAnswer, MergedRespondent, MergeResult, ResolutionChoice, StaleDecision } from '../../shared/merge/model';
import { answerCell, fileNamer, fileReason } from '../../shared/merge/tables';
import type { SkippedEntry } from './files';
import { terminalSafe } from './terminal-text';

/**
 * What `merge` tells the coordinator: every file that is not simply merged and why, a summary,
 * every open conflict with its values and who gave them, every stale decision, and what to do
 * next. The text is for people; `mergeSummaryJson` is the same for scripts.
 *
 * Names, places, organisations, values and reasons come from the files: in the text, each goes
 * through `terminalSafe` (a `safe` helper below) so that none can steer the terminal.
 */

const safe = (text: string): string => terminalSafe(text);

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
  const name = safe(file.file.name);
  const reason = (fallback: string) => safe(fileReason(file) ?? fallback);
  switch (standing.kind) {
    case 'merged':
      return undefined;
    case 'duplicate':
      return `${name}: duplicate of ${safe(nameOf(standing.of))} (merged once)`;
    case 'superseded':
      return `${name}: superseded by ${safe(nameOf(standing.by))}, a later version from the same signer`;
    case 'keptOut':
      return `${name}: kept out: ${reason('not valid')}${file.needsDecision ? ' (include or exclude it in the decisions file)' : ''}`;
    case 'includedDespiteProblem':
      return `${name}: included despite a problem (${reason('not valid')}), because: ${safe(standing.reason)}`;
    case 'excluded':
      return `${name}: excluded, because: ${safe(standing.reason)}`;
    case 'unreadable':
      return `${name}: unreadable: ${reason('no submission could be read')}`;
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
  return safe(text.length > 100 ? `${text.slice(0, 97)}…` : text);
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
  /** Where the decisions file that was about to be replaced was kept, as shown; undefined when none was. */
  readonly previousDecisionsFile?: string | undefined;
  /** The output folder as shown to the person. */
  readonly outDir: string;
  /** Entries of the folders given that were not taken, each with why (a broken link, an unreadable folder). */
  readonly skipped?: readonly SkippedEntry[];
  /** The decisions given with --decisions, so a stale one is shown with what it decided and why. */
  readonly decisions?: readonly ConflictDecision[];
  /** Outputs of an earlier run no longer produced but left in place because they were changed since. */
  readonly keptOutputs?: readonly string[];
}

/** A stale decision with what it decided and its reason: the coordinator's words are never dropped. */
export interface StaleDecisionView extends StaleDecision {
  readonly decided?: string;
  readonly reason?: string;
}

export function staleDecisionViews(result: MergeResult, decisions: readonly ConflictDecision[] = []): StaleDecisionView[] {
  const byQuestion = new Map(decisions.map((decision) => [`${decision.respondent}\n${decision.question}`, decision]));
  return result.staleDecisions.map((stale) => {
    const decision = byQuestion.get(`${stale.respondent}\n${stale.question}`);
    if (decision === undefined) return stale;
    return { ...stale, decided: choiceText(decision.resolution.choice), reason: decision.resolution.reason };
  });
}

function choiceText(choice: ResolutionChoice): string {
  switch (choice.kind) {
    case 'choose':
      // The key is the chosen value in canonical JSON; cut like any value shown.
      return `chose ${choice.key.length > 100 ? `${choice.key.slice(0, 97)}…` : choice.key}`;
    case 'combine':
      return 'combined the values';
    case 'write':
      return `wrote ${valueText(choice.value)}`;
  }
}

export function mergeReportText(result: MergeResult, options: ReportOptions): string {
  const lines: string[] = [];
  for (const entry of options.skipped ?? []) lines.push(`${safe(entry.name)}: not taken: ${safe(entry.reason)}`);
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
      lines.push(`  ${safe(conflict.place)}, ${safe(conflict.questionnaire)}, question ${safe(conflict.question)}:`);
      for (const candidate of conflict.candidates) {
        lines.push(`    ${valueText(candidate.value)} from ${candidate.organisations.map(safe).join(', ')} (${candidate.files.map(safe).join(', ')})`);
      }
    }
  }
  const stale = staleDecisionViews(result, options.decisions);
  if (stale.length > 0) {
    lines.push('', `Decisions that no longer apply (${String(stale.length)}); decide again:`);
    for (const view of stale) {
      const was = view.decided === undefined ? '' : ` (it ${safe(view.decided)}, because: ${safe(view.reason ?? '')})`;
      lines.push(`  ${safe(view.respondent)}, question ${safe(view.question)}: ${STALE_TEXT[view.why]}${was}`);
    }
  }
  for (const kept of options.keptOutputs ?? []) lines.push('', `Kept ${safe(kept)}: an output of an earlier run that this run no longer writes, left in place because it was changed since.`);
  if (options.previousDecisionsFile !== undefined) {
    lines.push('', `Your decisions file was kept as ${safe(options.previousDecisionsFile)} before ${safe(options.decisionsFile ?? 'it')} was written again.`);
  }
  if (options.decisionsFile !== undefined) {
    const todo = [
      ...(result.openConflicts > 0 ? [`choose or write a value, with a reason, for ${plural(result.openConflicts, 'conflict')}`] : []),
      ...(result.filesNeedingDecision > 0 ? [`include or exclude ${plural(result.filesNeedingDecision, 'file')} kept out, with a reason`] : []),
    ];
    const file = safe(options.decisionsFile);
    lines.push('', `Next: fill in ${file} (${todo.join('; ')}) and run again with --decisions ${file}`);
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
    skipped: options.skipped ?? [],
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
    staleDecisions: staleDecisionViews(result, options.decisions),
    outputs: options.outputs,
    keptOutputs: options.keptOutputs ?? [],
    consolidatedSigned: options.signed,
    decisionsFile: options.decisionsFile ?? null,
    previousDecisionsFile: options.previousDecisionsFile ?? null,
  };
}
