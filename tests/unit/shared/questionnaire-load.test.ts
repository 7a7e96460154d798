import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QuestionnaireDefinitionError } from '../../../shared/errors';
import { loadQuestionnaireDefinition, parseQuestionnaireJson, questionnaireJsonSchema } from '../../../shared/questionnaire/load';
import { QUESTION_TYPES } from '../../../shared/schemas/questionnaire';
import type { Question } from '../../../shared/schemas/questionnaire';
import { choice, definition, group, integer, multi, section, text, when, yesNo } from '../../helpers/builders';

const questionnairesDir = join(import.meta.dirname, '../../../questionnaires');

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(QuestionnaireDefinitionError);
    if (error instanceof QuestionnaireDefinitionError) return error.problems;
  }
  throw new Error('expected the definition to be refused');
}

describe('bundled questionnaires', () => {
  const folders = readdirSync(questionnairesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory());

  it('has at least one definition', () => {
    expect(folders.length).toBeGreaterThan(0);
  });

  for (const folder of folders) {
    it(`${folder.name}/questionnaire.json parses, and its id matches its folder`, () => {
      const file = join(questionnairesDir, folder.name, 'questionnaire.json');
      const parsed = parseQuestionnaireJson(readFileSync(file, 'utf8'), file);
      expect(parsed.id).toBe(folder.name);
    });
  }

  it('the test questionnaire uses every question type', () => {
    const file = join(questionnairesDir, 'test-all-types', 'questionnaire.json');
    const parsed = parseQuestionnaireJson(readFileSync(file, 'utf8'), file);
    const used = new Set<string>();
    const visit = (q: Question) => {
      used.add(q.type);
      if (q.type === 'group') q.questions.forEach(visit);
    };
    parsed.sections.forEach((s) => { s.questions.forEach(visit); });
    expect([...used].sort()).toEqual([...QUESTION_TYPES].sort());
  });
});

describe('malformed definitions are refused with file, path and problem', () => {
  it('names a missing required field', () => {
    const input = definition([section('A', [yesNo('A.1')])]);
    delete input.version;
    const problems = problemsOf(() => loadQuestionnaireDefinition(input, 'broken.json'));
    expect(problems).toContainEqual(expect.objectContaining({ file: 'broken.json', path: 'version' }));
  });

  it('names an unknown question type with its path', () => {
    const input = definition([section('A', [yesNo('A.1'), { ...text('A.2'), type: 'slider' }])]);
    const problems = problemsOf(() => loadQuestionnaireDefinition(input, 'broken.json'));
    expect(problems[0]?.path).toBe('sections[0].questions[1].type');
  });

  it('refuses a condition on a question that does not exist', () => {
    const input = definition([section('A', [yesNo('A.1'), text('A.2').showIf(when('A.9', 'yes'))])]);
    const problems = problemsOf(() => loadQuestionnaireDefinition(input, 'ref.json'));
    expect(problems).toEqual([
      { file: 'ref.json', path: 'sections[0].questions[1].relevant.question', problem: 'refers to question "A.9", which does not exist' },
    ]);
  });

  it('refuses a condition on a later question', () => {
    const input = definition([section('A', [text('A.1').showIf(when('A.2', 'yes')), yesNo('A.2')])]);
    const problems = problemsOf(() => loadQuestionnaireDefinition(input, 'order.json'));
    expect(problems[0]?.problem).toMatch(/comes later/);
  });

  it('refuses a question that depends on itself', () => {
    const input = definition([section('A', [yesNo('A.1').showIf(when('A.1', 'yes'))])]);
    expect(problemsOf(() => loadQuestionnaireDefinition(input, 'self.json'))[0]?.problem).toMatch(/itself/);
  });

  it('refuses duplicate question ids and option values', () => {
    const input = definition([section('A', [yesNo('A.1'), choice('A.2', ['x', 'x'])]), section('B', [yesNo('A.1')])]);
    const problems = problemsOf(() => loadQuestionnaireDefinition(input, 'dup.json'));
    expect(problems.map((p) => p.path)).toEqual(['sections[0].questions[1].options[1].value', 'sections[1].questions[0].id']);
  });

  it('refuses a value that is not an answer of the referenced question', () => {
    const input = definition([section('A', [yesNo('A.1'), text('A.2').showIf(when('A.1', 'maybe'))])]);
    expect(problemsOf(() => loadQuestionnaireDefinition(input, 'v.json'))[0]?.problem).toMatch(/"maybe" is not an answer of "A.1"/);
  });

  it('refuses an operator that does not fit the referenced question', () => {
    const numeric = definition([section('A', [text('A.1'), text('A.2').showIf({ question: 'A.1', op: 'gt', value: 3 })])]);
    expect(problemsOf(() => loadQuestionnaireDefinition(numeric, 'op.json'))[0]?.problem).toMatch(/needs a number or year/);
    const includes = definition([section('A', [multi('A.1', ['a']), text('A.2').showIf(when('A.1', 'a'))])]);
    expect(problemsOf(() => loadQuestionnaireDefinition(includes, 'op.json'))[0]?.problem).toMatch(/use "includes"/);
  });

  it('refuses evidence "required when yes" on a question that is not yes/no', () => {
    const input = definition([section('A', [text('A.1', { evidence: 'requiredWhenYes' })])]);
    expect(problemsOf(() => loadQuestionnaireDefinition(input, 'e.json'))[0]?.path).toBe('sections[0].questions[0].evidence');
  });

  it('refuses min above max', () => {
    const input = definition([section('A', [integer('A.1', { min: 10, max: 1 })])]);
    expect(problemsOf(() => loadQuestionnaireDefinition(input, 'r.json'))[0]?.problem).toMatch(/min \(10\) is greater than max \(1\)/);
  });

  it('checks sub-question conditions against their siblings', () => {
    const ok = definition([section('A', [group('A.1', [yesNo('has'), integer('count').showIf(when('has', 'yes'))])])]);
    expect(() => loadQuestionnaireDefinition(ok, 'g.json')).not.toThrow();
    const broken = definition([section('A', [group('A.1', [integer('count').showIf(when('nope', 'yes'))])])]);
    expect(problemsOf(() => loadQuestionnaireDefinition(broken, 'g.json'))[0]?.path).toBe('sections[0].questions[0].questions[0].relevant.question');
  });

  it('refuses text that is not JSON, naming the file', () => {
    const problems = problemsOf(() => parseQuestionnaireJson('{ "id": ', 'truncated.json'));
    expect(problems[0]).toMatchObject({ file: 'truncated.json', path: '' });
    expect(problems[0]?.problem).toMatch(/not valid JSON/);
  });

  it('puts every problem in the error message, one per line', () => {
    const input = definition([section('A', [yesNo('A.1'), text('A.2').showIf(when('A.9', 'yes'))])]);
    expect(() => loadQuestionnaireDefinition(input, 'ref.json')).toThrow(
      'ref.json: sections[0].questions[1].relevant.question: refers to question "A.9", which does not exist',
    );
  });
});

describe('JSON Schema export', () => {
  it('describes the definition format, including every question type', () => {
    const schema = JSON.stringify(questionnaireJsonSchema());
    for (const type of QUESTION_TYPES) expect(schema).toContain(`"const":"${type}"`);
    expect(schema).toContain('"schemaVersion"');
  });
});
