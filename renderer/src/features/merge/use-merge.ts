import { useMemo } from 'react';
import { mergeSubmissions } from '../../../../shared/merge/merge';
import type { FileChoice, IntakeFile, MergeResult } from '../../../../shared/merge/model';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import type { SignerCard } from '../../../../shared/submission/document';
import type { MergeDecisionRow, MergeFileChoiceRow } from '../../db';
import { applicableChoices, applicableDecisions, decisionsOf } from './stored-decisions';

export interface MergeState {
  readonly files: readonly IntakeFile[];
  readonly choices: readonly FileChoice[];
  /** The stored decisions the merge was given (one per question at most). */
  readonly decisionRows: readonly MergeDecisionRow[];
  readonly result: MergeResult;
}

/**
 * Trust as of now: a signer added to (or removed from) the trusted list after the files were
 * checked changes what the table says, without checking the files again.
 */
export function withCurrentTrust(files: readonly IntakeFile[], trusted: readonly SignerCard[]): IntakeFile[] {
  const cards = new Map(trusted.map((card) => [card.keyId, card.publicKey]));
  return files.map((file) => {
    if (file.report.status !== 'valid') return file;
    const { signature } = file.report.document;
    const isTrusted = cards.get(signature.keyId) === signature.publicKey;
    return isTrusted === file.report.trusted ? file : { ...file, report: { ...file.report, trusted: isTrusted } };
  });
}

/**
 * The merge of the intake with the coordinator's stored choices and decisions. `mergeSubmissions`
 * is synchronous and pure, so it simply runs again (memoised) whenever any input changes. It runs
 * once without decisions to learn the current conflicts' fingerprints, which pick the stored
 * decision that fits each conflict; that first run changes only when files or choices do.
 */
export function useMerge(
  intake: readonly IntakeFile[],
  trusted: readonly SignerCard[],
  choiceRows: readonly MergeFileChoiceRow[],
  decisionRows: readonly MergeDecisionRow[],
  definitions: readonly QuestionnaireDefinition[],
): MergeState {
  const files = useMemo(() => withCurrentTrust(intake, trusted), [intake, trusted]);
  const choices = useMemo(() => applicableChoices(choiceRows, files), [choiceRows, files]);
  const undecided = useMemo(() => mergeSubmissions(files, { choices, definitions }), [files, choices, definitions]);
  const applicable = useMemo(() => applicableDecisions(decisionRows, undecided), [decisionRows, undecided]);
  const result = useMemo(
    () => (applicable.length === 0 ? undecided : mergeSubmissions(files, { choices, decisions: decisionsOf(applicable), definitions })),
    [applicable, undecided, files, choices, definitions],
  );
  return { files, choices, decisionRows: applicable, result };
}
