import { conditionQuestions } from '../../../../shared/engine/relevance';
import type { AnswerLookup } from '../../../../shared/engine/relevance';
import type { AnswerValue } from '../../../../shared/schemas/answers';
import type { GroupQuestion, QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';

/**
 * What a repeatable group's rows read from outside the group: the answers (shown questions only)
 * of the top-level questions its sub-questions' conditions name, and nothing else.
 *
 * The answer screen used to hand every group one lookup over all answers, rebuilt on every change,
 * so each keystroke anywhere re-rendered every group (and, on the one-page layout, every section
 * holding one). Here each group gets a lookup that stays the same object until one of the answers
 * it reads changes; most groups read none and keep one lookup for the whole session.
 */

/** Top-level question ids a group's row conditions read (its own sub-questions left out). */
export function outerQuestionIds(group: GroupQuestion): readonly string[] {
  const own = new Set(group.questions.map((q) => q.id));
  const read = new Set<string>();
  for (const sub of group.questions) if (sub.relevant) conditionQuestions(sub.relevant, read);
  return [...read].filter((id) => !own.has(id)).sort();
}

interface Entry {
  readonly values: readonly (AnswerValue | undefined)[];
  readonly lookup: AnswerLookup;
}

/** Lookups per group, per section: `byGroup` maps group ids to their lookups. */
export type SectionGroupLookups = ReadonlyMap<string, AnswerLookup>;

export class GroupOuterLookups {
  /** Section id → group id → outer ids read. */
  private readonly reads: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  private readonly entries = new Map<string, Entry>();
  private readonly sections = new Map<string, SectionGroupLookups>();

  constructor(definition: QuestionnaireDefinition) {
    const reads = new Map<string, ReadonlyMap<string, readonly string[]>>();
    for (const section of definition.sections) {
      const groups = new Map<string, readonly string[]>();
      for (const question of section.questions) if (question.type === 'group') groups.set(question.id, outerQuestionIds(question));
      if (groups.size > 0) reads.set(section.id, groups);
    }
    this.reads = reads;
  }

  /**
   * The group lookups of one section (undefined for a section without a group), from `visible`, a
   * lookup over the shown questions' current answers. The same Map object as last time while no
   * answer any of its groups reads changed, and each group's lookup the same function as last time
   * while none of its own did: memoised components below skip.
   */
  forSection(sectionId: string, visible: AnswerLookup): SectionGroupLookups | undefined {
    const groups = this.reads.get(sectionId);
    if (!groups) return undefined;
    let changed = !this.sections.has(sectionId);
    const next = new Map<string, AnswerLookup>();
    for (const [groupId, ids] of groups) {
      const values = ids.map((id) => visible(id));
      const before = this.entries.get(groupId);
      if (before && sameValues(before.values, values)) {
        next.set(groupId, before.lookup);
        continue;
      }
      const frozen = new Map(ids.map((id, index) => [id, values[index]]));
      const lookup: AnswerLookup = (id) => frozen.get(id);
      this.entries.set(groupId, { values, lookup });
      next.set(groupId, lookup);
      changed = true;
    }
    if (changed) this.sections.set(sectionId, next);
    return this.sections.get(sectionId);
  }
}

/** Answers are replaced, never changed in place (the store's rule), so identity says "unchanged". */
function sameValues(a: readonly (AnswerValue | undefined)[], b: readonly (AnswerValue | undefined)[]): boolean {
  return a.length === b.length && a.every((value, index) => Object.is(value, b[index]));
}
