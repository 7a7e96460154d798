import type { AnswerValue } from '../../shared/schemas/answers';
import type { EvidenceItem } from '../../shared/schemas/evidence';
import type { QuestionnaireDefinition } from '../../shared/schemas/questionnaire';

/**
 * Hand-made answer sets for the OSI and LOSI self-assessments (issue 8). Every builder reads the
 * indicator questions straight from the definition (sections with a `code`, questions with
 * `indicators`), independently of shared/scoring, so tests of the scorer compare it with answers
 * whose outcome is known by construction rather than with its own logic.
 *
 * Usage:
 *   const losi = loadBundledDefinition('losi-2024');
 *   const { answers, evidence } = allMet(losi);                         // index 1, Very High
 *   mixedByCriterion(losi, { IF: 3, PE: 5 });                           // first 3 IF and 5 PE met, the rest "no"
 *   withOutcomes(losi, { 'LOSI.281': 'yesWithoutEvidence' }, 'unanswered');
 *   answerSet(losi, (ref) => (ref.criterion === 'TEC' ? 'met' : 'notMet'));
 *   answerRecords(allMet(losi));                                        // plain records, as in a submission
 */

/** What a fixture makes of one indicator: the statuses of shared/scoring/model.ts `IndicatorStatus`. */
export type IndicatorOutcome = 'met' | 'yesWithoutEvidence' | 'notMet' | 'unanswered';

/** One indicator question of a definition, as the fixtures see it. */
export interface IndicatorRef {
  readonly questionId: string;
  /** The first indicator code of the question, e.g. `LOSI #281`. */
  readonly code: string;
  /** The section's `code` (criterion or subindex), e.g. `IF`. */
  readonly criterion: string;
  readonly sectionId: string;
  /** 0-based position among the indicator questions of the same criterion, in definition order. */
  readonly indexInCriterion: number;
}

export interface AnswerSet {
  readonly answers: Map<string, AnswerValue>;
  readonly evidence: Map<string, EvidenceItem[]>;
}

/** The portal the context questions (`portal.url`, `portal.date`) are answered with. */
export const FIXTURE_PORTAL_URL = 'https://www.city.example/';
export const FIXTURE_ASSESSED_ON = '2024-05-02';

/** Indicator questions in definition order. Throws when an indicator sits in a section without a code. */
export function indicatorRefs(definition: QuestionnaireDefinition): IndicatorRef[] {
  const refs: IndicatorRef[] = [];
  const seen = new Map<string, number>();
  for (const section of definition.sections) {
    for (const question of section.questions) {
      const code = question.indicators[0];
      if (code === undefined) continue;
      if (section.code === undefined) throw new Error(`fixture: indicator question ${question.id} is in section ${section.id}, which has no code`);
      const indexInCriterion = seen.get(section.code) ?? 0;
      seen.set(section.code, indexInCriterion + 1);
      refs.push({ questionId: question.id, code, criterion: section.code, sectionId: section.id, indexInCriterion });
    }
  }
  return refs;
}

/** Number of indicator questions per criterion, in section order. */
export function indicatorCounts(definition: QuestionnaireDefinition): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ref of indicatorRefs(definition)) counts.set(ref.criterion, (counts.get(ref.criterion) ?? 0) + 1);
  return counts;
}

/** A well-formed evidence item for a question (a public https page, accessed on the assessment day). */
export function evidenceItem(questionId: string, n = 1): EvidenceItem {
  return {
    id: `ev-${questionId}-${String(n)}`,
    url: `https://www.city.example/evidence/${encodeURIComponent(questionId)}/${String(n)}`,
    title: `Evidence ${String(n)} for ${questionId}`,
    accessed: FIXTURE_ASSESSED_ON,
  };
}

/**
 * The general builder: each indicator question gets the answer (and evidence) of its outcome;
 * `met` = yes with one evidence item, `yesWithoutEvidence` = yes and no evidence, `notMet` = no,
 * `unanswered` = nothing stored. The portal context questions are answered when the definition has
 * them, so the set is also a plausible response for the export paths.
 */
export function answerSet(definition: QuestionnaireDefinition, outcomeOf: (ref: IndicatorRef) => IndicatorOutcome): AnswerSet {
  const answers = new Map<string, AnswerValue>();
  const evidence = new Map<string, EvidenceItem[]>();
  const ids = new Set(definition.sections.flatMap((s) => s.questions.map((q) => q.id)));
  if (ids.has('portal.url')) answers.set('portal.url', FIXTURE_PORTAL_URL);
  if (ids.has('portal.date')) answers.set('portal.date', FIXTURE_ASSESSED_ON);
  for (const ref of indicatorRefs(definition)) {
    const outcome = outcomeOf(ref);
    switch (outcome) {
      case 'met':
        answers.set(ref.questionId, 'yes');
        evidence.set(ref.questionId, [evidenceItem(ref.questionId)]);
        break;
      case 'yesWithoutEvidence':
        answers.set(ref.questionId, 'yes');
        break;
      case 'notMet':
        answers.set(ref.questionId, 'no');
        break;
      case 'unanswered':
        break;
    }
  }
  return { answers, evidence };
}

export const allMet = (definition: QuestionnaireDefinition): AnswerSet => answerSet(definition, () => 'met');
export const noneMet = (definition: QuestionnaireDefinition): AnswerSet => answerSet(definition, () => 'notMet');
export const allUnanswered = (definition: QuestionnaireDefinition): AnswerSet => answerSet(definition, () => 'unanswered');
export const allYesWithoutEvidence = (definition: QuestionnaireDefinition): AnswerSet => answerSet(definition, () => 'yesWithoutEvidence');

/**
 * The first `met[criterion]` indicators of each criterion met (definition order), every other
 * indicator `rest` (default: answered no). Criteria not named have none met.
 */
export function mixedByCriterion(
  definition: QuestionnaireDefinition,
  met: Readonly<Record<string, number>>,
  rest: IndicatorOutcome = 'notMet',
): AnswerSet {
  const counts = indicatorCounts(definition);
  for (const [criterion, n] of Object.entries(met)) {
    const total = counts.get(criterion);
    if (total === undefined) throw new Error(`fixture: ${definition.id} has no criterion ${criterion}`);
    if (n < 0 || n > total) throw new Error(`fixture: ${criterion} has ${String(total)} indicators, cannot meet ${String(n)}`);
  }
  return answerSet(definition, (ref) => (ref.indexInCriterion < (met[ref.criterion] ?? 0) ? 'met' : rest));
}

/** Named questions get the given outcomes, every other indicator `rest` (default: answered no). */
export function withOutcomes(
  definition: QuestionnaireDefinition,
  outcomes: Readonly<Record<string, IndicatorOutcome>>,
  rest: IndicatorOutcome = 'notMet',
): AnswerSet {
  const refs = indicatorRefs(definition);
  const known = new Set(refs.map((r) => r.questionId));
  for (const id of Object.keys(outcomes)) if (!known.has(id)) throw new Error(`fixture: ${id} is not an indicator question of ${definition.id}`);
  return answerSet(definition, (ref) => outcomes[ref.questionId] ?? rest);
}

/** The same set as plain records (the shape of a signed submission's `answers` and `evidence`). */
export function answerRecords(set: AnswerSet): { answers: Record<string, AnswerValue>; evidence: Record<string, EvidenceItem[]> } {
  return { answers: Object.fromEntries(set.answers), evidence: Object.fromEntries(set.evidence) };
}
