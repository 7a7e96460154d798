import { describe, expect, it } from 'vitest';
import { loadQuestionnaireDefinition } from '../../../shared/questionnaire/load';
import type { QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';
import { formatAnswer } from '../../../shared/workbook/format';
import { cellText, isHyperlink } from '../../../shared/workbook/model';
import type { SheetModel } from '../../../shared/workbook/model';
import { renderWorkbookModel } from '../../../shared/workbook/render-model';
import { SheetNamer } from '../../../shared/workbook/sheet-names';
import { cellSafeText, splitText } from '../../../shared/workbook/text';
import { definition, group, section, text, yesNo } from '../../helpers/builders';
import { FORMULA_ANSWERS, signedSubmission } from '../../helpers/signed-submission';

const rowsOf = (sheet: SheetModel | undefined) => (sheet?.rows ?? []).map((row) => row.cells.map(cellText));
const rowOf = (sheet: SheetModel | undefined, questionId: string) => sheet?.rows.find((row) => row.questionId === questionId);

describe('workbook model', () => {
  it('has a cover with every signed detail, then one sheet per section with a title and a header row', async () => {
    const { document, definition: def } = await signedSubmission();
    const model = renderWorkbookModel(document, def);
    expect(model.sheets.map((s) => s.name)).toEqual(['Cover', 'A. Institutional framework', 'B. Online services', 'C. Ministry websites', 'D. Plans']);
    const cover = new Map(model.sheets[0]?.rows.filter((r) => r.label !== undefined).map((r) => [r.label, cellText(r.cells[1])]));
    expect(cover.get('Questionnaire title')).toBe('Test questionnaire: every question type');
    expect(cover.get('Questionnaire id')).toBe('test-all-types');
    expect(cover.get('Questionnaire version')).toBe('1.0.0');
    expect(cover.get('Questionnaire edition')).toBe('test');
    expect(cover.get('Questionnaire content hash')).toBe(document.questionnaire.contentHash);
    expect(cover.get('Respondent place')).toBe('Estonia');
    expect(cover.get('Signer name')).toBe('Kai Tamm');
    expect(cover.get('Signing key id')).toBe(document.signer.keyId);
    expect(cover.get('Key id in groups of four')).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    expect(cover.get('Date signed')).toBe('2024-05-03T09:15:00.000Z');
    expect(cover.get('Validation status')).toBe('Not ready: errors remain');
    expect(cover.get('Warnings')).toBe('1 (1 acknowledged)');
    expect(cover.get('Verification step 5')).toContain('Signed submission (JSON)');

    const sheetA = model.sheets[1];
    expect(sheetA?.frozenRows).toBe(2);
    expect(rowsOf(sheetA).slice(0, 2)).toEqual([['A. Institutional framework'], ['Question id', 'Indicators', 'Question', 'Answer', 'Evidence', 'Findings']]);
    expect(rowsOf(sheetA)[2]).toEqual(['A.1', 'OSI #1', 'Address (URL) of the national government portal', 'https://www.gov.example/', '', '']);
  });

  it('shows yes/no in words, choices by their labels, numbers and dates as written, and formula-looking text unchanged', async () => {
    const { document, definition: def } = await signedSubmission();
    const sheets = renderWorkbookModel(document, def).sheets;
    const answer = (id: string) => cellText(sheets.map((s) => rowOf(s, id)).find((row) => row !== undefined)?.cells[3]);
    expect(answer('A.2')).toBe('Yes');
    expect(answer('A.3')).toBe('Not applicable');
    expect(answer('B.1')).toBe('Web portal; Mobile app; Other');
    expect(answer('B.2')).toBe('A central agency');
    expect(answer('A.2.2')).toBe('2021');
    expect(answer('B.4')).toBe('87.5');
    expect(answer('A.2.3')).toBe('2023-06-30');
    for (const [id, value] of Object.entries(FORMULA_ANSWERS)) expect(answer(id)).toBe(value);
    expect(answer('C.1').split('\n')).toEqual([
      'Ministry 1: Name of the ministry: Ministry of Health; Sector: Health; Website: https://health.gov.example/; Does the website offer online services?: Yes; How many?: 14',
      'Ministry 2: Name of the ministry: =1+1; Sector: Education; Does the website offer online services?: No',
    ]);
  });

  it('gives each evidence link its own clickable cell, and lists findings at their question', async () => {
    const { document, definition: def } = await signedSubmission();
    const sheetA = renderWorkbookModel(document, def).sheets[1];
    const rows = sheetA?.rows.filter((row) => row.questionId === 'A.2') ?? [];
    expect(rows).toHaveLength(2);
    const [first, second] = rows.map((row) => row.cells[4]);
    expect(first).toEqual({
      text: 'National Digital Agenda 2030\nhttps://www.gov.example/strategy\nAccessed 2024-05-01\nLink checked 2024-05-02T10:00:00.000Z: working (HTTP 200)',
      url: 'https://www.gov.example/strategy',
    });
    expect(second).toMatchObject({ url: 'https://www.gov.example/strategy/annex?lang=en&v=2' });
    expect(cellText(second)).toContain('Note: Annex with the adoption decision');
    expect(cellText(rowOf(sheetA, 'A.4')?.cells[5])).toBe('Error: the answer is not an e-mail address');
  });

  it('never makes a link of an address that is not plain http(s)', async () => {
    const { document, definition: def } = await signedSubmission({
      evidence: { 'A.2': [{ id: 'x', url: 'file:///etc/passwd', title: 'Local', accessed: '2024-05-01' }] },
    });
    const cell = rowOf(renderWorkbookModel(document, def).sheets[1], 'A.2')?.cells[4];
    expect(cell).toBeTypeOf('string');
    expect(cell === undefined ? '' : cellText(cell)).toContain('file:///etc/passwd');
  });

  it('continues an answer longer than a cell holds in the rows below, without losing a character', async () => {
    const long = `${'Obstacles. '.repeat(9_000)}😀end`;
    const { document, definition: def } = await signedSubmission({ answers: { 'B.5': long } });
    const rows = renderWorkbookModel(document, def).sheets[2]?.rows.filter((row) => row.questionId === 'B.5') ?? [];
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((row) => cellText(row.cells[3]).length <= 16_000)).toBe(true);
    expect(rows.map((row) => cellText(row.cells[3])).join('')).toBe(long);
    expect(rows.every((row) => cellText(row.cells[0]) === 'B.5')).toBe(true);
  });

  it('puts answers the definition does not name on an extra sheet, so nothing signed is out of view', async () => {
    const def = loadQuestionnaireDefinition(definition([section('S', [yesNo('S.1'), text('S.2')])], { id: 'test-all-types', title: 'Test questionnaire: every question type', edition: 'test' }), 'inline');
    const { document } = await signedSubmission();
    const model = renderWorkbookModel(document, def);
    expect(model.sheets.at(-1)?.name).toBe('Other answers');
    expect(model.sheets.at(-1)?.rows.some((row) => row.questionId === 'B.1' && cellText(row.cells[3]) === 'web; mobile; other')).toBe(true);
  });

  it('is a pure function of the document and the definition', async () => {
    const { document, definition: def } = await signedSubmission();
    expect(renderWorkbookModel(document, def)).toEqual(renderWorkbookModel(structuredClone(document), structuredClone(def)));
  });

  it('labels group rows with the row label, or "Row" without one, and shows an empty row as such', () => {
    const def: QuestionnaireDefinition = loadQuestionnaireDefinition(definition([section('S', [group('S.1', [text('n'), yesNo('ok')])])]), 'inline');
    const question = def.sections[0]?.questions[0];
    const rows = [
      { rowId: 'a', answers: { n: 'North', ok: 'yes', extra: 3 } },
      { rowId: 'b', answers: {} },
    ];
    expect(formatAnswer(rows, question, 'en')).toBe('Row 1: Question n: North; Question ok: Yes; extra: 3\nRow 2: (empty)');
    expect(formatAnswer(rows, undefined, 'en')).toBe('Row 1: n: North; ok: yes; extra: 3\nRow 2: (empty)');
    expect(formatAnswer(undefined, question, 'en')).toBe('');
  });
});

