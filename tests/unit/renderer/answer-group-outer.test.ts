import { describe, expect, it } from 'vitest';
import { visibleLookup } from '../../../shared/engine/relevance';
import type { AnswerValue } from '../../../shared/schemas/answers';
import type { GroupQuestion, QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';
import { GroupOuterLookups, outerQuestionIds } from '../../../renderer/src/features/answering/group-outer';
import { loadBundledDefinition } from '../../helpers/bundled-definition';

/**
 * Issue 10 review, item 7: a repeatable group gets only the outside answers its rows' conditions
 * read, as a lookup that keeps its identity (so the memoised section and group skip re-rendering)
 * until one of those answers changes.
 */

/** The test questionnaire, with one more sub-question in C.1 shown only when A.2 (outside the group) is "yes". */
function withOuterCondition(): QuestionnaireDefinition {
  const base = loadBundledDefinition('test-all-types');
  const sections = base.sections.map((section) => ({
    ...section,
    questions: section.questions.map((question) =>
      question.type === 'group'
        ? ({ ...question, questions: [...question.questions, { id: 'strategyLink', type: 'url', label: 'Link to the strategy', relevant: { question: 'A.2', op: 'equals', value: 'yes' } }] } as GroupQuestion)
        : question,
    ),
  }));
  return { ...base, sections };
}

function group(definition: QuestionnaireDefinition, id: string): GroupQuestion {
  const found = definition.sections.flatMap((s) => s.questions).find((q) => q.id === id);
  if (found?.type !== 'group') throw new Error(`${id} is not a group`);
  return found;
}

const everything = (definition: QuestionnaireDefinition) => ({
  sections: new Set(definition.sections.map((s) => s.id)),
  questions: new Set(definition.sections.flatMap((s) => s.questions.map((q) => q.id))),
});

describe('what a repeatable group reads from outside', () => {
  it('lists the top-level questions its rows\' conditions name, never its own sub-questions', () => {
    // C.1's only condition ("How many?" after "yes") reads a sibling: nothing from outside.
    expect(outerQuestionIds(group(loadBundledDefinition('test-all-types'), 'C.1'))).toEqual([]);
    expect(outerQuestionIds(group(loadBundledDefinition('msq-2024'), 'A.6'))).toEqual([]);
    expect(outerQuestionIds(group(withOuterCondition(), 'C.1'))).toEqual(['A.2']);
  });

  it('keeps the same lookup (and the same per-section map) while the answers it reads do not change', () => {
    const definition = withOuterCondition();
    const lookups = new GroupOuterLookups(definition);
    const visibility = everything(definition);
    const at = (answers: Record<string, AnswerValue>) => lookups.forSection('C', visibleLookup(new Map(Object.entries(answers)), visibility));

    const first = at({ 'A.1': 'https://a.example' });
    expect(lookups.forSection('A', visibleLookup(new Map(), visibility))).toBeUndefined();
    // A keystroke in a question the group does not read: nothing new for the group.
    const second = at({ 'A.1': 'https://a.example/more' });
    expect(second).toBe(first);
    expect(second?.get('C.1')).toBe(first?.get('C.1'));
    expect(first?.get('C.1')?.('A.2')).toBeUndefined();

    // The answer its condition reads: a new lookup, which answers "yes" and nothing else.
    const third = at({ 'A.1': 'https://a.example/more', 'A.2': 'yes' });
    expect(third).not.toBe(second);
    expect(third?.get('C.1')?.('A.2')).toBe('yes');
    expect(third?.get('C.1')?.('A.1')).toBeUndefined();
    expect(at({ 'A.1': 'x', 'A.2': 'yes' })).toBe(third);
  });

  it('reads only shown answers: a hidden question counts as unanswered', () => {
    const definition = withOuterCondition();
    const lookups = new GroupOuterLookups(definition);
    const shown = everything(definition);
    const hidden = { sections: shown.sections, questions: new Set([...shown.questions].filter((id) => id !== 'A.2')) };
    const answers = new Map<string, AnswerValue>([['A.2', 'yes']]);
    expect(lookups.forSection('C', visibleLookup(answers, shown))?.get('C.1')?.('A.2')).toBe('yes');
    expect(lookups.forSection('C', visibleLookup(answers, hidden))?.get('C.1')?.('A.2')).toBeUndefined();
  });

  it('a group that reads nothing from outside keeps one lookup whatever is answered', () => {
    const definition = loadBundledDefinition('msq-2024');
    const lookups = new GroupOuterLookups(definition);
    const visibility = everything(definition);
    const ids = [...visibility.questions];
    const first = lookups.forSection('A', visibleLookup(new Map(), visibility));
    expect(first?.size).toBe(2);
    for (const [index, id] of ids.entries()) {
      expect(lookups.forSection('A', visibleLookup(new Map([[id, `answer ${String(index)}`]]), visibility))).toBe(first);
    }
  });
});
