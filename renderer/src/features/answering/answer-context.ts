import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AnswerValue } from '../../../../shared/schemas/answers';
import type { EvidenceItem } from '../../../../shared/schemas/evidence';
import type { Finding } from '../../../../shared/engine/validation/findings';
import type { ValidationStore } from '../validation/validation-store';
import type { ReviewNote } from '../../../../shared/review';
import type { AnswerStore } from './answer-store';
import type { EvidenceStore } from './evidence-store';

/** What every question on the answer screen needs: the store, how to change it, and flush-on-blur. */
export interface AnswerContextValue {
  readonly store: AnswerStore;
  readonly change: (questionId: string, value: AnswerValue | undefined) => void;
  readonly flush: () => void;
  readonly language: string;
  readonly defaultLanguage: string;
  readonly evidence: EvidenceStore;
  /** Stores a question's evidence list at once (it is a deliberate action, not typing). */
  readonly changeEvidence: (questionId: string, items: readonly EvidenceItem[]) => Promise<void>;
  readonly validation: ValidationStore;
  /** Messages show once a field is left, or everywhere after the person asked for a check. */
  readonly reveal: boolean;
  /** The latest review received for this response: the reviewer's note per question. */
  readonly reviewNotes: ReadonlyMap<string, ReviewNote>;
  /** Level of a group's heading: 3 on the one-page layout, where each section has an h2. */
  readonly groupHeadingLevel: 2 | 3;
}

export const AnswerContext = createContext<AnswerContextValue | undefined>(undefined);

export function useAnswerContext(): AnswerContextValue {
  const value = useContext(AnswerContext);
  if (!value) throw new Error('useAnswerContext is used outside the answer screen');
  return value;
}

/** The answer to one question; the component re-renders when that answer changes, and only then. */
export function useAnswer(store: AnswerStore, questionId: string): AnswerValue | undefined {
  return useSyncExternalStore(
    (listener) => store.subscribe(questionId, listener),
    () => store.get(questionId),
  );
}

/** The findings shown at one question; re-renders only when they change. */
export function useFindings(validation: ValidationStore, questionId: string): readonly Finding[] {
  return useSyncExternalStore(
    (listener) => validation.subscribe(questionId, listener),
    () => validation.findingsAt(questionId),
  );
}