describe('cell text', () => {
  it('keeps tabs and line feeds, turns carriage returns into line feeds and unwritable characters into U+FFFD', () => {
    expect(cellSafeText('a\r\nb\rc\td')).toBe('a\nb\nc\td');
    expect(cellSafeText('bell\u0007 del\u007f \ufffe lone\ud800 pair😀')).toBe('bell\ufffd del\ufffd \ufffd lone\ufffd pair😀');
  });

  it('splits long text without cutting a surrogate pair', () => {
    const textWithEmoji = `${'a'.repeat(9)}😀${'b'.repeat(5)}`;
    const pieces = splitText(textWithEmoji, 10);
    expect(pieces.join('')).toBe(textWithEmoji);
    expect(pieces[0]).toBe('a'.repeat(9));
    expect(pieces.every((piece) => !/[\ud800-\udbff]$/.test(piece))).toBe(true);
  });
});

describe('sheet names', () => {
  it('follows Excel: at most 31 characters, no : \\ / ? * [ ], unique regardless of case, not a reserved name', () => {
    const namer = new SheetNamer();
    const names = [
      namer.name('A. Institutional / Organizational Framework', 'A'),
      namer.name('B. Crisis/Emergency', 'B'),
      namer.name("'Quoted'", 'C'),
      namer.name('cover', 'D'),
      namer.name('B. crisis-emergency', 'E'),
      namer.name('???', 'F'),
      namer.name('A. Institutional / Organizational Framework', 'G'),
    ];
    expect(names).toEqual(['A. Institutional - Organizatio…', 'B. Crisis-Emergency', 'Quoted', 'cover (2)', 'B. crisis-emergency (2)', '---', 'A. Institutional - Organiz… (2)']);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[:\\/?*[\]]|^'|'$/);
    }
  });
});

describe('hyperlink cells', () => {
  it('are told apart from text cells', () => {
    expect(isHyperlink({ text: 'a', url: 'https://a.example/' })).toBe(true);
    expect(isHyperlink('a')).toBe(false);
  });
});
