import type { Question, QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import { localize } from '../../../../shared/questionnaire/localize';
import { referenceShareFor } from '../../../../shared/scoring/methods';
import type { IndicatorStatus, ScoreResult } from '../../../../shared/scoring/model';
import { ScorePlanMismatchError } from '../../../../shared/scoring/plan';
import type { PlanItem } from '../../../../shared/scoring/plan';
import type { ChartRow } from './chart-layout';

/** What the score screens show, shaped from a score result; pure, so it is tested without a DOM. */

/** A criterion's name: its section's title in the language asked for, else its code. */
export function criterionName(definition: QuestionnaireDefinition, sectionId: string, criterion: string, language: string): string {
  const section = definition.sections.find((s) => s.id === sectionId);
  return section ? localize(section.title, language, definition.languages[0] ?? 'en') : criterion;
}

/**
 * One chart row per criterion, in section order. A weight is shown as its part of all the
 * weights, whatever scale the method writes them in; a criterion without one is outside the index.
 */
export function chartRows(definition: QuestionnaireDefinition, result: ScoreResult, language: string): ChartRow[] {
  const totalWeight = result.criteria.reduce((sum, c) => sum + (c.weight ?? 0), 0);
  return result.criteria.map((c) => ({
    criterion: c.criterion,
    name: criterionName(definition, c.sectionId, c.criterion, language),
    met: c.met,
    total: c.total,
    share: c.share,
    weight: c.weight === undefined || totalWeight === 0 ? undefined : c.weight / totalWeight,
  }));
}

export interface PlanGroup {
  readonly criterion: string;
  readonly sectionId: string;
  readonly name: string;
  readonly items: readonly PlanItem[];
}

/**
 * The plan's items grouped by criterion, in the criteria's order; criteria with nothing left to do
 * are left out. Items whose criterion the result does not list (none should) still get a group at
 * the end: nothing is dropped.
 */
export function groupPlan(definition: QuestionnaireDefinition, result: ScoreResult, plan: readonly PlanItem[], language: string): PlanGroup[] {
  const order = [...result.criteria.map((c) => ({ criterion: c.criterion, sectionId: c.sectionId }))];
  for (const item of plan) {
    if (!order.some((o) => o.criterion === item.criterion)) order.push({ criterion: item.criterion, sectionId: item.sectionId });
  }
  return order
    .map(({ criterion, sectionId }) => ({
      criterion,
      sectionId,
      name: criterionName(definition, sectionId, criterion, language),
      items: plan.filter((item) => item.criterion === criterion),
    }))
    .filter((group) => group.items.length > 0);
}

/**
 * The React key of an indicator's row or item. A question may carry two indicator codes, and so
 * be two rows: neither the question nor the code alone is unique, the two together are.
 */
export function indicatorKey(indicator: { readonly code: string; readonly questionId: string }): string {
  return `${indicator.code} ${indicator.questionId}`;
}

/** One indicator of the comparison with the reference edition: the answer here, the share then. */
export interface ComparisonRow {
  readonly code: string;
  readonly questionId: string;
  readonly sectionId: string;
  readonly criterion: string;
  /** The question's label in the language asked for. */
  readonly label: string;
  readonly status: IndicatorStatus;
  /** Share (0–1) of the assessed units that met the indicator in the reference edition. */
  readonly share: number;
}

/**
 * Every indicator of the response that the method's reference edition gives a share for, met or
 * not, in definition order; none for a method without a reference (the OSI). The share comes from
 * `referenceShareFor`, never from the reference table by code: a code can also sit on an unrelated
 * indicator of another criterion (the IF copy of LOSI #236), which must not get the PE share.
 */
export function comparisonRows(definition: QuestionnaireDefinition, result: ScoreResult, language: string): ComparisonRow[] {
  if (result.method.reference === undefined) return [];
  const questions = new Map<string, Question>();
  for (const section of definition.sections) for (const question of section.questions) questions.set(question.id, question);
  const defaultLanguage = definition.languages[0] ?? language;
  const rows: ComparisonRow[] = [];
  for (const indicator of result.indicators) {
    const share = referenceShareFor(result.method, indicator);
    if (share === undefined) continue;
    const question = questions.get(indicator.questionId);
    // A score paired with another definition is a bug upstream: say so rather than show a blank label.
    if (question === undefined) throw new ScorePlanMismatchError(definition.id, indicator.questionId);
    rows.push({
      code: indicator.code,
      questionId: indicator.questionId,
      sectionId: indicator.sectionId,
      criterion: indicator.criterion,
      label: localize(question.label, language, defaultLanguage),
      status: indicator.status,
      share,
    });
  }
  return rows;
}

/** A file name people recognise, with nothing a file system refuses (accents dropped, not split off). */
export function planFileName(place: string, questionnaireId: string, date: Date): string {
  const safe = place.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'response';
  return `improvement-plan-${safe}-${questionnaireId}-${date.toISOString().slice(0, 10)}.xlsx`;
}
