import type { Answers } from '../../schemas/answers';
import { isAnswered } from '../../schemas/answers';
import type { EvidenceByQuestion, EvidenceItem } from '../../schemas/evidence';
import type { Condition, QuestionnaireDefinition, Rule } from '../../schemas/questionnaire';
import type { AnswerLookup, Visibility } from '../relevance';
import { evaluateCondition } from '../relevance';
import type { DependencyGraph, PlacedQuestion, PlacedSection } from './dependency-graph';
import { buildDependencyGraph, questionUnitDeps, ruleUnitDeps } from './dependency-graph';
import type { Finding } from './findings';
import { makeFinding } from './findings';
import { checkQuestionAnswer, checkQuestionEvidence } from './question-checks';

export { evidenceKey } from './dependency-graph';

const NO_EVIDENCE: readonly EvidenceItem[] = [];

/** One piece of validation: a question's own checks, or one declared rule. */
interface Unit {
  readonly questionId: string;
  readonly deps: ReadonlySet<string>;
  readonly evaluate: (state: UnitState) => Finding[];
}

interface UnitState {
  readonly answers: Answers;
  readonly evidence: EvidenceByQuestion;
  readonly visible: ReadonlySet<string>;
  readonly lookup: AnswerLookup;
}

/**
 * The validation engine for one open response. It is built once per definition and then told
 * which answers (question ids) or evidence lists (`evidenceKey(id)`) changed; it re-decides the
 * visibility of the questions that depend on them and re-evaluates only the units whose inputs
 * include a changed key. Typing in one field of a 300-question form costs a handful of
 * evaluations, not 300. `evaluations` counts them, for tests and benchmarks.
 *
 * Hidden questions are neither validated nor reported, but their answers stay where they are (the
 * caller's maps are never modified), so showing a question again brings its answer and findings back.
 */
export class Validator {
  private readonly graph: DependencyGraph;
  private readonly units: readonly Unit[];
  private readonly unitsByDep = new Map<string, number[]>();
  private readonly unitsByQuestion = new Map<string, number[]>();
  private readonly results: Finding[][];
  /** Sections and questions by their position in definition order. */
  private readonly atPosition: (PlacedSection | PlacedQuestion)[] = [];
  private readonly visibleSections = new Set<string>();
  private readonly visibleQuestions = new Set<string>();
  private answers: Answers;
  private evidence: EvidenceByQuestion;
  private cachedFindings: readonly Finding[] | undefined;
  private cachedVisibility: Visibility | undefined;
  /** Number of unit evaluations since construction (the first full pass included). */
  evaluations = 0;

  constructor(definition: QuestionnaireDefinition, answers: Answers, evidence: EvidenceByQuestion = new Map()) {
    this.graph = buildDependencyGraph(definition);
    this.answers = answers;
    this.evidence = evidence;
    this.units = compileUnits(definition, this.graph);
    this.units.forEach((unit, index) => {
      for (const dep of unit.deps) pushTo(this.unitsByDep, dep, index);
      pushTo(this.unitsByQuestion, unit.questionId, index);
    });
    this.results = this.units.map(() => []);
    for (const placed of [...this.graph.sections, ...this.graph.questions]) this.atPosition[placed.position] = placed;
    for (const placed of this.atPosition) this.decide(placed);
    this.units.forEach((_, index) => { this.evaluateUnit(index); });
  }

  /**
   * Takes the new answers and evidence and the keys that changed between the previous ones and
   * these (question ids and `evidenceKey(id)`s). Returns the questions whose findings were
   * re-evaluated, so a UI can refresh just those.
   */
  update(answers: Answers, evidence: EvidenceByQuestion, changed: Iterable<string>): ReadonlySet<string> {
    this.answers = answers;
    this.evidence = evidence;
    const keys = [...changed];
    const positions = new Set<number>();
    for (const key of keys) for (const position of this.graph.visibilityDependents.get(key) ?? []) positions.add(position);
    let visibilityChanged = false;
    for (const position of [...positions].sort((a, b) => a - b)) {
      const placed = this.atPosition[position];
      if (placed) visibilityChanged = this.decide(placed) || visibilityChanged;
    }
    if (visibilityChanged) this.cachedVisibility = undefined;

    const units = new Set<number>();
    for (const key of keys) for (const unit of this.unitsByDep.get(key) ?? []) units.add(unit);
    const touched = new Set<string>();
    for (const unit of units) {
      this.evaluateUnit(unit);
      const questionId = this.units[unit]?.questionId;
      if (questionId !== undefined) touched.add(questionId);
    }
    if (units.size > 0) this.cachedFindings = undefined;
    return touched;
  }

