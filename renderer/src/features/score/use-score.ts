import { useMemo, useSyncExternalStore } from 'react';
import type { Answers } from '../../../../shared/schemas/answers';
import type { EvidenceByQuestion } from '../../../../shared/schemas/evidence';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import { scoreResponse } from '../../../../shared/scoring/score';
import type { ScoreResult } from '../../../../shared/scoring/model';
import type { AnswerStore } from '../answering/answer-store';
import type { EvidenceStore } from '../answering/evidence-store';

/**
 * The score of a response: none for a questionnaire without a scoring method; failed (with the
 * reason) for an imported definition of a scored instrument that the method cannot read, so the
 * screen says why instead of breaking.
 */
export type ScoreState =
  | { readonly kind: 'unscored' }
  | { readonly kind: 'scored'; readonly result: ScoreResult }
  | { readonly kind: 'failed'; readonly message: string };

export function scoreState(definition: QuestionnaireDefinition, answers: Answers, evidence: EvidenceByQuestion): ScoreState {
  try {
    const result = scoreResponse(definition, answers, evidence);
    return result === undefined ? { kind: 'unscored' } : { kind: 'scored', result };
  } catch (error: unknown) {
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The live score of the open response: recomputed from the same stores the answering screen
 * writes, only when the answers or the evidence actually changed (both stores replace their map
 * on every change, so identity is the change signal).
 */
export function useScore(definition: QuestionnaireDefinition, store: AnswerStore, evidence: EvidenceStore): ScoreState {
  const answers = useSyncExternalStore((l) => store.subscribeAll(l), () => store.snapshot());
  const links = useSyncExternalStore((l) => evidence.subscribeAll(l), () => evidence.snapshot());
  return useMemo(() => scoreState(definition, answers, links), [definition, answers, links]);
}
