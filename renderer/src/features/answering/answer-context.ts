import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AnswerValue } from '../../../../shared/schemas/answers';
import type { AnswerStore } from './answer-store';

/** What every question on the answer screen needs: the store, how to change it, and flush-on-blur. */
export interface AnswerContextValue {
  readonly store: AnswerStore;
  readonly change: (questionId: string, value: AnswerValue | undefined) => void;
  readonly flush: () => void;
  readonly language: string;
  readonly defaultLanguage: string;
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
