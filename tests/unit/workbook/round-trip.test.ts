import { beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionDocument } from '../../../shared/submission/document';
import { renderSubmissionWorkbook, verifySubmissionWorkbook } from '../../../shared/workbook';
import { embedJson } from '../../../shared/workbook/embed';
import { loadBundledDefinition } from '../../helpers/bundled-definition';
import type { SignedSubmission } from '../../helpers/signed-submission';
import { FORMULA_ANSWERS, signedSubmission, signerCardOf } from '../../helpers/signed-submission';
import { edited, loadWorkbook, rezipped, sheet, sheetEntry, sheetXml } from './xlsx-kit';

let fixture: SignedSubmission;
let bytes: Uint8Array;

beforeAll(async () => {
  fixture = await signedSubmission();
  bytes = await renderSubmissionWorkbook(fixture.document, fixture.definition);
});

const SHEET_A = 'A. Institutional framework';
const SHEET_B = 'B. Online services';
const HIDDEN = 'Signed submission (JSON)';

/** The row of a question on a sheet (column A holds the id). */
function rowOfQuestion(worksheet: ReturnType<typeof sheet>, id: string): number {
  for (let r = 1; r <= worksheet.rowCount; r += 1) if (worksheet.getCell(r, 1).value === id) return r;
  throw new Error(`question ${id} not found`);
}

