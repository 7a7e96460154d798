import { AppError } from '../errors';
import { checkEvidenceUrl } from '../evidence/evidence-url';
import { computeVisibility } from '../engine/relevance';
import type { AnswerValue, Answers } from '../schemas/answers';
import { isAnswered } from '../schemas/answers';
import type { EvidenceItem } from '../schemas/evidence';
import type { EvidencePolicy, QuestionnaireDefinition } from '../schemas/questionnaire';
import { levelOf, scoringMethodFor } from './methods';
import type { CriterionScore, IndicatorScore, IndicatorStatus, ScoreResult, ScoringMethod } from './model';

/**
 * Scores one self-assessment response: a pure function of the definition, the answers and the
 * evidence, cheap enough to run on every change (the definition's indicator layout is worked out
 * once per definition object and cached).
 */

/** A definition that names a scored instrument but cannot be scored as one. Lists every problem. */
export class ScoringDefinitionError extends AppError {
  readonly problems: readonly string[];
  constructor(definitionId: string, problems: readonly string[]) {
    super('INVALID_DEFINITION', `Definition "${definitionId}" cannot be scored:\n${problems.join('\n')}`);
    this.problems = problems;
  }
}

/**
 * `scoreResponse`, or undefined when the definition cannot be scored (an imported definition whose
 * indicator layout the scorer refuses). Signing and merging use this: a score is an addition to a
 * submission, and a definition that cannot be scored must not stop anyone from submitting or merging.
 * The score view calls `scoreResponse` itself and shows the reason.
 */
export function scoreIfPossible(definition: QuestionnaireDefinition, answers: AnswerInput, evidence: EvidenceInput): ScoreResult | undefined {
  try {
    return scoreResponse(definition, answers, evidence);
  } catch (error) {
    if (error instanceof ScoringDefinitionError) return undefined;
    throw error;
  }
}

type AnswerInput = ReadonlyMap<string, AnswerValue> | Readonly<Record<string, AnswerValue>>;
type EvidenceInput = ReadonlyMap<string, readonly EvidenceItem[]> | Readonly<Record<string, readonly EvidenceItem[]>>;

interface LayoutIndicator {
  readonly code: string;
  readonly questionId: string;
  readonly sectionId: string;
  readonly criterion: string;
  /** Index into `Layout.criteria`. */
  readonly criterionIndex: number;
  readonly evidence: EvidencePolicy;
}

interface LayoutCriterion {
  readonly criterion: string;
  readonly sectionId: string;
  readonly weight: number | undefined;
}

interface Layout {
  readonly method: ScoringMethod;
  readonly indicators: readonly LayoutIndicator[];
  readonly criteria: readonly LayoutCriterion[];
  /** False when no section or indicator question has a condition: visibility can then be skipped. */
  readonly conditional: boolean;
}

const layouts = new WeakMap<QuestionnaireDefinition, Layout>();

/**
 * Scores a response; undefined when the definition has no scoring method (the questionnaires).
 * Throws `ScoringDefinitionError` when a definition of a scored instrument is laid out in a way
 * the method cannot read (see `layoutOf`).
 */
export function scoreResponse(definition: QuestionnaireDefinition, answers: AnswerInput, evidence: EvidenceInput): ScoreResult | undefined {
  const layout = layoutOf(definition);
  if (layout === undefined) return undefined;

  const answerOf = reader(answers);
  const evidenceOf = reader(evidence);
  // Hidden questions count as unanswered: their stored answers are kept but do not score.
  const shown = layout.conditional ? computeVisibility(definition, asMap(answers)).questions : undefined;

  const counts = layout.criteria.map(() => ({ met: 0, yesWithoutEvidence: 0, notMet: 0, unanswered: 0, total: 0 }));
  const indicators: IndicatorScore[] = [];
  for (const indicator of layout.indicators) {
    const visible = shown === undefined || shown.has(indicator.questionId);
    const status = visible ? statusOf(indicator, answerOf(indicator.questionId), evidenceOf(indicator.questionId)) : 'unanswered';
    const count = counts[indicator.criterionIndex];
    if (count !== undefined) {
      count[status] += 1;
      count.total += 1;
    }
    indicators.push({ code: indicator.code, questionId: indicator.questionId, sectionId: indicator.sectionId, criterion: indicator.criterion, status });
  }

  const criteria: CriterionScore[] = layout.criteria.map((c, i) => {
    const count = counts[i] ?? { met: 0, yesWithoutEvidence: 0, notMet: 0, unanswered: 0, total: 0 };
    return {
      criterion: c.criterion,
      sectionId: c.sectionId,
      total: count.total,
      met: count.met,
      yesWithoutEvidence: count.yesWithoutEvidence,
      notMet: count.notMet,
      unanswered: count.unanswered,
      share: count.total === 0 ? 0 : count.met / count.total,
      ...(c.weight === undefined ? {} : { weight: c.weight }),
    };
  });

  const totals = {
    indicators: indicators.length,
    met: sum(criteria, 'met'),
    yesWithoutEvidence: sum(criteria, 'yesWithoutEvidence'),
    notMet: sum(criteria, 'notMet'),
    unanswered: sum(criteria, 'unanswered'),
  };
  const index = indexOf(layout.method, criteria, totals);
  // Banded at 4 decimals, the precision the index is shown and signed at: the level must follow
  // from the number people see (0.49995 shows and signs as 0.5, so it is High, not Middle).
  const level = levelOf(Math.round(index * 10_000) / 10_000, layout.method.bands);
  return { method: layout.method, indicators, criteria, index, level, totals };
}

