import { describe, expect, it } from 'vitest';
import { loadBundledDefinition } from '../../helpers/bundled-definition';
import type { Question, QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';

const load = (): QuestionnaireDefinition => loadBundledDefinition('losi-2024');

/**
 * The 95 LOSI 2024 indicator codes per criterion, transcribed from
 * shared/reference/losi-2024-indicators.md (third-party extraction of the Local E-Government Toolkit).
 */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  IF: ['281', '215', '216', '224', '236', '242'],
  CP: [
    '212', '217', '218', '220', '221', '222', '223', '226', '227', '228', '229', '230', '231', '232', '233',
    '238', '239', '243', '282', '283', '284', '285', '289', '290', '291', '292', '293', '294', '295', '296',
  ],
  SP: [
    '253', '254', '255', '256', '257', '258', '259', '260', '261', '262', '263', '264', '265', '266', '268',
    '269a', '269b', '286', '287', '297', '298', '299',
  ],
  PE: ['250', '252', '219', '236', '267', '270b', '271', '272', '274', '275', '276', '277', '278', '279', '280'],
  EGL: ['206', '225a', '225b', '234', '237', '240', '241', '245', '270a', '273'],
  TEC: ['214', '201', '202', '204', '205', '207', '208', '209', '210', '246', '247', '288'],
};

const COUNTS = { IF: 6, CP: 30, SP: 22, PE: 15, EGL: 10, TEC: 12 } as const;

/**
 * The reference gives #236 to two different indicators: the open-data policy (IF) and open-data
 * provision (PE). It flags the IF code as probably mis-extracted but keeps it, so both questions
 * carry #236 until the official instrument confirms the right code. No other code may repeat.
 */
const LISTED_TWICE = ['LOSI #236'];

const codeOf = (q: Question): string | undefined => q.indicators[0];
const isIndicator = (q: Question): boolean => q.indicators.length > 0;
const allQuestions = (d: QuestionnaireDefinition): Question[] => d.sections.flatMap((s) => s.questions);
const indicatorQuestions = (d: QuestionnaireDefinition): Question[] => allQuestions(d).filter(isIndicator);

describe('losi-2024 questionnaire', () => {
  const definition = load();

  it('loads as the LOSI 2024 self-assessment for a city', () => {
    expect(definition.id).toBe('losi-2024');
    expect(definition.edition).toBe('2024');
    expect(definition.instrument).toBe('losi');
    expect(definition.respondentKind).toBe('city');
    expect(definition.provenance).toBe('mixed');
    expect(definition.provenanceNote).toBeDefined();
  });

  it('starts with a portal section that asks for the portal address', () => {
    const first = definition.sections[0];
    expect(first?.code).toBeUndefined();
    const url = first?.questions.find((q) => q.type === 'url');
    expect(url?.required).toBe(true);
  });

  it('has exactly 95 indicator questions', () => {
    expect(indicatorQuestions(definition)).toHaveLength(95);
  });

  it('has one section per criterion, in order, with the expected number of indicators', () => {
    const coded = definition.sections.filter((s) => s.code !== undefined);
    expect(coded.map((s) => s.code)).toEqual(Object.keys(COUNTS));
    for (const section of coded) {
      const expected = COUNTS[section.code as keyof typeof COUNTS];
      expect(section.questions.filter(isIndicator), section.code).toHaveLength(expected);
    }
  });

  it('holds exactly the reference codes, each in its criterion', () => {
    for (const [code, expected] of Object.entries(EXPECTED)) {
      const section = definition.sections.find((s) => s.code === code);
      const actual = (section?.questions ?? []).filter(isIndicator).map(codeOf);
      expect(actual, code).toEqual(expected.map((c) => `LOSI #${c}`));
    }
    const all = new Set(indicatorQuestions(definition).map(codeOf));
    const expectedAll = new Set(Object.values(EXPECTED).flat().map((c) => `LOSI #${c}`));
    expect(all).toEqual(expectedAll);
    expect(expectedAll.size).toBe(94); // 95 indicators, #236 listed twice
  });

  it('repeats no indicator code except the one the reference lists twice', () => {
    const seen = new Map<string, number>();
    for (const q of indicatorQuestions(definition)) {
      const code = codeOf(q) ?? '';
      seen.set(code, (seen.get(code) ?? 0) + 1);
    }
    const repeated = [...seen].filter(([, n]) => n > 1).map(([code]) => code);
    expect(repeated).toEqual(LISTED_TWICE);
    const both = indicatorQuestions(definition).filter((q) => codeOf(q) === 'LOSI #236');
    expect(both.map((q) => q.id)).toEqual(['LOSI.236-IF', 'LOSI.236-PE']);
    for (const q of both) expect(q.help).toBeDefined();
  });

  it('gives each indicator question one code, yes/no, evidence when yes, guidance and a provenance', () => {
    for (const q of indicatorQuestions(definition)) {
      expect(q.indicators, q.id).toHaveLength(1);
      expect(q.type, q.id).toBe('yesNo');
      expect(q.evidence, q.id).toBe('requiredWhenYes');
      expect(q.guidance?.what, q.id).toBeDefined();
      expect(q.guidance?.why, q.id).toBeDefined();
      expect(q.guidance?.how, q.id).toBeDefined();
      expect(['third-party-copy', 'reconstructed'], q.id).toContain(q.provenance);
      expect(q.id, q.id).toMatch(/^LOSI\.\d{3}[ab]?(-IF|-PE)?$/);
    }
  });

  it('gives every question a provenance and a plain-text label', () => {
    for (const q of allQuestions(definition)) {
      expect(q.provenance, q.id).toBeDefined();
      expect(typeof q.label, q.id).toBe('string');
      expect(q.label, q.id).not.toMatch(/<[a-z/]|\*\*|\]\(/i);
    }
  });

  it('has conditional follow-ups that carry no indicator code', () => {
    const followUps = allQuestions(definition).filter((q) => q.relevant !== undefined);
    expect(followUps.length).toBeGreaterThanOrEqual(3);
    for (const q of followUps) expect(q.indicators, q.id).toEqual([]);
    const languages = followUps.find((q) => q.id === 'LOSI.212.languages');
    expect(languages?.type).toBe('shortText');
    expect(languages?.relevant).toEqual({ question: 'LOSI.212', op: 'equals', value: 'yes' });
  });
});
