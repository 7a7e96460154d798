import { describe, expect, it } from 'vitest';
import { loadQuestionnaireDefinition } from '../../../shared/questionnaire/load';
import type { AnswerValue } from '../../../shared/schemas/answers';
import type { EvidenceItem } from '../../../shared/schemas/evidence';
import { evidenceKey, validateResponse, Validator } from '../../../shared/engine/validation/validator';
import type { Finding } from '../../../shared/engine/validation/findings';
import type { Built } from '../../helpers/builders';
import { choice, date, decimal, definition, email, group, integer, longText, multi, section, text, url, when, year, yesNo, yesNoNa } from '../../helpers/builders';

const load = (input: Record<string, unknown>) => loadQuestionnaireDefinition(input, 'test.json');
const answersOf = (entries: Record<string, AnswerValue>) => new Map(Object.entries(entries));
const codes = (findings: readonly Finding[]) => findings.map((f) => `${f.severity}:${f.problem.code}`);

function evidence(url: string, extra: Partial<EvidenceItem> = {}): EvidenceItem {
  return { id: `e-${url}`, url, title: 'Page', accessed: '2024-05-01', ...extra };
}

describe('validation per question type', () => {
  // [name, question, a valid answer, an invalid answer, the invalid answer's code]
  const cases: [string, Built, AnswerValue, AnswerValue, string][] = [
    ['yes/no', yesNo('q'), 'no', 'maybe', 'notAnOption'],
    ['yes/no/not applicable', yesNoNa('q'), 'na', 'maybe', 'notAnOption'],
    ['single choice', choice('q', ['a', 'b']), 'b', 'z', 'notAnOption'],
    ['multiple choice', multi('q', ['a', 'b', 'c'], { maxSelected: 2 }), ['a', 'c'], ['a', 'b', 'c'], 'tooManySelected'],
    ['multiple choice minimum', multi('q', ['a', 'b', 'c'], { minSelected: 2 }), ['a', 'b'], ['a'], 'tooFewSelected'],
    ['short text length', text('q', { maxLength: 5 }), 'short', 'too long', 'tooLong'],
    ['short text minimum length', text('q', { minLength: 3 }), 'abc', 'ab', 'tooShort'],
    ['short text pattern', text('q', { pattern: { regex: '[A-Z]{2}-\\d{4}', description: 'two capitals, a dash and four digits' } }), 'AB-1234', 'ab-12', 'patternMismatch'],
    ['long text', longText('q', { maxLength: 10 }), 'fine', 'x'.repeat(11), 'tooLong'],
    ['integer', integer('q', { min: 0, max: 10 }), 7, 11, 'aboveMax'],
    ['integer typed as text', integer('q'), 7, '7 people', 'notANumber'],
    ['decimal', decimal('q', { min: 0 }), 0.5, -0.5, 'belowMin'],
    ['year', year('q', { min: 1990, max: 2024 }), 2020, 2031, 'aboveMax'],
    ['date', date('q', { max: '2024-12-31' }), '2024-06-30', '2025-01-01', 'aboveMax'],
    ['impossible date', date('q'), '2024-02-29', '2023-02-29', 'notADate'],
    ['e-mail', email('q'), 'focal.point@gov.example', 'focal.point', 'notAnEmail'],
    ['URL', url('q'), 'https://gov.example/', 'javascript:alert(1)', 'notAUrl'],
  ];
  for (const [name, question, valid, invalid, code] of cases) {
    it(`${name}: accepts a valid answer, reports an invalid one as an error, and a blank required one as missing`, () => {
      const def = load(definition([section('S', [question])]));
      expect(validateResponse(def, answersOf({ q: valid })).findings).toEqual([]);
      const bad = validateResponse(def, answersOf({ q: invalid })).findings;
      expect(codes(bad)).toEqual([`error:${code}`]);
      expect(bad[0]).toMatchObject({ sectionId: 'S', questionId: 'q', place: { kind: 'question' } });
      expect(validateResponse(def, answersOf({})).findings).toEqual([]);
      const required = load(definition([section('S', [{ ...question, required: true }])]));
      expect(codes(validateResponse(required, answersOf({})).findings)).toEqual(['error:required']);
    });
  }

  it('a group: required, row count limits, and each visible cell of each row', () => {
    const def = load(
      definition([
        section('S', [
          group('g', [text('name', { required: true }), yesNo('online'), url('link').showIf(when('online', 'yes'))], { required: true, minRows: 2, maxRows: 3 }),
        ]),
      ]),
    );
    expect(codes(validateResponse(def, answersOf({})).findings)).toEqual(['error:required']);
    const rows = [
      { rowId: 'r1', answers: { name: 'Health', online: 'yes', link: 'not a link' } },
      { rowId: 'r2', answers: { online: 'no', link: 'ignored: hidden in this row' } },
    ];
    const findings = validateResponse(def, answersOf({ g: rows })).findings;
    expect(findings.map((f) => [f.problem.code, f.place])).toEqual([
      ['notAUrl', { kind: 'cell', rowId: 'r1', rowIndex: 0, subQuestionId: 'link' }],
      ['required', { kind: 'cell', rowId: 'r2', rowIndex: 1, subQuestionId: 'name' }],
    ]);
    expect(codes(validateResponse(def, answersOf({ g: [rows[0] as never] })).findings)).toContain('error:tooFewRows');
  });
});

