import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assessReadiness } from '../../../shared/engine/validation/readiness';
import { validateResponse } from '../../../shared/engine/validation/validator';
import { isAnswered } from '../../../shared/schemas/answers';
import { loadQuestionnaireDefinition } from '../../../shared/questionnaire/load';
import { sampleResponse, sampleResponses } from '../../../shared/sample';
import type { ResponseFile } from '../../../shared/submission/response-file';
import { parseResponseFile, responseFileText, responseParts } from '../../../shared/submission/response-file';
import type { QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';
import { loadBundledDefinition } from '../../helpers/bundled-definition';
import { choice, date, decimal, definition, email, group, integer, longText, multi, section, text, url, when, year, yesNo, yesNoNa } from '../../helpers/builders';
import { cleanTempDirs, cli, QUESTIONNAIRES, tempDir } from './helpers';

afterEach(cleanTempDirs);

const SEEDS = ['1', '2', 'seed-3', 'Montevideo', '2024-05-01'];

/** Everything "complete and valid" means, checked with the app's own engine. */
function expectCompleteAndValid(definition: QuestionnaireDefinition, response: ResponseFile): void {
  const { answers, evidence, acknowledged } = responseParts(response);
  const { visibility, findings } = validateResponse(definition, answers, evidence);
  expect(findings.filter((f) => f.severity === 'error'), `${definition.id} ${response.respondent.place}`).toStrictEqual([]);
  const readiness = assessReadiness(definition, answers, evidence, visibility, findings, acknowledged);
  expect(readiness.status).toBe('ready');
  for (const section of definition.sections) {
    for (const question of section.questions) {
      const shown = visibility.questions.has(question.id);
      // Complete: every shown question is answered; hidden ones carry nothing.
      expect(isAnswered(answers.get(question.id)), `${question.id} answered`).toBe(shown);
      if (!shown) expect(evidence.has(question.id)).toBe(false);
      if (shown && question.evidence === 'requiredWhenYes' && answers.get(question.id) === 'yes') expect(evidence.get(question.id)?.length).toBeGreaterThan(0);
      if (shown && question.type === 'group') expect((answers.get(question.id) as unknown[]).length).toBeGreaterThanOrEqual(Math.max(1, question.minRows));
    }
  }
  // Rules such as "not after the survey year" hold wherever they apply.
  for (const rule of definition.rules) {
    const { check } = rule;
    if ('op' in check && check.op === 'lte' && 'value' in check && visibility.questions.has(check.question)) expect(answers.get(check.question)).toBeLessThanOrEqual(check.value);
  }
  expect(response.respondent.kind).toBe(definition.respondentKind);
  expect(response.respondent.focalPointEmail).toMatch(/@[a-z0-9.-]+\.example$/);
  for (const items of evidence.values()) for (const item of items) expect(new URL(item.url).hostname).toMatch(/\.example$/);
}

describe('the sample generator', () => {
  it.each([...QUESTIONNAIRES, 'test-all-types'])('makes complete, valid responses for %s with 5 seeds', (id) => {
    const definition = loadBundledDefinition(id);
    for (const seed of SEEDS) expectCompleteAndValid(definition, sampleResponse(definition, { seed }));
  });

  it('is deterministic for a seed and never uses Math.random', () => {
    const definition = loadBundledDefinition('msq-2024');
    const spy = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random must not be used');
    });
    const first = responseFileText(sampleResponse(definition, { seed: 'abc' }));
    expect(responseFileText(sampleResponse(definition, { seed: 'abc' }))).toBe(first);
    expect(spy).not.toHaveBeenCalled();
  });

  it('gives different responses for different seeds', () => {
    const definition = loadBundledDefinition('lgq-2024');
    const texts = new Set(SEEDS.map((seed) => responseFileText(sampleResponse(definition, { seed }))));
    expect(texts.size).toBe(SEEDS.length);
  });

  it('makes N different respondents, the first being the single sample of the seed', () => {
    const definition = loadBundledDefinition('osi-2024');
    const many = sampleResponses(definition, 6, { seed: 'x' });
    expect(new Set(many.map((r) => r.respondent.place)).size).toBe(6);
    expect(new Set(many.map((r) => r.respondent.focalPointEmail)).size).toBe(6);
    expect(new Set(many.map((r) => r.responseId)).size).toBe(6);
    expect(responseFileText(many[0] as ResponseFile)).toBe(responseFileText(sampleResponse(definition, { seed: 'x' })));
    expect(() => sampleResponses(definition, 10_000, { seed: 'x' })).toThrow(RangeError);
  });

  it('is generic: patterns, cross-question and negated rules, sections shown by an answer, required evidence, minimum rows', () => {
    const input = definition(
      [
        section('A', [
          yesNo('A.1', { required: true, evidence: 'requiredWhenYes' }),
          text('A.2', { required: true, pattern: { regex: '[A-Z]{2}-\\d{4}', description: 'AB-1234' } }),
          year('A.3', { min: 2000, max: 2030 }),
          year('A.4', { min: 2000, max: 2030 }),
          integer('A.5', { min: 10, max: 20, evidence: 'required' }),
          decimal('A.6', { min: 0, max: 1 }),
          multi('A.7', ['a', 'b', 'c', 'd', 'other'], { minSelected: 2, maxSelected: 3 }),
          text('A.7.1').showIf({ question: 'A.7', op: 'includes', value: 'other' }),
          choice('A.8', ['x', 'y', 'z']),
          yesNoNa('A.9'),
          date('A.10', { min: '2023-01-01', max: '2024-12-31' }),
          email('A.11'),
          url('A.12'),
          longText('A.13', { minLength: 40, maxLength: 400 }),
        ]),
        section('B', [yesNo('B.1')], { relevant: when('A.1', 'yes') }),
        section('C', [group('C.1', [text('name', { required: true }), yesNo('has'), integer('count', { min: 1 }).showIf(when('has', 'yes'))], { minRows: 3, maxRows: 5 })]),
      ],
      {
        rules: [
          { id: 'r1', severity: 'error', question: 'A.4', check: { question: 'A.4', op: 'gte', otherQuestion: 'A.3' }, message: 'A.4 must not be before A.3' },
          { id: 'r2', severity: 'error', question: 'A.3', check: { question: 'A.3', op: 'lte', value: 2024 }, message: 'not after 2024' },
          { id: 'r3', severity: 'error', question: 'A.8', check: { not: { question: 'A.8', op: 'equals', value: 'z' } }, message: 'not z' },
          { id: 'r4', severity: 'warning', question: 'A.5', check: { question: 'A.5', op: 'gt', value: 50 }, message: 'cannot hold: a warning to acknowledge' },
        ],
      },
    );
    const parsed = loadQuestionnaireDefinition(input, 'inline');
    for (const seed of ['1', '2', '3', '4', '5', '6', '7', '8']) {
      const response = sampleResponse(parsed, { seed });
      expectCompleteAndValid(parsed, response);
      expect(response.answers['A.2']).toMatch(/^[A-Z]{2}-\d{4}$/);
      expect(response.acknowledgedWarnings).toStrictEqual(['A.5|question|rule:r4']);
    }
  });
});

