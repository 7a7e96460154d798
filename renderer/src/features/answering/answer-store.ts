import type { AnswerValue, Answers } from '../../../../shared/schemas/answers';
import { isEmptyValue } from '../../../../shared/schemas/answers';
import { KeyedListeners } from './keyed-listeners';

/**
 * The answers of the open response, in memory. Components subscribe to one question each, so a
 * change to one answer re-renders that question only; `subscribeAll` serves what depends on the
 * whole set (relevance, progress). The map is replaced on every change, never mutated, so a
 * snapshot handed out stays valid.
 */
export class AnswerStore {
  private answers: Map<string, AnswerValue>;
  private readonly listeners = new KeyedListeners();

  constructor(initial: ReadonlyMap<string, AnswerValue>) {
    this.answers = new Map(initial);
  }

  get(questionId: string): AnswerValue | undefined {
    return this.answers.get(questionId);
  }

  snapshot(): Answers {
    return this.answers;
  }

  /** Stores a value; an empty one (blank text, no selection, no rows) clears the answer. */
  set(questionId: string, value: AnswerValue | undefined): AnswerValue | undefined {
    const stored = isEmptyValue(value) ? undefined : value;
    if (stored === this.answers.get(questionId)) return stored;
    const next = new Map(this.answers);
    if (stored === undefined) next.delete(questionId);
    else next.set(questionId, stored);
    this.answers = next;
    this.listeners.notify(questionId);
    this.listeners.notifyAll();
    return stored;
  }

  subscribe(questionId: string, listener: () => void): () => void {
    return this.listeners.subscribe(questionId, listener);
  }

  subscribeAll(listener: () => void): () => void {
    return this.listeners.subscribeAll(listener);
  }
}
