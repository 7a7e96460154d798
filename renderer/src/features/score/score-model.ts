import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import { localize } from '../../../../shared/questionnaire/localize';
import type { ScoreResult } from '../../../../shared/scoring/model';
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

/** A file name people recognise, with nothing a file system refuses (accents dropped, not split off). */
export function planFileName(place: string, questionnaireId: string, date: Date): string {
  const safe = place.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'response';
  return `improvement-plan-${safe}-${questionnaireId}-${date.toISOString().slice(0, 10)}.xlsx`;
}