describe('egov-desk sample', () => {
  it('writes the same bytes for the same seed, and a file that reads back', async () => {
    const dir = await tempDir();
    const a = await cli(dir, 'sample', '--questionnaire', 'msq-2024', '--seed', '42', '--out', 'a.json');
    const b = await cli(dir, 'sample', '--questionnaire', 'msq-2024', '--seed', '42', '--out', 'sub/b.json');
    expect(a).toMatchObject({ code: 0, stderr: '' });
    expect(b.code).toBe(0);
    const bytes = await readFile(path.join(dir, 'a.json'));
    expect(bytes.equals(await readFile(path.join(dir, 'sub/b.json')))).toBe(true);
    const file = parseResponseFile(new Uint8Array(bytes), 'a.json');
    expect(file.questionnaire).toMatchObject({ id: 'msq-2024', version: '1.0.0', contentHash: expect.stringMatching(/^sha256:/) as unknown });
  });

  it('--count 3 writes 3 files for 3 different respondents, named after their place', async () => {
    const dir = await tempDir();
    const result = await cli(dir, 'sample', '--questionnaire', 'lgq-2024', '--seed', 's', '--count', '3', '--out', 'many');
    expect(result.code).toBe(0);
    const names = (await readdir(path.join(dir, 'many'))).sort();
    expect(names).toHaveLength(3);
    for (const name of names) expect(name).toMatch(/^[a-z0-9-]+-lgq-2024\.json$/);
    const files = await Promise.all(names.map(async (name) => parseResponseFile(new Uint8Array(await readFile(path.join(dir, 'many', name))), name)));
    expect(new Set(files.map((f) => f.respondent.place)).size).toBe(3);
    expect(files.every((f) => f.respondent.kind === 'city')).toBe(true);
  });

  it.each([
    [['--questionnaire', 'nope', '--seed', '1', '--out', 'x.json'], "unknown questionnaire 'nope'"],
    [['--questionnaire', 'msq-2024', '--out', 'x.json'], "option '--seed' is required"],
    [['--questionnaire', 'msq-2024', '--seed', '1'], "option '--out' is required"],
    [['--questionnaire', 'msq-2024', '--seed', '1', '--count', '0', '--out', 'x'], '--count must be a whole number from 1 to'],
    [['--questionnaire', 'msq-2024', '--seed', '1', '--count', '2.5', '--out', 'x'], '--count must be a whole number'],
    [['--questionnaire', 'msq-2024', '--seed', '1', '--count', '999', '--out', 'x'], 'there are 42 different countries'],
  ])('refuses %j', async (args, message) => {
    const dir = await tempDir();
    const result = await cli(dir, 'sample', ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
