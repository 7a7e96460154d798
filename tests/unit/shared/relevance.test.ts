import { describe, expect, it } from 'vitest';
import { computeVisibility, evaluateCondition, visibleRowQuestions } from '../../../shared/engine/relevance';
import { progressBySection, totalProgress } from '../../../shared/engine/progress';
import type { AnswerValue } from '../../../shared/schemas/answers';
import type { Condition } from '../../../shared/schemas/questionnaire';
import { loadQuestionnaireDefinition } from '../../../shared/questionnaire/load';
import { definition, group, integer, multi, section, text, when, yesNo, year } from '../../helpers/builders';

const lookup = (answers: Record<string, AnswerValue>) => (id: string) => answers[id];

describe('evaluateCondition', () => {
  const cases: [string, Condition, Record<string, AnswerValue>, boolean][] = [
    ['equals, matching', { question: 'a', op: 'equals', value: 'yes' }, { a: 'yes' }, true],
    ['equals, other value', { question: 'a', op: 'equals', value: 'yes' }, { a: 'no' }, false],
    ['equals, unanswered', { question: 'a', op: 'equals', value: 'yes' }, {}, false],
    ['notEquals, other value', { question: 'a', op: 'notEquals', value: 'yes' }, { a: 'no' }, true],
    ['notEquals, unanswered stays false', { question: 'a', op: 'notEquals', value: 'yes' }, {}, false],
    ['in', { question: 'a', op: 'in', value: ['x', 'y'] }, { a: 'y' }, true],
    ['notIn', { question: 'a', op: 'notIn', value: ['x', 'y'] }, { a: 'z' }, true],
    ['includes', { question: 'a', op: 'includes', value: 'web' }, { a: ['sms', 'web'] }, true],
    ['includes, absent', { question: 'a', op: 'includes', value: 'web' }, { a: ['sms'] }, false],
    ['gt', { question: 'n', op: 'gt', value: 3 }, { n: 4 }, true],
    ['gte, equal', { question: 'n', op: 'gte', value: 3 }, { n: 3 }, true],
    ['lt on unparsed text is false', { question: 'n', op: 'lt', value: 3 }, { n: '2x' }, false],
    ['lte', { question: 'n', op: 'lte', value: 3 }, { n: 3 }, true],
    ['answered', { question: 'a', op: 'answered' }, { a: 'text' }, true],
    ['answered, blank text', { question: 'a', op: 'answered' }, { a: '   ' }, false],
    ['notAnswered', { question: 'a', op: 'notAnswered' }, {}, true],
    ['all', { all: [when('a', 'yes'), when('b', 'no')] }, { a: 'yes', b: 'no' }, true],
    ['all, one false', { all: [when('a', 'yes'), when('b', 'no')] }, { a: 'yes', b: 'yes' }, false],
    ['any', { any: [when('a', 'yes'), when('b', 'no')] }, { a: 'no', b: 'no' }, true],
    ['not', { not: when('a', 'yes') }, { a: 'no' }, true],
  ];
  for (const [name, condition, answers, expected] of cases) {
    it(name, () => {
      expect(evaluateCondition(condition, lookup(answers))).toBe(expected);
    });
  }
});

describe('computeVisibility', () => {
  const def = loadQuestionnaireDefinition(
    definition([
      section('A', [
        yesNo('A.1'),
        text('A.2').showIf(when('A.1', 'yes')),
        yesNo('A.3').showIf(when('A.1', 'yes')),
        year('A.4').showIf(when('A.3', 'yes')),
      ]),
      section('B', [multi('B.1', ['web', 'other']), text('B.2').showIf({ question: 'B.1', op: 'includes', value: 'other' })]),
      section('C', [integer('C.1')], { relevant: when('A.1', 'no') }),
    ]),
    'test.json',
  );

  it('shows unconditional questions and hides conditional ones before any answer', () => {
    const v = computeVisibility(def, new Map());
    expect([...v.questions]).toEqual(['A.1', 'B.1']);
    expect([...v.sections]).toEqual(['A', 'B']);
  });

  it('shows a question when its condition holds', () => {
    const v = computeVisibility(def, new Map([['A.1', 'yes']]));
    expect(v.questions.has('A.2')).toBe(true);
    expect(v.questions.has('A.3')).toBe(true);
  });

  it('treats the answer of a hidden question as unanswered, so its dependants hide too', () => {
    // A.3 was answered "yes" while shown; A.1 then changed to "no". A.3 is hidden, so A.4 hides as well,
    // but the stored answers are untouched.
    const answers = new Map<string, AnswerValue>([['A.1', 'no'], ['A.3', 'yes'], ['A.4', 2020]]);
    const v = computeVisibility(def, answers);
    expect(v.questions.has('A.3')).toBe(false);
    expect(v.questions.has('A.4')).toBe(false);
    expect(answers.get('A.4')).toBe(2020);
  });

  it('shows and hides whole sections', () => {
    expect(computeVisibility(def, new Map([['A.1', 'no']])).sections.has('C')).toBe(true);
    const v = computeVisibility(def, new Map<string, AnswerValue>([['A.1', 'yes'], ['C.1', 5]]));
    expect(v.sections.has('C')).toBe(false);
    expect(v.questions.has('C.1')).toBe(false);
  });

  it('supports includes on multiple choice', () => {
    expect(computeVisibility(def, new Map([['B.1', ['web', 'other']]])).questions.has('B.2')).toBe(true);
  });

  it('counts progress over visible questions only', () => {
    const answers = new Map<string, AnswerValue>([['A.1', 'yes'], ['A.2', 'Strategy'], ['C.1', 3]]);
    const v = computeVisibility(def, answers);
    const bySection = progressBySection(def, answers, v);
    expect(bySection.get('A')).toEqual({ answered: 2, total: 3 });
    expect(bySection.has('C')).toBe(false);
    expect(totalProgress(bySection)).toEqual({ answered: 2, total: 4 });
  });
});

describe('visibleRowQuestions', () => {
  const def = loadQuestionnaireDefinition(
    definition([section('A', [yesNo('A.0'), group('A.1', [yesNo('has'), integer('count').showIf(when('has', 'yes')), text('note').showIf(when('A.0', 'yes'))])])]),
    'g.json',
  );
  const groupQuestion = def.sections[0]?.questions[1];
  if (groupQuestion?.type !== 'group') throw new Error('fixture');

  it('evaluates sibling conditions per row, and top-level ones through the outer lookup', () => {
    const outer = lookup({ 'A.0': 'yes' });
    expect([...visibleRowQuestions(groupQuestion.questions, { rowId: 'r1', answers: { has: 'yes' } }, outer)]).toEqual(['has', 'count', 'note']);
    expect([...visibleRowQuestions(groupQuestion.questions, { rowId: 'r2', answers: { has: 'no' } }, lookup({}))]).toEqual(['has']);
  });
});

describe('answered values', () => {
  it('counts a group as answered only once a row holds an answer, but keeps empty rows', async () => {
    const { isAnswered, isEmptyValue } = await import('../../../shared/schemas/answers');
    const emptyRow = [{ rowId: 'r1', answers: {} }];
    expect(isAnswered(emptyRow)).toBe(false);
    expect(isEmptyValue(emptyRow)).toBe(false);
    expect(isAnswered([{ rowId: 'r1', answers: { name: ' ' } }])).toBe(false);
    expect(isAnswered([{ rowId: 'r1', answers: { name: 'Health' } }])).toBe(true);
    expect(isEmptyValue('  ')).toBe(true);
    expect(isEmptyValue([])).toBe(true);
    expect(isEmptyValue(0)).toBe(false);
  });
});