describe('signed workbook', () => {
  it('verifies as valid, and as trusted when the signer card is on the list', async () => {
    expect(bytes[0]).toBe(0x50);
    const report = await verifySubmissionWorkbook(bytes);
    expect(report).toMatchObject({ status: 'valid', trusted: false });
    expect(report.status === 'valid' ? report.document : undefined).toEqual(fixture.document);
    expect(await verifySubmissionWorkbook(bytes, [signerCardOf(fixture.key)])).toMatchObject({ status: 'valid', trusted: true });
    expect(await verifySubmissionWorkbook(bytes, [], fixture.definition)).toMatchObject({ status: 'valid' });
    expect(await verifySubmissionWorkbook(bytes, [], [loadBundledDefinition('msq-2024'), fixture.definition])).toMatchObject({ status: 'valid' });
  });

  it('stores formula-looking answers as strings: no <f> element, cell type "s", text number format', async () => {
    const xml = await sheetXml(bytes, SHEET_A);
    expect(xml).not.toMatch(/<f[\s>]/);
    const workbook = await loadWorkbook(bytes);
    for (const name of workbook.worksheets.map((w) => w.name)) expect(await sheetXml(bytes, name)).not.toMatch(/<f[\s>]/);
    const all = [sheet(workbook, SHEET_A), sheet(workbook, SHEET_B)];
    for (const [id, answer] of Object.entries(FORMULA_ANSWERS)) {
      const worksheet = all.find((w) => w.getColumn(1).values.includes(id));
      if (!worksheet) throw new Error(`question ${id} not found`);
      const cell = worksheet.getCell(rowOfQuestion(worksheet, id), 4);
      expect(cell.value).toBe(answer);
      expect(cell.numFmt).toBe('@');
      const raw = new RegExp(`<c r="${cell.address}"[^>]*>`).exec(await sheetXml(bytes, worksheet.name))?.[0] ?? '';
      expect(raw).toContain('t="s"');
    }
  });

  it('keeps the signed JSON in a hidden sheet, and freezes the header rows of each section sheet', async () => {
    expect(await sheetEntry(bytes, HIDDEN)).toContain('state="hidden"');
    expect(await sheetEntry(bytes, 'Questionnaire (JSON)')).toContain('state="hidden"');
    const workbook = await loadWorkbook(bytes);
    const hidden = sheet(workbook, HIDDEN);
    expect(hidden.state).toBe('hidden');
    const header = hidden.getCell('A1').text;
    const parts = Number(/parts=(\d+)$/.exec(header)?.[1]);
    const joined = Array.from({ length: parts }, (_, i) => hidden.getCell(i + 2, 1).text).join('');
    expect(JSON.parse(joined)).toEqual(fixture.document);
    expect(sheet(workbook, SHEET_A).views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet(workbook, SHEET_A).getColumn(3).width).toBe(60);
    expect(sheet(workbook, SHEET_A).getCell('D3').alignment).toMatchObject({ wrapText: true });
    expect(sheet(workbook, 'Cover').state).toBe('visible');
  });

  it('writes evidence as clickable links', async () => {
    const worksheet = sheet(await loadWorkbook(bytes), SHEET_A);
    const row = rowOfQuestion(worksheet, 'A.2');
    expect(worksheet.getCell(row, 5).value).toMatchObject({ hyperlink: 'https://www.gov.example/strategy' });
    expect(worksheet.getCell(row + 1, 5).value).toMatchObject({ hyperlink: 'https://www.gov.example/strategy/annex?lang=en&v=2' });
  });

  it('splits the JSON across cells when it is longer than a cell holds, and still verifies', async () => {
    const long = `${'An obstacle worth describing at length. '.repeat(2_500)}𝄞 done`;
    const { document, definition } = await signedSubmission({ answers: { 'B.5': long } });
    const big = await renderSubmissionWorkbook(document, definition);
    const hidden = sheet(await loadWorkbook(big), HIDDEN);
    expect(Number(/parts=(\d+)$/.exec(hidden.getCell('A1').text)?.[1])).toBeGreaterThanOrEqual(4);
    for (let r = 2; r <= hidden.rowCount; r += 1) expect(hidden.getCell(r, 1).text.length).toBeLessThanOrEqual(30_000);
    expect(await verifySubmissionWorkbook(big)).toMatchObject({ status: 'valid' });
  });

  it('reports an edited answer cell as changed, naming the cell and the question', async () => {
    const changedBytes = await edited(bytes, (workbook) => {
      const worksheet = sheet(workbook, SHEET_B);
      worksheet.getCell(rowOfQuestion(worksheet, 'B.3'), 4).value = '250';
    });
    const report = await verifySubmissionWorkbook(changedBytes);
    expect(report).toMatchObject({ status: 'changed', changes: [{ where: `${SHEET_B}!D6 (question B.3)`, signed: '0', found: '250' }] });
  });

  it('reports a cell that displays something else than its value, and a hidden answer row', async () => {
    const changedBytes = await edited(bytes, (workbook) => {
      const a = sheet(workbook, SHEET_A);
      // The value stays "Yes"; Excel and LibreOffice would display "No".
      a.getCell(rowOfQuestion(a, 'A.2'), 4).numFmt = ';;;"No"';
      a.getRow(rowOfQuestion(a, 'A.1')).hidden = true;
    });
    const report = await verifySubmissionWorkbook(changedBytes);
    expect(report.status).toBe('changed');
    const found = report.status === 'changed' ? report.changes.map((c) => c.found ?? '') : [];
    expect(found.some((text) => text.includes('number format ;;;"No"'))).toBe(true);
    expect(found.some((text) => text.includes('hidden row or column'))).toBe(true);
  });

  it('visits only existing cells: one cell added at the last possible address is found, not 17 billion empty ones', async () => {
    const changedBytes = await edited(bytes, (workbook) => {
      sheet(workbook, SHEET_A).getCell('XFD1048576').value = 'far away';
    });
    // Before the fix this looped over every empty cell up to XFD1048576 and hit the test timeout.
    const report = await verifySubmissionWorkbook(changedBytes);
    expect(report).toMatchObject({ status: 'changed', changes: [{ where: `${SHEET_A}!XFD1048576 (a row that was not signed)`, found: 'far away' }] });
  });

  it('reports an edited link target, a cover field, a question text and a formula put in a cell', async () => {
    const changedBytes = await edited(bytes, (workbook) => {
      const a = sheet(workbook, SHEET_A);
      const row = rowOfQuestion(a, 'A.2');
      a.getCell(row, 5).value = { text: 'National Digital Agenda 2030', hyperlink: 'https://evil.example/' };
      a.getCell(row, 3).value = 'Does the country lack a strategy?';
      sheet(workbook, 'Cover').getCell('B12').value = 'Latvia';
      a.getCell(rowOfQuestion(a, 'A.1'), 4).value = { formula: 'HYPERLINK("https://evil.example","https://www.gov.example/")', result: 'https://www.gov.example/' };
    });
    const report = await verifySubmissionWorkbook(changedBytes, [], fixture.definition);
    expect(report.status).toBe('changed');
    const where = report.status === 'changed' ? report.changes.map((c) => c.where) : [];
    expect(where).toEqual([
      'Cover!B12 (Respondent place)',
      `${SHEET_A}!D3 (question A.1)`,
      `${SHEET_A}!C4 (question A.2)`,
      `${SHEET_A}!E4 (question A.2)`,
    ]);
    expect(report.status === 'changed' ? report.changes[1]?.found : '').toMatch(/^=HYPERLINK/);
  });

  it('reports an added row, an added visible sheet and a deleted sheet', async () => {
    const changedBytes = await edited(bytes, (workbook) => {
      const b = sheet(workbook, SHEET_B);
      b.getCell(b.rowCount + 1, 1).value = 'B.9';
      b.getCell(b.rowCount, 4).value = 'Yes';
      workbook.addWorksheet('Notes').getCell('A1').value = 'All answers confirmed by the minister';
      workbook.removeWorksheet(sheet(workbook, 'D. Plans').id);
      // An empty sheet or a hidden one shows nothing and is not a change.
      workbook.addWorksheet('Empty');
      workbook.addWorksheet('Scratch', { state: 'hidden' }).getCell('A1').value = 'x';
    });
    const report = await verifySubmissionWorkbook(changedBytes);
    expect(report.status === 'changed' ? report.changes.map((c) => c.where) : report).toEqual([
      `${SHEET_B}!A9 (a row that was not signed)`,
      `${SHEET_B}!D9 (a row that was not signed)`,
      'D. Plans (sheet)',
      'Notes (sheet)',
    ]);
  });

  it('reports an edited embedded JSON as the JSON verifier does', async () => {
    const tamper = async (change: (document: SubmissionDocument) => SubmissionDocument) => {
      const document = change(structuredClone(fixture.document));
      const copy = await renderSubmissionWorkbook(fixture.document, fixture.definition);
      const forged = await renderSubmissionWorkbook(document, fixture.definition).catch(() => copy);
      // Swap only the hidden sheet: the visible sheets still show the signed values.
      const forgedHidden = sheet(await loadWorkbook(forged), HIDDEN);
      return edited(copy, (workbook) => {
        const hidden = sheet(workbook, HIDDEN);
        for (let r = 1; r <= Math.max(hidden.rowCount, forgedHidden.rowCount); r += 1) hidden.getCell(r, 1).value = forgedHidden.getCell(r, 1).value;
      });
    };
    const answerEdited = await tamper((d) => ({ ...d, answers: { ...d.answers, 'B.3': 250 } }));
    expect(await verifySubmissionWorkbook(answerEdited)).toMatchObject({ status: 'changed', changes: [{ where: 'answers.B.3' }] });
    const signatureEdited = await tamper((d) => ({ ...d, signature: { ...d.signature, value: `${d.signature.value.startsWith('A') ? 'B' : 'A'}${d.signature.value.slice(1)}` } }));
    expect(await verifySubmissionWorkbook(signatureEdited)).toMatchObject({ status: 'signatureInvalid', problem: 'badSignature' });
  });

  it('checks question texts against the definition given, even when the copy inside was edited to match', async () => {
    const label = 'Does the country lack a strategy?';
    const changedBytes = await edited(bytes, (workbook) => {
      const a = sheet(workbook, SHEET_A);
      a.getCell(rowOfQuestion(a, 'A.2'), 3).value = label;
    });
    // A plain edit is caught against the copy of the definition inside the workbook.
    expect(await verifySubmissionWorkbook(changedBytes)).toMatchObject({ status: 'changed', changes: [{ where: `${SHEET_A}!C4 (question A.2)` }] });

    // The copy is not signed: someone who also rewrites it can change a question text unseen,
    // unless the verifier is given the definition, which is what the app and the CLI do.
    const forgedDefinition = structuredClone(fixture.definition);
    const question = forgedDefinition.sections[0]?.questions[1];
    if (question) question.label = label;
    const forged = await edited(changedBytes, (workbook) => {
      const hidden = sheet(workbook, 'Questionnaire (JSON)');
      embedJson('egov-desk/questionnaire', forgedDefinition).forEach((text, r) => {
        hidden.getCell(r + 1, 1).value = text;
      });
    });
    expect(await verifySubmissionWorkbook(forged)).toMatchObject({ status: 'valid' });
    expect(await verifySubmissionWorkbook(forged, [], fixture.definition)).toMatchObject({ status: 'changed', changes: [{ where: `${SHEET_A}!C4 (question A.2)`, found: label }] });
  });

  it('without the definition copy inside and none given, says the visible sheets cannot be checked', async () => {
    const stripped = await edited(bytes, (workbook) => {
      workbook.removeWorksheet(sheet(workbook, 'Questionnaire (JSON)').id);
    });
    expect(await verifySubmissionWorkbook(stripped)).toMatchObject({ status: 'changed', changes: [{ where: 'Questionnaire (JSON) (hidden sheet)' }] });
    expect(await verifySubmissionWorkbook(stripped, [], fixture.definition)).toMatchObject({ status: 'valid' });
  });

  it('refuses to render with a definition the document does not answer', async () => {
    await expect(renderSubmissionWorkbook(fixture.document, loadBundledDefinition('msq-2024'))).rejects.toThrow(/answers questionnaire test-all-types 1\.0\.0/);
  });

  it('still verifies after a re-save by exceljs and after repacking the zip', async () => {
    const resaved = await edited(bytes, () => undefined);
    expect(resaved).not.toEqual(bytes);
    expect(await verifySubmissionWorkbook(resaved)).toMatchObject({ status: 'valid' });
    expect(await verifySubmissionWorkbook(await rezipped(bytes))).toMatchObject({ status: 'valid' });
  });
});
