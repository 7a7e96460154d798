import { describe, expect, it } from 'vitest';
import { loadBundledDefinition, everyQuestion, textOf, expectCleanQuestions, expectSensibleNumbers } from '../../helpers/bundled-definition';
import type { Question, QuestionnaireDefinition, ScalarQuestion } from '../../../shared/schemas/questionnaire';

const load = (): QuestionnaireDefinition => loadBundledDefinition('msq-2024');

/**
 * Every OSI code that shared/reference/msq-2024-structure.md maps to an MSQ question (respondent
 * block, sections A and B, likely further sections), written as in shared/reference/osi-indicators.md.
 * A definition may use a subset; it may not use anything else.
 */
const REFERENCE_OSI_CODES: readonly string[] = [
  // Section A
  '302', '037', '029', '028', '030',
  '090', '103', '119', '132', '161', '172',
  '010', '337', '342', '339', '338', '014', '340', '341', '345', '336', '343', '344', '017',
  // Section B (related SMS alerts)
  '095b', '108b', '124b', '137b', '166b', '177b',
  // Likely further sections
  '088', '095a', '108a', '124a', '137a', '166a', '177a',
  '033', '034', '193', '303', '323',
  '143', '144', '145', '146', '147', '148', '036a', '036b',
  '009a',
];

/** One row per reference row of section A with a direct code: the question id and its codes. */
const SECTION_A_CODES: Readonly<Record<string, readonly string[]>> = {
  'A.3': ['302'],
  'A.4': ['037'],
  'A.5': ['029', '028', '030'],
  'A.6': ['090', '103', '119', '132', '161', '172'],
  'A.8': ['337'],
  'A.9': ['342'],
  'A.10': ['339'],
  'A.11': ['338'],
  'A.12': ['340'],
  'A.13': ['341'],
  'A.14': ['345'],
  'A.15': ['336'],
  'A.16': ['343'],
  'A.17': ['344'],
  'A.18': ['017'],
};

/** Laws, policies and strategies of section A: "Is there …?" then title, year adopted and link. */
const POLICY_QUESTIONS = ['A.9', 'A.10', 'A.11', 'A.12', 'A.13', 'A.14', 'A.15', 'A.16', 'A.17'] as const;

const SECTOR_VALUES = ['health', 'education', 'employment', 'social-protection', 'environment', 'justice'];

const osi = (code: string) => `OSI #${code}`;
const parentOf = (id: string): string | undefined => (id.includes('.') ? id.slice(0, id.lastIndexOf('.')) : undefined);
const isYesNo = (q: Question): boolean => q.type === 'yesNo' || q.type === 'yesNoNa';

/** Every question and sub-question, in order. */
interface Scoped {
  readonly question: Question;
  /** The questions a condition of this one may refer to: earlier top-level ones, and earlier siblings in its group. */
  readonly earlier: ReadonlyMap<string, Question>;
}

function withScope(d: QuestionnaireDefinition): Scoped[] {
  const out: Scoped[] = [];
  const declared = new Map<string, Question>();
  for (const section of d.sections) {
    for (const q of section.questions) {
      out.push({ question: q, earlier: new Map(declared) });
      if (q.type === 'group') {
        const siblings = new Map(declared);
        for (const sub of q.questions) {
          out.push({ question: sub, earlier: new Map(siblings) });
          siblings.set(sub.id, sub);
        }
      }
      declared.set(q.id, q);
    }
  }
  return out;
}

function findQuestion(d: QuestionnaireDefinition, id: string): Question | undefined {
  return everyQuestion(d).find((q) => q.id === id);
}

