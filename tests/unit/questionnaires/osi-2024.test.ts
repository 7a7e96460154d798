import { describe, expect, it } from 'vitest';
import { loadBundledDefinition } from '../../helpers/bundled-definition';
import type { Question, QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';

const load = (): QuestionnaireDefinition => loadBundledDefinition('osi-2024');

const range = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(3, '0'));

/**
 * The OSI feature codes per subindex, transcribed from shared/reference/osi-indicators.md
 * (National E-Government Toolkit modules 2.1-2.6, via a third-party extraction), with the codes
 * written exactly as there ("#095a", "#131b"); "#09a" is read as "#009a", as the reference advises.
 */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  IF: [
    '010', '011', '012', '014', '336', '337', '338', '339', '340', '341', '342', '343', '344', '345',
    '090', '103', '119', '132', '161', '172',
    '091', '104', '120', '133', '162', '173',
  ],
  CP: ['015', '028', '030', '088', '117', '129', '131a', '150'],
  SP: [
    '029', '043', '044', '045', '046', '047', '048', '049', '050', '051', '052', '053', '054', '055', '056', '057',
    '058', '059', '062', '063', '079', '080', '081', '082', '117', '118', '131b',
    '095', '108', '124', '137', '166', '177',
    '095a', '108a', '124a', '137a', '166a', '177a',
    '095b', '108b', '124b', '137b', '166b', '177b',
    ...range(143, 148),
    '149', '182', '183', '184', '185', '189', '190', '191',
  ],
  EPI: [
    '021', '033', '034', '037', '040', '042', '078', '131', '193', '302', '303', '310', '313', '323',
    '092', '105', '121', '134', '163', '174',
    '096', '109', '125', '138', '167', '178',
    '098', '111', '127', '140', '169', '180',
    '099', '112', '128', '141', '170', '181',
    ...range(304, 309),
    ...range(324, 329),
    ...range(330, 335),
  ],
  TEC: ['002', '004', '005', '008', '022', '023', '024', '025', '071', '072', '074', '083', '087', '009a', '195', '196'],
  EGL: ['003', '006', '007', '009', '014', '016', '017', '036a', '036b', '038', '039', '086', ...range(317, 322)],
};

/**
 * Codes that legitimately appear on more than one question, and how often:
 * - #014 (privacy) and #117 (scholarship information): the toolkit lists each under two subindices
 *   (IF and EGL; CP and SP), so each appears once per subindex.
 * - #049-#052 (business registration, birth, death, marriage certificates) are checked at two levels
 *   (information only; full online) and #183 (access to justice) at three (retrieve information,
 *   file online, manage a case). The levels have no codes of their own, so every level question
 *   keeps the feature's code rather than inventing one.
 */
const REPEATED: Readonly<Record<string, number>> = {
  'OSI #014': 2,
  'OSI #117': 2,
  'OSI #049': 2,
  'OSI #050': 2,
  'OSI #051': 2,
  'OSI #052': 2,
  'OSI #183': 3,
};

const SECTORS = ['Health', 'Education', 'Employment', 'Social protection', 'Environment', 'Justice'] as const;

/** The sector matrix: each feature expands into six separate features, one per sector, in SECTORS order. */
const SECTOR_MATRIX: readonly { feature: string; section: string; codes: readonly string[]; reconstructed: boolean }[] = [
  { feature: 'link to ministry website', section: 'IF', codes: ['090', '103', '119', '132', '161', '172'], reconstructed: false },
  { feature: 'sector policy information', section: 'IF', codes: ['091', '104', '120', '133', '162', '173'], reconstructed: false },
  { feature: 'expenditure information', section: 'EPI', codes: ['092', '105', '121', '134', '163', '174'], reconstructed: false },
  { feature: 'list of online services', section: 'SP', codes: ['095', '108', '124', '137', '166', '177'], reconstructed: false },
  { feature: 'mobile services', section: 'SP', codes: ['095a', '108a', '124a', '137a', '166a', '177a'], reconstructed: false },
  { feature: 'SMS alerts', section: 'SP', codes: ['095b', '108b', '124b', '137b', '166b', '177b'], reconstructed: false },
  { feature: 'upcoming consultations', section: 'EPI', codes: ['096', '109', '125', '138', '167', '178'], reconstructed: false },
  { feature: 'consultations used', section: 'EPI', codes: ['098', '111', '127', '140', '169', '180'], reconstructed: false },
  { feature: 'open datasets', section: 'EPI', codes: ['099', '112', '128', '141', '170', '181'], reconstructed: false },
  // Sector assignment assumes the toolkit's alphabetical listing (reference: Reconstructed).
  { feature: 'budget open dataset', section: 'EPI', codes: ['307', '304', '305', '309', '306', '308'], reconstructed: true },
  // The reference does not state the mapping; the definition assumes alphabetical order too.
  { feature: 'co-creation of e-services', section: 'EGL', codes: ['320', '317', '318', '322', '319', '321'], reconstructed: true },
];

/** Codes whose code-to-group or code-to-feature mapping is an assumption, so the question is reconstructed. */
const RECONSTRUCTED_CODES = [
  ...range(143, 148), // vulnerable groups, SP
  ...range(304, 309),
  ...range(317, 322),
  ...range(324, 335), // vulnerable groups, EPI
  '080', '081', // GIS data vs services split
  '009a', // extracted as "#09a"
];