describe('relevance and validation', () => {
  const def = load(
    definition([
      section('S', [yesNo('has'), year('since', { required: true, max: 2024 }).showIf(when('has', 'yes'))]),
      section('T', [integer('count', { required: true })], { relevant: when('has', 'yes') }),
    ]),
  );

  it('does not validate an answer to a hidden question, and keeps it', () => {
    const answers = answersOf({ has: 'no', since: 3000 });
    const result = validateResponse(def, answers);
    expect(result.findings).toEqual([]);
    expect(answers.get('since')).toBe(3000);
  });

  it('validates it again once the question is shown again', () => {
    const validator = new Validator(def, answersOf({ has: 'no', since: 3000 }));
    validator.update(answersOf({ has: 'yes', since: 3000 }), new Map(), ['has']);
    expect(codes(validator.findings())).toEqual(['error:aboveMax', 'error:required']);
    expect(validator.visibility().sections.has('T')).toBe(true);
  });

  it('drops the findings of a section that is hidden', () => {
    const validator = new Validator(def, answersOf({ has: 'yes' }));
    expect(validator.findings().map((f) => f.questionId)).toEqual(['since', 'count']);
    validator.update(answersOf({ has: 'no' }), new Map(), ['has']);
    expect(validator.findings()).toEqual([]);
  });
});

