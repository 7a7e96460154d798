import { describe, expect, it } from 'vitest';
import { QuestionnaireDefinitionError } from '../../../shared/errors';
import { loadQuestionnaireDefinition } from '../../../shared/questionnaire/load';
import { patternProblem } from '../../../shared/questionnaire/text-pattern';
import { date, definition, group, longText, multi, section, text, url, when, year, yesNo } from '../../helpers/builders';

function problemsOf(input: Record<string, unknown>) {
  try {
    loadQuestionnaireDefinition(input, 'rules.json');
  } catch (error) {
    if (error instanceof QuestionnaireDefinitionError) return error.problems.map((p) => `${p.path}: ${p.problem}`);
    throw error;
  }
  return [];
}

const rule = (extra: Record<string, unknown>) => ({ id: 'r1', severity: 'error', question: 'a', check: { question: 'a', op: 'answered' }, message: 'Fix it.', ...extra });
const base = [section('S', [yesNo('has'), year('a'), year('b'), date('d'), text('t'), multi('m', ['x', 'y'])])];

describe('definition rules', () => {
  it('accepts rules that refer to any question, earlier or later', () => {
    const input = definition(base, { rules: [rule({ question: 'a', check: { question: 'a', op: 'lte', otherQuestion: 'b' } }), rule({ id: 'r2', question: 'has', when: when('b', 2020), check: { question: 'has', op: 'answered' } })] });
    expect(problemsOf(input)).toEqual([]);
  });

  it('refuses a rule id used twice, an unknown question, and an unknown question in a condition', () => {
    const input = definition(base, { rules: [rule({}), rule({ question: 'zz' }), rule({ id: 'r3', check: { question: 'nope', op: 'answered' } })] });
    expect(problemsOf(input)).toEqual([
      'rules[1].id: rule id "r1" is used twice',
      'rules[1].question: the rule is shown at question "zz", which does not exist',
      'rules[2].check.question: refers to question "nope", which does not exist',
    ]);
  });

  it('refuses a severity other than error or warning, and a rule without a message', () => {
    expect(problemsOf(definition(base, { rules: [rule({ severity: 'info' })] }))[0]).toMatch(/^rules\[0\]\.severity/);
    const withoutMessage: Record<string, unknown> = rule({});
    delete withoutMessage.message;
    expect(problemsOf(definition(base, { rules: [withoutMessage] }))[0]).toMatch(/^rules\[0\]\.message/);
  });

  it('refuses comparisons between answers of different kinds, or ordered comparisons of choices', () => {
    expect(problemsOf(definition(base, { rules: [rule({ check: { question: 'a', op: 'lt', otherQuestion: 'd' } })] }))).toEqual([
      'rules[0].check: "a" (year) and "d" (date) hold different kinds of answer',
    ]);
    expect(problemsOf(definition(base, { rules: [rule({ check: { question: 'has', op: 'gt', otherQuestion: 'has' } })] }))[0]).toMatch(/needs numbers, years or dates/);
    expect(problemsOf(definition(base, { rules: [rule({ check: { question: 'm', op: 'equals', otherQuestion: 'm' } })] }))[0]).toMatch(/cannot be compared/);
  });

  it('keeps relevance to earlier questions, also for answer-to-answer comparisons', () => {
    const input = definition([section('S', [year('a'), year('b').showIf({ question: 'b', op: 'gt', otherQuestion: 'a' } as never), year('c').showIf({ question: 'a', op: 'gt', otherQuestion: 'd' } as never), year('d')])]);
    expect(problemsOf(input)).toEqual([
      'sections[0].questions[1].relevant: question "b" cannot depend on itself',
      'sections[0].questions[2].relevant.otherQuestion: refers to "d", which comes later; a condition may only refer to an earlier question',
    ]);
  });
});

describe('text lengths and patterns', () => {
  it('refuses a minimum length above the maximum', () => {
    expect(problemsOf(definition([section('S', [longText('t', { minLength: 20, maxLength: 10 })])]))).toEqual([
      'sections[0].questions[0].minLength: minLength (20) is greater than maxLength (10)',
    ]);
  });

  it('refuses patterns that do not compile, nest quantifiers or use back-references', () => {
    const withPattern = (regex: string) => definition([section('S', [text('t', { pattern: { regex, description: 'a code' } })])]);
    expect(problemsOf(withPattern('[A-Z]{2}-\\d{4}'))).toEqual([]);
    expect(problemsOf(withPattern('[unclosed'))[0]).toMatch(/not a valid regular expression/);
    expect(problemsOf(withPattern('(a+)+$'))[0]).toMatch(/nests quantifiers/);
    expect(problemsOf(withPattern('(\\w*)*'))[0]).toMatch(/nests quantifiers/);
    expect(problemsOf(withPattern('(x{1,5}){2,}'))[0]).toMatch(/nests quantifiers/);
    expect(problemsOf(withPattern('(a)\\1'))[0]).toMatch(/back-references/);
    expect(patternProblem('(?:ab)+')).toBeUndefined();
  });

  it('refuses evidence on a sub-question of a group', () => {
    expect(problemsOf(definition([section('S', [group('g', [url('u', { evidence: 'optional' })])])]))).toEqual([
      'sections[0].questions[0].questions[0].evidence: evidence belongs to the whole group "g", not to a sub-question',
    ]);
  });
});
