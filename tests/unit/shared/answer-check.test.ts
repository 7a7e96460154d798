import { describe, expect, it } from 'vitest';
import { checkAnswer, isIsoDate } from '../../../shared/engine/answer-check';
import type { AnswerValue } from '../../../shared/schemas/answers';
import { scalarQuestionSchema } from '../../../shared/schemas/questionnaire';
import { choice, date, decimal, email, integer, longText, multi, text, url, year, yesNo, yesNoNa } from '../../helpers/builders';

const q = (input: Record<string, unknown>) => scalarQuestionSchema.parse(input);

describe('checkAnswer', () => {
  const cases: [string, Record<string, unknown>, AnswerValue, string | undefined][] = [
    ['yes/no accepts yes', yesNo('q'), 'yes', undefined],
    ['yes/no refuses na', yesNo('q'), 'na', 'notAnOption'],
    ['yes/no/na accepts na', yesNoNa('q'), 'na', undefined],
    ['single choice refuses an unknown option', choice('q', ['a', 'b']), 'c', 'notAnOption'],
    ['multiple choice accepts known options', multi('q', ['a', 'b']), ['a', 'b'], undefined],
    ['multiple choice enforces maxSelected', multi('q', ['a', 'b'], { maxSelected: 1 }), ['a', 'b'], 'tooManySelected'],
    ['short text over its limit', text('q', { maxLength: 3 }), 'abcd', 'tooLong'],
    ['long text within its limit', longText('q'), 'fine', undefined],
    ['integer keeps typed text and reports it', integer('q'), '12a', 'notANumber'],
    ['integer refuses a fraction', integer('q'), 1.5, 'notAWholeNumber'],
    ['integer below min', integer('q', { min: 0 }), -1, 'belowMin'],
    ['decimal above max', decimal('q', { max: 100 }), 100.5, 'aboveMax'],
    ['year with three digits', year('q'), 999, 'notAYear'],
    ['year out of range', year('q', { max: 2030 }), 2031, 'aboveMax'],
    ['date that does not exist', date('q'), '2023-02-30', 'notADate'],
    ['date before min', date('q', { min: '2000-01-01' }), '1999-12-31', 'belowMin'],
    ['e-mail', email('q'), 'focal.point@gov.example', undefined],
    ['e-mail without domain', email('q'), 'focal.point@', 'notAnEmail'],
    ['https URL', url('q'), 'https://www.gov.example/portal', undefined],
    ['javascript: URL', url('q'), 'javascript:alert(1)', 'notAUrl'],
    ['URL without scheme', url('q'), 'www.gov.example', 'notAUrl'],
  ];
  for (const [name, question, value, expected] of cases) {
    it(name, () => {
      expect(checkAnswer(q(question), value)?.code).toBe(expected);
    });
  }

  it('knows real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-1')).toBe(false);
  });
});