describe('declared rules across questions', () => {
  const rules = [
    // "year adopted must not be after the survey year"
    { id: 'adoptedBySurveyYear', severity: 'error', question: 'adopted', check: { question: 'adopted', op: 'lte', value: 2024 }, message: 'The year adopted cannot be after 2024.' },
    // "if the strategy exists its URL is required"
    { id: 'linkWhenExists', severity: 'error', question: 'link', when: when('exists', 'yes'), check: { question: 'link', op: 'answered' }, message: 'Give the link to the strategy.' },
    // Comparing two answers.
    { id: 'updatedAfterAdopted', severity: 'error', question: 'updated', check: { question: 'updated', op: 'gte', otherQuestion: 'adopted' }, message: 'The last update cannot be before adoption.' },
    // A warning, with all/any/not.
    {
      id: 'staffPlausible',
      severity: 'warning',
      question: 'staff',
      when: { all: [when('exists', 'yes'), { not: { question: 'kind', op: 'equals', value: 'small' } }] },
      check: { any: [{ question: 'staff', op: 'gte', value: 3 }, { question: 'kind', op: 'in', value: ['pilot'] }] },
      message: 'Fewer than 3 staff is unusual; check the number.',
    },
  ];
  const def = load(
    definition(
      [section('S', [yesNo('exists'), year('adopted'), year('updated'), url('link'), choice('kind', ['small', 'large', 'pilot']), integer('staff')])],
      { rules },
    ),
  );
  const run = (answers: Record<string, AnswerValue>) => validateResponse(def, answersOf(answers)).findings.map((f) => `${f.severity}:${f.questionId}:${f.problem.code === 'rule' ? f.problem.ruleId : f.problem.code}`);

  const table: [string, Record<string, AnswerValue>, string[]][] = [
    ['a constant bound holds', { adopted: 2020 }, []],
    ['a constant bound fails', { adopted: 2025 }, ['error:adopted:adoptedBySurveyYear']],
    ['a bound on a blank answer says nothing', {}, []],
    ['"when" holds and the required link is missing', { exists: 'yes' }, ['error:link:linkWhenExists']],
    ['"when" holds and the link is there', { exists: 'yes', link: 'https://gov.example/strategy' }, []],
    ['"when" does not hold', { exists: 'no' }, []],
    ['two answers in order', { adopted: 2018, updated: 2022 }, []],
    ['two answers out of order', { adopted: 2022, updated: 2018 }, ['error:updated:updatedAfterAdopted']],
    ['comparison with one side blank', { updated: 2018 }, []],
    ['a warning rule fails', { exists: 'yes', link: 'https://gov.example/', kind: 'large', staff: 1 }, ['warning:staff:staffPlausible']],
    ['a warning rule holds through "any"', { exists: 'yes', link: 'https://gov.example/', kind: 'pilot', staff: 1 }, []],
    ['a warning rule excluded by "not"', { exists: 'yes', link: 'https://gov.example/', kind: 'small', staff: 1 }, []],
  ];
  for (const [name, answers, expected] of table) {
    it(name, () => {
      expect(run(answers)).toEqual(expected);
    });
  }

  it('carries the definition\'s own message', () => {
    const [finding] = validateResponse(def, answersOf({ adopted: 2030 })).findings;
    expect(finding?.problem).toEqual({ code: 'rule', ruleId: 'adoptedBySurveyYear', message: 'The year adopted cannot be after 2024.' });
  });

  it('does not report a rule at a hidden question', () => {
    const hidden = load(
      definition([section('S', [yesNo('exists'), year('adopted').showIf(when('exists', 'yes'))])], {
        rules: [rules[0]],
      }),
    );
    expect(validateResponse(hidden, answersOf({ exists: 'no', adopted: 2030 })).findings).toEqual([]);
    expect(validateResponse(hidden, answersOf({ exists: 'yes', adopted: 2030 })).findings).toHaveLength(1);
  });
});

describe('evidence', () => {
  const def = load(
    definition([
      section('S', [
        yesNo('law', { evidence: 'requiredWhenYes' }),
        integer('portals', { evidence: 'required' }),
        text('notes', { evidence: 'optional' }),
      ]),
    ]),
  );
  const run = (answers: Record<string, AnswerValue>, items: Record<string, EvidenceItem[]>) =>
    codes(validateResponse(def, answersOf(answers), new Map(Object.entries(items))).findings);

  it('requires a link for a yes under "required when yes", and for any answer under "required"', () => {
    expect(run({ law: 'yes', portals: 3 }, {})).toEqual(['error:evidenceRequired', 'error:evidenceRequired']);
    expect(run({ law: 'no' }, {})).toEqual([]);
    expect(run({ law: 'yes', portals: 3 }, { law: [evidence('https://gov.example/law')], portals: [evidence('https://gov.example/portals')] })).toEqual([]);
  });

  it('reports a stored URL that breaks the policy as an error, which does not count as evidence', () => {
    expect(run({ law: 'yes' }, { law: [evidence('javascript:alert(1)')] })).toEqual(['error:evidenceRequired', 'error:evidenceUrlRefused']);
  });

  it('warns about duplicates, local addresses and links that failed their check', () => {
    const items = [
      evidence('https://gov.example/a'),
      { ...evidence('https://gov.example/a/#part'), id: 'second' },
      evidence('http://intranet/doc'),
      evidence('https://gov.example/gone', { check: { status: 'broken', httpStatus: 404, checkedAt: 1 } }),
      evidence('https://gov.example/ok', { check: { status: 'ok', httpStatus: 200, checkedAt: 1 } }),
    ];
    expect(run({ notes: 'x' }, { notes: items })).toEqual(['warning:evidenceDuplicate', 'warning:evidenceLocal', 'warning:linkProblem']);
  });

  it('ignores the evidence of a hidden question but keeps it', () => {
    const hidden = load(definition([section('S', [yesNo('a'), yesNo('b', { evidence: 'requiredWhenYes' }).showIf(when('a', 'yes'))])]));
    const items = new Map([['b', [evidence('javascript:void(0)')]]]);
    expect(validateResponse(hidden, answersOf({ a: 'no', b: 'yes' }), items).findings).toEqual([]);
    expect(items.get('b')).toHaveLength(1);
  });
});