const osi = (code: string) => `OSI #${code}`;
const codeOf = (q: Question): string | undefined => q.indicators[0];
const isIndicator = (q: Question): boolean => q.indicators.length > 0;
const allQuestions = (d: QuestionnaireDefinition): Question[] => d.sections.flatMap((s) => s.questions);
const indicatorQuestions = (d: QuestionnaireDefinition): Question[] => allQuestions(d).filter(isIndicator);
const labelOf = (q: Question): string => (typeof q.label === 'string' ? q.label : (q.label.en ?? ''));

describe('osi-2024 questionnaire', () => {
  const definition = load();
  const bySection = (code: string) => definition.sections.find((s) => s.code === code)?.questions.filter(isIndicator) ?? [];

  it('loads as the OSI 2024 self-assessment for a country', () => {
    expect(definition.id).toBe('osi-2024');
    expect(definition.instrument).toBe('osi');
    expect(definition.respondentKind).toBe('country');
    expect(definition.provenance).toBe('mixed');
    expect(definition.provenanceNote).toBeDefined();
  });

  it('starts with a portal section that asks for the national portal address', () => {
    const first = definition.sections[0];
    expect(first?.code).toBeUndefined();
    expect(first?.questions.find((q) => q.type === 'url')?.required).toBe(true);
  });

  it('has one section per subindex plus E-Government Literacy on its own', () => {
    const codes = definition.sections.flatMap((s) => (s.code === undefined ? [] : [s.code]));
    expect(codes).toEqual(['IF', 'CP', 'SP', 'EPI', 'TEC', 'EGL']);
    const egl = definition.sections.find((s) => s.code === 'EGL');
    expect(JSON.stringify(egl?.description)).toMatch(/Human Capital Index/);
  });

  it('holds every reference feature code, each in its subindex', () => {
    for (const [code, expected] of Object.entries(EXPECTED)) {
      const actual = new Set(bySection(code).map(codeOf));
      expect(actual, code).toEqual(new Set(expected.map(osi)));
    }
    const all = new Set(indicatorQuestions(definition).map(codeOf));
    expect(all).toEqual(new Set(Object.values(EXPECTED).flat().map(osi)));
    // 165 listings in IF-TEC (164 distinct), 18 in EGL, with #014 in both IF and EGL.
    expect(all.size).toBe(181);
  });

  it('counts the questions per section: one per code, plus the extra service levels in SP', () => {
    const counts = Object.fromEntries(Object.keys(EXPECTED).map((code) => [code, bySection(code).length]));
    // SP: 59 codes, plus a second level for #049-#052 (4) and a second and third level for #183 (2).
    expect(counts).toEqual({ IF: 26, CP: 8, SP: 59 + 4 + 2, EPI: 56, TEC: 16, EGL: 18 });
  });

  it('repeats a code only where explained: dual listings and service levels', () => {
    const seen: Record<string, number> = {};
    for (const q of indicatorQuestions(definition)) {
      const code = codeOf(q) ?? '';
      seen[code] = (seen[code] ?? 0) + 1;
    }
    const repeated = Object.fromEntries(Object.entries(seen).filter(([, n]) => n > 1));
    expect(repeated).toEqual(REPEATED);
    for (const code of Object.keys(REPEATED)) {
      const questions = indicatorQuestions(definition).filter((q) => codeOf(q) === code);
      expect(new Set(questions.map((q) => q.id)).size, code).toBe(questions.length);
      for (const q of questions) expect(q.help, q.id).toBeDefined();
    }
    expect(indicatorQuestions(definition).filter((q) => codeOf(q) === 'OSI #183').map((q) => q.id)).toEqual([
      'OSI.183-info',
      'OSI.183-file',
      'OSI.183-manage',
    ]);
  });

  it('expands each sector-matrix feature into six separate questions with distinct codes, each naming its sector', () => {
    for (const row of SECTOR_MATRIX) {
      const questions = row.codes.map((code) => bySection(row.section).filter((q) => codeOf(q) === osi(code)));
      for (const [i, found] of questions.entries()) {
        expect(found, `${row.feature} ${row.codes[i] ?? ''}`).toHaveLength(1);
      }
      const flat = questions.flat();
      expect(new Set(flat.map(codeOf)).size, row.feature).toBe(6);
      expect(new Set(flat.map((q) => q.id)).size, row.feature).toBe(6);
      flat.forEach((q, i) => {
        expect(labelOf(q).toLowerCase(), q.id).toContain((SECTORS[i] ?? '').toLowerCase());
        if (row.reconstructed) {
          expect(q.provenance, q.id).toBe('reconstructed');
          expect(q.help, q.id).toBeDefined();
        }
      });
    }
  });

  it('marks assumed code mappings as reconstructed and explains them', () => {
    for (const code of RECONSTRUCTED_CODES) {
      const q = indicatorQuestions(definition).find((candidate) => codeOf(candidate) === osi(code));
      expect(q?.provenance, code).toBe('reconstructed');
      expect(q?.help, code).toBeDefined();
    }
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
    }
  });

  it('gives every question a provenance and a plain-text label', () => {
    for (const q of allQuestions(definition)) {
      expect(q.provenance, q.id).toBeDefined();
      expect(labelOf(q), q.id).not.toMatch(/<[a-z/]|\*\*|\]\(/i);
    }
  });

  it('has conditional follow-ups that carry no indicator code', () => {
    const followUps = allQuestions(definition).filter((q) => q.relevant !== undefined);
    expect(followUps.length).toBeGreaterThanOrEqual(3);
    for (const q of followUps) expect(q.indicators, q.id).toEqual([]);
  });
});
