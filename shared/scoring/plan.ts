import { AppError } from '../errors';
import { localize } from '../questionnaire/localize';
import type { LocalizedText, Question, QuestionnaireDefinition } from '../schemas/questionnaire';
import { referenceShareFor } from './methods';
import type { ScoreResult } from './model';

/**
 * The improvement plan: every indicator not met, with the definition's guidance (what counts, why
 * it matters, how to satisfy it), for the team that maintains the portal. Pure data; the score
 * view, the printable page and the Excel export (plan-workbook.ts) all render this list.
 */

export interface PlanItem {
  /** The criterion (LOSI) or subindex (OSI) code, e.g. `PE`. */
  criterion: string;
  /** The indicator code, e.g. `LOSI #277`. */
  code: string;
  questionId: string;
  sectionId: string;
  /** The question's label in the requested language. */
  label: string;
  status: 'yesWithoutEvidence' | 'notMet' | 'unanswered';
  what?: string;
  why?: string;
  how?: string;
  /** Share (0–1) of units meeting the indicator in the method's reference edition, when known. */
  referenceShare?: number;
}

/** A score was paired with a definition it was not computed from. */
export class ScorePlanMismatchError extends AppError {
  constructor(definitionId: string, questionId: string) {
    super('INVALID_PAYLOAD', `The score does not belong to definition "${definitionId}": it has no question "${questionId}".`);
  }
}

/**
 * Every indicator of `result` that is not met, ordered by criterion (in the order the criteria come
 * in the definition) and, within a criterion, in definition order. Texts are in `language`, falling
 * back to the definition's default language.
 */
export function improvementPlan(definition: QuestionnaireDefinition, result: ScoreResult, language: string): PlanItem[] {
  const questions = new Map<string, Question>();
  for (const section of definition.sections) for (const question of section.questions) questions.set(question.id, question);
  const defaultLanguage = definition.languages[0] ?? language;
  const text = (value: LocalizedText): string => localize(value, language, defaultLanguage);
  const criterionOrder = new Map(result.criteria.map((c, i) => [c.criterion, i]));

  const items: { item: PlanItem; criterionIndex: number; position: number }[] = [];
  result.indicators.forEach((indicator, position) => {
    if (indicator.status === 'met') return;
    const question = questions.get(indicator.questionId);
    if (question === undefined) throw new ScorePlanMismatchError(definition.id, indicator.questionId);
    const guidance = question.guidance;
    const referenceShare = referenceShareFor(result.method, indicator);
    const item: PlanItem = {
      criterion: indicator.criterion,
      code: indicator.code,
      questionId: indicator.questionId,
      sectionId: indicator.sectionId,
      label: text(question.label),
      status: indicator.status,
      ...(guidance?.what === undefined ? {} : { what: text(guidance.what) }),
      ...(guidance?.why === undefined ? {} : { why: text(guidance.why) }),
      ...(guidance?.how === undefined ? {} : { how: text(guidance.how) }),
      ...(referenceShare === undefined ? {} : { referenceShare }),
    };
    // A criterion missing from result.criteria cannot come from scoreResponse; keep it, at the end.
    items.push({ item, criterionIndex: criterionOrder.get(indicator.criterion) ?? result.criteria.length, position });
  });
  items.sort((a, b) => a.criterionIndex - b.criterionIndex || a.position - b.position);
  return items.map((entry) => entry.item);
}
