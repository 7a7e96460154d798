import type { EvidenceByQuestion, EvidenceItem } from '../../../../shared/schemas/evidence';
import { KeyedListeners } from './keyed-listeners';

/**
 * Evidence links of the open response, in memory, mirroring what is stored. Like AnswerStore, the
 * map is replaced on every change and components subscribe per question.
 */
export class EvidenceStore {
  private items: Map<string, readonly EvidenceItem[]>;
  private readonly listeners = new KeyedListeners();

  constructor(initial: ReadonlyMap<string, readonly EvidenceItem[]>) {
    this.items = new Map(initial);
  }

  get(questionId: string): readonly EvidenceItem[] | undefined {
    return this.items.get(questionId);
  }

  snapshot(): EvidenceByQuestion {
    return this.items;
  }

  set(questionId: string, items: readonly EvidenceItem[]): void {
    const next = new Map(this.items);
    if (items.length === 0) next.delete(questionId);
    else next.set(questionId, items);
    this.items = next;
    this.listeners.notify(questionId);
    this.listeners.notifyAll();
  }

  subscribe(questionId: string, listener: () => void): () => void {
    return this.listeners.subscribe(questionId, listener);
  }

  subscribeAll(listener: () => void): () => void {
    return this.listeners.subscribeAll(listener);
  }
}