  visibility(): Visibility {
    this.cachedVisibility ??= { sections: new Set(this.visibleSections), questions: new Set(this.visibleQuestions) };
    return this.cachedVisibility;
  }

  /** Every finding, in definition order (a question's own findings, then its rules'). */
  findings(): readonly Finding[] {
    this.cachedFindings ??= this.results.flat();
    return this.cachedFindings;
  }

  /** Findings shown at one question. */
  findingsAt(questionId: string): readonly Finding[] {
    return (this.unitsByQuestion.get(questionId) ?? []).flatMap((index) => this.results[index] ?? []);
  }

  private lookup: AnswerLookup = (id) => (this.visibleQuestions.has(id) ? this.answers.get(id) : undefined);

  /** Re-decides whether one section or question is shown; true when that changed. */
  private decide(placed: PlacedSection | PlacedQuestion): boolean {
    if (!('question' in placed)) {
      const { section } = placed;
      return setMembership(this.visibleSections, section.id, !section.relevant || evaluateCondition(section.relevant, this.lookup));
    }
    const { section, question } = placed;
    const shown = this.visibleSections.has(section.id) && (!question.relevant || evaluateCondition(question.relevant, this.lookup));
    return setMembership(this.visibleQuestions, question.id, shown);
  }

  private evaluateUnit(index: number): void {
    const unit = this.units[index];
    if (!unit) return;
    this.evaluations += 1;
    this.results[index] = unit.evaluate({ answers: this.answers, evidence: this.evidence, visible: this.visibleQuestions, lookup: this.lookup });
  }
}

function compileUnits(definition: QuestionnaireDefinition, graph: DependencyGraph): Unit[] {
  const rulesAt = new Map<string, Rule[]>();
  for (const rule of definition.rules) {
    const list = rulesAt.get(rule.question);
    if (list) list.push(rule);
    else rulesAt.set(rule.question, [rule]);
  }
  const units: Unit[] = [];
  for (const { section, question } of graph.questions) {
    units.push({
      questionId: question.id,
      deps: questionUnitDeps(graph, question),
      evaluate: ({ answers, evidence, visible, lookup }) => {
        if (!visible.has(question.id)) return [];
        const value = answers.get(question.id);
        return [
          ...checkQuestionAnswer(question, section.id, value, lookup),
          ...checkQuestionEvidence(question, section.id, value, evidence.get(question.id) ?? NO_EVIDENCE),
        ];
      },
    });
    for (const rule of rulesAt.get(question.id) ?? []) {
      units.push({ questionId: question.id, deps: ruleUnitDeps(graph, rule), evaluate: (state) => evaluateRule(rule, section.id, state) });
    }
  }
  return units;
}

function evaluateRule(rule: Rule, sectionId: string, { visible, lookup }: UnitState): Finding[] {
  if (!visible.has(rule.question)) return [];
  if (rule.when && !evaluateCondition(rule.when, lookup)) return [];
  // A comparison with a blank answer says nothing yet: "required" reports blanks.
  for (const id of comparedQuestions(rule.check)) if (!isAnswered(lookup(id))) return [];
  if (evaluateCondition(rule.check, lookup)) return [];
  return [makeFinding(rule.severity, sectionId, rule.question, { kind: 'question' }, { code: 'rule', ruleId: rule.id, message: rule.message })];
}

/** Questions a condition compares (every leaf but `answered` / `notAnswered`). */
function comparedQuestions(condition: Condition, into: Set<string> = new Set()): Set<string> {
  if ('all' in condition) for (const c of condition.all) comparedQuestions(c, into);
  else if ('any' in condition) for (const c of condition.any) comparedQuestions(c, into);
  else if ('not' in condition) comparedQuestions(condition.not, into);
  else if (condition.op !== 'answered' && condition.op !== 'notAnswered') {
    into.add(condition.question);
    if ('otherQuestion' in condition) into.add(condition.otherQuestion);
  }
  return into;
}

function pushTo(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function setMembership(set: Set<string>, id: string, member: boolean): boolean {
  if (set.has(id) === member) return false;
  if (member) set.add(id);
  else set.delete(id);
  return true;
}

/** One-shot validation for the command line and the main process. */
export function validateResponse(
  definition: QuestionnaireDefinition,
  answers: Answers,
  evidence: EvidenceByQuestion = new Map(),
): { readonly visibility: Visibility; readonly findings: readonly Finding[] } {
  const validator = new Validator(definition, answers, evidence);
  return { visibility: validator.visibility(), findings: validator.findings() };
}
