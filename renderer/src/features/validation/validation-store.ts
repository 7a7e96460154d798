import type { Finding } from '../../../../shared/engine/validation/findings';
import { Validator } from '../../../../shared/engine/validation/validator';
import type { Visibility } from '../../../../shared/engine/relevance';
import type { Answers } from '../../../../shared/schemas/answers';
import type { EvidenceByQuestion } from '../../../../shared/schemas/evidence';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import { KeyedListeners } from '../answering/keyed-listeners';
const NONE: readonly Finding[] = [];

/**
 * The shared validation engine, wired to the open response. Each change is passed on with the
 * keys it touched, so only dependent rules run; a question's component is notified only when its
 * own findings actually changed, and snapshots keep their identity otherwise (which is what
 * `useSyncExternalStore` needs to skip re-rendering).
 */
export class ValidationStore {
  private readonly validator: Validator;
  private readonly byQuestion = new Map<string, readonly Finding[]>();
  private readonly listeners = new KeyedListeners();

  constructor(
    definition: QuestionnaireDefinition,
    private readonly readAnswers: () => Answers,
    private readonly readEvidence: () => EvidenceByQuestion,
  ) {
    this.validator = new Validator(definition, readAnswers(), readEvidence());
    for (const finding of this.validator.findings()) this.byQuestion.set(finding.questionId, this.validator.findingsAt(finding.questionId));
  }

  /**
   * Tells the engine what changed: question ids, or `evidenceKey(id)` for evidence lists. Returns
   * the questions whose findings were re-evaluated (the changed one, and those whose rules or
   * visibility read it).
   */
  changed(keys: readonly string[]): ReadonlySet<string> {
    const visibilityBefore = this.validator.visibility();
    const touched = this.validator.update(this.readAnswers(), this.readEvidence(), keys);
    let any = this.validator.visibility() !== visibilityBefore;
    for (const questionId of touched) {
      const next = this.validator.findingsAt(questionId);
      const previous = this.byQuestion.get(questionId) ?? NONE;
      if (sameFindings(previous, next)) continue;
      any = true;
      if (next.length === 0) this.byQuestion.delete(questionId);
      else this.byQuestion.set(questionId, next);
      this.listeners.notify(questionId);
    }
    if (any) this.listeners.notifyAll();
    return touched;
  }

  findingsAt(questionId: string): readonly Finding[] {
    return this.byQuestion.get(questionId) ?? NONE;
  }

  all(): readonly Finding[] {
    return this.validator.findings();
  }

  visibility(): Visibility {
    return this.validator.visibility();
  }

  subscribe(questionId: string, listener: () => void): () => void {
    return this.listeners.subscribe(questionId, listener);
  }

  subscribeAll(listener: () => void): () => void {
    return this.listeners.subscribeAll(listener);
  }
}

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  return a.length === b.length && a.every((finding, i) => {
    const other = b[i];
    return other !== undefined && finding.key === other.key && JSON.stringify(finding.problem) === JSON.stringify(other.problem);
  });
}
