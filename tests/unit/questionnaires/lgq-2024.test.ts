import { describe, expect, it } from 'vitest';
import { loadBundledDefinition, everyQuestion, textOf, expectCleanQuestions, expectSensibleNumbers } from '../../helpers/bundled-definition';
import type { Condition, QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';

const load = (): QuestionnaireDefinition => loadBundledDefinition('lgq-2024');

/** The eight LGQ sections, in order, with their 2024 names (shared/reference/lgq-2024-structure.md). */
const SECTIONS: readonly (readonly [id: string, title: string])[] = [
  ['1', 'Institutional Framework'],
  ['2', 'Legal Framework'],
  ['3', 'Strategy and Implementation'],
  ['4', 'Usage of Online Services'],
  ['5', 'User Satisfaction'],
  ['6', 'Social Media'],
  ['7', 'Crisis/Emergency Situations'],
  ['8', 'Smart City and New Technologies'],
];

/**
 * Every LOSI code shared/reference/lgq-2024-structure.md maps to an LGQ question. The reference also
 * gives #238 for the strategy question as a 2022 item; in the 2024 list #238 is the smart-city
 * indicator, which is where the definition uses it.
 */
const REFERENCE_LOSI_CODES: readonly string[] = [
  '281', '215', '216', '242', '283',
  '234', '224', '236', '272', '275',
  '238', '291', '282', '299', '231', '290', '243',
  '222', '289', '204', '225b',
  '293', '294',
  '273', '271',
  '218',
  '239', '270b',
];

const losi = (code: string) => `LOSI #${code}`;

function referencedIds(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(referencedIds);
  if ('any' in condition) return condition.any.flatMap(referencedIds);
  if ('not' in condition) return referencedIds(condition.not);
  return [condition.question];
}

describe('lgq-2024 questionnaire', () => {
  const definition = load();
  const questions = everyQuestion(definition);
  const byId = new Map(questions.map((q) => [q.id, q]));

  it('loads as the 2024 Local Government Questionnaire for a city', () => {
    expect(definition.id).toBe('lgq-2024');
    expect(definition.edition).toBe('2024');
    expect(definition.languages).toEqual(['en']);
    expect(definition.respondentKind).toBe('city');
    expect(definition.instrument).toBe('lgq');
    expect(textOf(definition.provenanceNote)).toMatch(/reconstruct/);
    for (const source of definition.sources) if (source.url !== undefined) expect(source.url).toMatch(/^https?:\/\//);
  });

  it('has the respondent block, then exactly the eight sections in order with their titles', () => {
    const [respondent, ...rest] = definition.sections;
    expect(respondent?.id).toBe('respondent');
    expect(rest.map((s) => [s.id, textOf(s.title)])).toEqual(SECTIONS);
    expect(textOf(definition.sections.find((s) => s.id === '7')?.description)).toMatch(/COVID-19/);
  });

  it('asks in the respondent block only for what the app does not record, including the portal address', () => {
    const respondent = definition.sections[0];
    expect(respondent?.questions.some((q) => q.type === 'email')).toBe(false);
    expect(respondent?.questions.find((q) => q.type === 'url')?.indicators).toEqual([losi('281')]);
    expect(respondent?.questions.some((q) => q.type === 'date')).toBe(true);
  });

  it('gives every question and sub-question a provenance, a unique id and a plain-text label', () => {
    expectCleanQuestions(questions);
  });

  it('uses only LOSI codes the reference maps to LGQ questions', () => {
    const allowed = new Set(REFERENCE_LOSI_CODES.map(losi));
    const used = questions.flatMap((q) => q.indicators);
    expect(used.length).toBeGreaterThan(0);
    for (const code of used) expect(allowed, code).toContain(code);
    expect(byId.get('2.2')?.indicators).toEqual([losi('234')]);
    expect(byId.get('2.3')?.indicators).toEqual([losi('224')]);
    expect(byId.get('8.1')?.indicators).toEqual([losi('238')]);
  });

  it('asks each local rule as yes/no/not applicable with evidence, then title, year adopted and link when yes', () => {
    for (const id of ['2.2', '2.3', '2.4', '2.5']) {
      expect(byId.get(id)?.type, id).toBe('yesNoNa');
      expect(byId.get(id)?.evidence, id).toBe('requiredWhenYes');
      const types = [1, 2, 3].map((n) => byId.get(`${id}.${String(n)}`)?.type);
      expect(types, id).toEqual(['shortText', 'year', 'url']);
      for (const n of [1, 2, 3]) {
        expect(byId.get(`${id}.${String(n)}`)?.relevant, id).toEqual({ question: id, op: 'equals', value: 'yes' });
      }
    }
  });

  it('makes every numbered follow-up depend on the question it belongs to', () => {
    let checked = 0;
    for (const q of questions) {
      if (q.relevant === undefined) continue;
      const owners = referencedIds(q.relevant);
      if (!owners.some((id) => q.id.startsWith(`${id}.`))) {
        // Not a numbered follow-up (e.g. 3.2 shown when 3.1 is yes): it must still refer to an earlier top-level id.
        expect(owners.every((id) => byId.has(id)), q.id).toBe(true);
        continue;
      }
      checked += 1;
      for (const id of owners) expect(q.id.startsWith(`${id}.`), q.id).toBe(true);
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('puts "evidence required when yes" on every yes/no question mapped to a LOSI code', () => {
    for (const q of questions.filter((c) => c.indicators.length > 0 && (c.type === 'yesNo' || c.type === 'yesNoNa'))) {
      expect(q.evidence, q.id).toBe('requiredWhenYes');
      expect(q.guidance?.what, q.id).toBeDefined();
    }
  });

  it('keeps numbers sensible: counts from 0, percentages 0-100, years bounded', () => {
    expectSensibleNumbers(questions);
  });
});