describe('msq-2024 questionnaire', () => {
  const definition = load();
  const questions = everyQuestion(definition);

  it('loads as the 2024 Member States Questionnaire for a country', () => {
    expect(definition.id).toBe('msq-2024');
    expect(definition.edition).toBe('2024');
    expect(definition.version).toBe('1.0.0');
    expect(definition.languages).toEqual(['en']);
    expect(definition.respondentKind).toBe('country');
    expect(definition.instrument).toBe('msq');
    expect(definition.provenance).toBe('mixed');
    expect(textOf(definition.provenanceNote)).toMatch(/reconstructed/);
    expect(definition.sources.length).toBeGreaterThan(0);
    for (const source of definition.sources) if (source.url !== undefined) expect(source.url).toMatch(/^https?:\/\//);
  });

  it('starts with the respondent block, then the lettered sections A and B with their recorded titles', () => {
    expect(definition.sections.map((s) => s.id)).toEqual(['respondent', 'A', 'B', 'C', 'D', 'E', 'F', 'G']);
    const [respondent, a, b] = definition.sections;
    expect(textOf(respondent?.title)).toBe('Respondent');
    expect(textOf(a?.title)).toBe('A. Institutional / Organizational Framework');
    expect(textOf(b?.title)).toMatch(/^B\. Crisis\/Emergency/);
    for (const s of definition.sections.slice(1)) expect(textOf(s.title), s.id).toMatch(new RegExp(`^${s.id}\\. `));
  });

  it('asks in the respondent block only for what the app does not record when a response is created', () => {
    const respondent = definition.sections[0];
    const labels = respondent?.questions.map((q) => textOf(q.label).toLowerCase()) ?? [];
    expect(respondent?.questions.some((q) => q.type === 'email')).toBe(false);
    expect(labels.some((l) => l.includes('title') || l.includes('position'))).toBe(true);
    expect(labels.some((l) => l.includes('telephone') || l.includes('phone'))).toBe(true);
    expect(labels.some((l) => l.includes('heads the authority'))).toBe(true);
    expect(respondent?.questions.some((q) => q.type === 'url' && !q.required)).toBe(true);
  });

  it('requires the national portal address', () => {
    const portal = findQuestion(definition, 'A.1');
    expect(portal?.required).toBe(true);
    expect(portal?.type).toBe('group');
    if (portal?.type === 'group') {
      expect(portal.minRows).toBe(1);
      expect(portal.questions.find((q) => q.type === 'url')?.required).toBe(true);
    }
  });

  it('has a repeatable ministry group over the six OSI sectors, with a conditional follow-up inside the row', () => {
    const group = findQuestion(definition, 'A.6');
    expect(group?.type).toBe('group');
    if (group?.type !== 'group') return;
    expect(group.indicators).toEqual(['090', '103', '119', '132', '161', '172'].map(osi));
    const name = group.questions.find((q) => q.id === 'A.6.name');
    expect(name?.type).toBe('shortText');
    expect(name?.required).toBe(true);
    const sector = group.questions.find((q): q is Extract<ScalarQuestion, { type: 'singleChoice' }> => q.type === 'singleChoice');
    expect(sector?.options.map((o) => o.value)).toEqual(SECTOR_VALUES);
    expect(group.questions.some((q) => q.type === 'url')).toBe(true);
    const toggle = group.questions.find((q) => q.type === 'yesNo');
    expect(toggle).toBeDefined();
    const followUps = group.questions.filter((q) => q.relevant !== undefined);
    expect(followUps.length).toBeGreaterThan(0);
    for (const q of followUps) expect(q.relevant).toEqual({ question: toggle?.id, op: 'equals', value: 'yes' });
  });

  it('maps the section A questions to the OSI codes of their reference rows', () => {
    for (const [id, codes] of Object.entries(SECTION_A_CODES)) {
      expect(findQuestion(definition, id)?.indicators, id).toEqual(codes.map(osi));
    }
  });

  it('asks each law, policy and strategy as yes/no with evidence, then title, year adopted and link when yes', () => {
    for (const id of POLICY_QUESTIONS) {
      const question = findQuestion(definition, id);
      expect(question?.type, id).toBe('yesNo');
      expect(question?.evidence, id).toBe('requiredWhenYes');
      const when = { question: id, op: 'equals', value: 'yes' };
      const [title, year, url] = [1, 2, 3].map((n) => findQuestion(definition, `${id}.${String(n)}`));
      expect(title?.type, id).toBe('shortText');
      expect(year?.type, id).toBe('year');
      expect(url?.type, id).toBe('url');
      for (const q of [title, year, url]) expect(q?.relevant, id).toEqual(when);
      if (year?.type === 'year') {
        expect(year.min, id).toBeDefined();
        expect(year.max, id).toBeDefined();
      }
    }
  });

  it('makes every numbered follow-up depend on an earlier yes/no question it belongs to', () => {
    let checked = 0;
    for (const { question, earlier } of withScope(definition)) {
      const parent = parentOf(question.id);
      if (parent === undefined || question.relevant === undefined) continue;
      if (!earlier.has(parent) && ![...earlier.keys()].some((id) => question.id.startsWith(`${id}.`))) continue;
      checked += 1;
      const condition = question.relevant;
      expect('question' in condition && condition.op === 'equals', question.id).toBe(true);
      if (!('question' in condition) || condition.op !== 'equals' || !('value' in condition)) continue;
      const target = earlier.get(condition.question);
      expect(target, question.id).toBeDefined();
      if (target === undefined) continue;
      expect(isYesNo(target), question.id).toBe(true);
      expect(question.id.startsWith(`${target.id}.`), question.id).toBe(true);
      // Details (title, year, link …) follow a "yes"; only a further yes/no may follow a "no".
      if (!isYesNo(question)) expect(condition.value, question.id).toBe('yes');
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('puts "evidence required when yes" on every yes/no question mapped to an OSI code', () => {
    for (const q of questions.filter((candidate) => candidate.indicators.length > 0 && isYesNo(candidate))) {
      expect(q.evidence, q.id).toBe('requiredWhenYes');
      expect(q.guidance?.what, q.id).toBeDefined();
    }
  });

  it('gives every question and sub-question a provenance, a unique id and a plain-text label', () => {
    expectCleanQuestions(questions);
  });

  it('uses only OSI codes the reference gives for the MSQ', () => {
    const allowed = new Set(REFERENCE_OSI_CODES.map(osi));
    const used = questions.flatMap((q) => q.indicators);
    expect(used.length).toBeGreaterThan(0);
    for (const code of used) expect(allowed, code).toContain(code);
  });

  it('keeps numbers sensible: counts from 0, percentages 0-100, years bounded', () => {
    expectSensibleNumbers(questions);
  });
});
