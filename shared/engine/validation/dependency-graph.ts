import type { Condition, QuestionnaireDefinition, Rule, Section, Question } from '../../schemas/questionnaire';
import { conditionQuestions } from '../relevance';

/**
 * Dependencies in a definition, computed once when a definition is opened. A question's visibility
 * depends on the questions its (and its section's) condition reads, and, because a hidden answer
 * counts as unanswered, on whatever decides *their* visibility: the closure. Validation units
 * depend on the answers they read plus the visibility closure of each, so a change re-evaluates
 * exactly the units whose outcome it can alter.
 */

/** Dependency key of a question's evidence list (question ids never contain ":"). */
export function evidenceKey(questionId: string): string {
  return `evidence:${questionId}`;
}

export interface PlacedQuestion {
  readonly section: Section;
  readonly question: Question;
  /** Position in definition order, shared with sections so both can be processed in one pass. */
  readonly position: number;
}

export interface PlacedSection {
  readonly section: Section;
  readonly position: number;
  /** Questions whose answers (or visibility) decide whether the section is shown. */
  readonly visibilityDeps: ReadonlySet<string>;
}

export interface DependencyGraph {
  readonly sections: readonly PlacedSection[];
  readonly questions: readonly PlacedQuestion[];
  readonly byId: ReadonlyMap<string, PlacedQuestion>;
  /** Closure of what decides each question's visibility (section condition included). */
  readonly visibilityDeps: ReadonlyMap<string, ReadonlySet<string>>;
  /** Reverse index: a changed question id → positions of sections and questions to re-decide. */
  readonly visibilityDependents: ReadonlyMap<string, readonly number[]>;
}

export function buildDependencyGraph(definition: QuestionnaireDefinition): DependencyGraph {
  const sections: PlacedSection[] = [];
  const questions: PlacedQuestion[] = [];
  const byId = new Map<string, PlacedQuestion>();
  const visibilityDeps = new Map<string, ReadonlySet<string>>();
  const closureOf = (condition: Condition | undefined): Set<string> => {
    const deps = new Set<string>();
    if (!condition) return deps;
    for (const id of conditionQuestions(condition)) {
      deps.add(id);
      for (const inner of visibilityDeps.get(id) ?? []) deps.add(inner);
    }
    return deps;
  };

  let position = 0;
  for (const section of definition.sections) {
    const sectionDeps = closureOf(section.relevant);
    sections.push({ section, position: position++, visibilityDeps: sectionDeps });
    for (const question of section.questions) {
      const deps = closureOf(question.relevant);
      for (const id of sectionDeps) deps.add(id);
      visibilityDeps.set(question.id, deps);
      const placed = { section, question, position: position++ };
      questions.push(placed);
      byId.set(question.id, placed);
    }
  }

  const dependents = new Map<string, number[]>();
  const add = (id: string, at: number) => {
    const list = dependents.get(id);
    if (list) list.push(at);
    else dependents.set(id, [at]);
  };
  for (const placed of sections) for (const id of placed.visibilityDeps) add(id, placed.position);
  for (const placed of questions) for (const id of visibilityDeps.get(placed.question.id) ?? []) add(id, placed.position);
  return { sections, questions, byId, visibilityDeps, visibilityDependents: dependents };
}

/** What a question's own validation reads: its answer, its evidence, and its visibility inputs. */
export function questionUnitDeps(graph: DependencyGraph, question: Question): Set<string> {
  const deps = new Set<string>([question.id, evidenceKey(question.id), ...(graph.visibilityDeps.get(question.id) ?? [])]);
  if (question.type === 'group') {
    // Sub-question conditions may read top-level answers (through `outer`).
    for (const sub of question.questions) {
      if (!sub.relevant) continue;
      for (const id of conditionQuestions(sub.relevant)) {
        if (!graph.byId.has(id)) continue;
        deps.add(id);
        for (const inner of graph.visibilityDeps.get(id) ?? []) deps.add(inner);
      }
    }
  }
  return deps;
}

/** What a rule reads: the questions in `when` and `check`, the question it is shown at, and their visibility inputs. */
export function ruleUnitDeps(graph: DependencyGraph, rule: Rule): Set<string> {
  const read = conditionQuestions(rule.check);
  if (rule.when) conditionQuestions(rule.when, read);
  read.add(rule.question);
  const deps = new Set<string>();
  for (const id of read) {
    deps.add(id);
    for (const inner of graph.visibilityDeps.get(id) ?? []) deps.add(inner);
  }
  return deps;
}