function statusOf(indicator: LayoutIndicator, value: AnswerValue | undefined, items: readonly EvidenceItem[] | undefined): IndicatorStatus {
  if (!isAnswered(value)) return 'unanswered';
  // Only a yes can meet an indicator; "no", "na" and any value the engine would flag are not a yes.
  if (value !== 'yes') return 'notMet';
  const needsEvidence = indicator.evidence === 'requiredWhenYes' || indicator.evidence === 'required';
  return needsEvidence && !hasUsableEvidence(items) ? 'yesWithoutEvidence' : 'met';
}

/**
 * Evidence counts when its URL passes the evidence URL policy: the validator reports a yes whose
 * only links are refused as missing its evidence, and the score must agree with it. A link whose
 * last check failed still counts (the validator only warns; the page may be down for a while).
 */
function hasUsableEvidence(items: readonly EvidenceItem[] | undefined): boolean {
  return items !== undefined && items.some((item) => checkEvidenceUrl(item.url).ok);
}

function indexOf(method: ScoringMethod, criteria: readonly CriterionScore[], totals: { indicators: number; met: number }): number {
  if (method.index.kind === 'shareOfIndicators') return totals.indicators === 0 ? 0 : totals.met / totals.indicators;
  let weighted = 0;
  let weights = 0;
  for (const criterion of criteria) {
    if (criterion.weight === undefined) continue;
    weighted += criterion.share * criterion.weight;
    weights += criterion.weight;
  }
  // Summing fractional weights leaves noise in the last bits (0.7500000000000001), which would move
  // a score that is exactly on a band boundary into the next level: drop it.
  return weights === 0 ? 0 : Math.min(1, Math.max(0, Math.round((weighted / weights) * 1e12) / 1e12));
}

function sum(criteria: readonly CriterionScore[], key: 'met' | 'yesWithoutEvidence' | 'notMet' | 'unanswered'): number {
  let total = 0;
  for (const c of criteria) total += c[key];
  return total;
}

/**
 * Works out, once per definition, which questions are indicators of the instrument and which
 * criterion each belongs to. An indicator question is a top-level question carrying at least one
 * code of the instrument (`LOSI #…` in a LOSI definition; codes of other instruments are
 * cross-references and are not scored); each such code is one indicator. Its criterion is its
 * section's `code`; sections sharing a code form one criterion.
 */
function layoutOf(definition: QuestionnaireDefinition): Layout | undefined {
  const cached = layouts.get(definition);
  if (cached !== undefined) return cached;
  const method = scoringMethodFor(definition);
  if (method === undefined) return undefined;

  const prefix = `${method.instrument.toUpperCase()} `;
  const ofInstrument = (codes: readonly string[]): string[] => codes.filter((code) => code.startsWith(prefix));
  const weights: Readonly<Record<string, number>> = method.index.kind === 'weightedCriteria' ? method.index.weights : {};
  const problems: string[] = [];
  const criteria: LayoutCriterion[] = [];
  const criterionIndex = new Map<string, number>();
  const indicators: LayoutIndicator[] = [];
  let conditional = false;

  for (const section of definition.sections) {
    let sectionHasIndicators = false;
    for (const question of section.questions) {
      if (question.type === 'group') {
        for (const sub of question.questions) {
          if (ofInstrument(sub.indicators).length > 0) problems.push(`${sub.id}: an indicator cannot sit inside the repeatable group ${question.id}`);
        }
      }
      const codes = ofInstrument(question.indicators);
      if (codes.length === 0) continue;
      if (question.type !== 'yesNo' && question.type !== 'yesNoNa') {
        problems.push(`${question.id}: an indicator question must be yes/no, but it is ${question.type}`);
        continue;
      }
      if (section.code === undefined) {
        problems.push(`${question.id}: its section ${section.id} has no criterion code`);
        continue;
      }
      let index = criterionIndex.get(section.code);
      if (index === undefined) {
        index = criteria.length;
        criterionIndex.set(section.code, index);
        criteria.push({ criterion: section.code, sectionId: section.id, weight: Object.hasOwn(weights, section.code) ? weights[section.code] : undefined });
      }
      sectionHasIndicators = true;
      if (question.relevant !== undefined) conditional = true;
      for (const code of codes) {
        indicators.push({ code, questionId: question.id, sectionId: section.id, criterion: section.code, criterionIndex: index, evidence: question.evidence });
      }
    }
    if (sectionHasIndicators && section.relevant !== undefined) conditional = true;
  }
  if (indicators.length === 0 && problems.length === 0) problems.push(`no question carries a ${prefix.trim()} indicator code`);
  if (method.index.kind === 'weightedCriteria' && indicators.length > 0 && !criteria.some((c) => c.weight !== undefined)) {
    problems.push(`none of the weighted criteria (${Object.keys(weights).join(', ')}) has an indicator`);
  }
  if (problems.length > 0) throw new ScoringDefinitionError(definition.id, problems);

  const layout: Layout = { method, indicators, criteria, conditional };
  layouts.set(definition, layout);
  return layout;
}

function isMap<T>(input: ReadonlyMap<string, T> | Readonly<Record<string, T>>): input is ReadonlyMap<string, T> {
  return input instanceof Map;
}

function reader<T>(input: ReadonlyMap<string, T> | Readonly<Record<string, T>>): (id: string) => T | undefined {
  if (isMap(input)) return (id) => input.get(id);
  // Own keys only: a question id such as "constructor" must not read the prototype.
  return (id) => (Object.hasOwn(input, id) ? input[id] : undefined);
}

function asMap(answers: AnswerInput): Answers {
  return isMap(answers) ? answers : new Map(Object.entries(answers));
}