describe('incremental re-evaluation', () => {
  // 200 independent questions, a chain of three dependent ones, and one rule.
  const independent = Array.from({ length: 200 }, (_, i) => integer(`n${String(i)}`, { required: true }));
  const def = load(
    definition(
      [
        section('A', [yesNo('root'), yesNo('mid').showIf(when('root', 'yes')), text('leaf').showIf(when('mid', 'yes'))]),
        section('B', independent),
      ],
      { rules: [{ id: 'r', severity: 'warning', question: 'n0', check: { question: 'n0', op: 'lte', otherQuestion: 'n1' }, message: 'n0 above n1' }] },
    ),
  );

  it('evaluates every unit once when it starts', () => {
    const validator = new Validator(def, new Map());
    expect(validator.evaluations).toBe(3 + 200 + 1);
  });

  it('re-evaluates only the changed question when nothing depends on it', () => {
    const validator = new Validator(def, new Map());
    const before = validator.evaluations;
    validator.update(answersOf({ n150: 4 }), new Map(), ['n150']);
    expect(validator.evaluations - before).toBe(1);
  });

  it('re-evaluates the question and the rules that read it', () => {
    const validator = new Validator(def, new Map());
    const before = validator.evaluations;
    validator.update(answersOf({ n1: 4 }), new Map(), ['n1']);
    expect(validator.evaluations - before).toBe(2);
  });

  it('re-evaluates what its relevance decides, transitively, and nothing else', () => {
    const validator = new Validator(def, answersOf({ root: 'yes', mid: 'yes' }));
    const before = validator.evaluations;
    validator.update(answersOf({ root: 'no', mid: 'yes' }), new Map(), ['root']);
    expect(validator.evaluations - before).toBe(3);
    expect(validator.visibility().questions.has('leaf')).toBe(false);
  });

  it('re-evaluates one question when its evidence changes', () => {
    const validator = new Validator(def, new Map());
    const before = validator.evaluations;
    validator.update(new Map(), new Map([['n7', [evidence('https://gov.example/')]]]), [evidenceKey('n7')]);
    expect(validator.evaluations - before).toBe(1);
  });

  it('ends where a full evaluation ends, whatever the order of changes', () => {
    const validator = new Validator(def, new Map());
    let answers = new Map<string, AnswerValue>();
    const steps: [string, AnswerValue][] = [['root', 'yes'], ['mid', 'yes'], ['leaf', 'x'.repeat(600)], ['n0', 5], ['n1', 2], ['root', 'no'], ['n1', 9]];
    for (const [id, value] of steps) {
      answers = new Map(answers).set(id, value);
      validator.update(answers, new Map(), [id]);
      expect(codes(validator.findings())).toEqual(codes(validateResponse(def, answers).findings));
    }
  });
});
