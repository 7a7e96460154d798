import { beforeAll, describe, expect, it } from 'vitest';
import { renderSubmissionWorkbook, verifySubmissionWorkbook } from '../../../shared/workbook';
import { ALL_TYPES_ANSWERS, signedSubmission } from '../../helpers/signed-submission';
import { edited, findOpenpyxlPython, findSoffice, loadWorkbook, resaveWithLibreOffice, resaveWithOpenpyxl, saveWorkbook, sheet } from './xlsx-kit';

const openpyxlPython = findOpenpyxlPython();
const soffice = findSoffice();

/**
 * "A workbook re-saved by another program without changes still verifies." exceljs and JSZip
 * always run; openpyxl and LibreOffice run where installed (Debian: python3-openpyxl,
 * libreoffice-calc-nogui) and are skipped with a note otherwise.
 */

let bytes: Uint8Array;
let withEscape: Uint8Array;

const AWKWARD_TEXT = 'Line one\r\nLine two\rLine three\n\ttabbed, bell\u0007, 😀 and ü';
/**
 * Text that other programs like to rewrite: spaces at the ends, line breaks, tabs, emoji, and an
 * answer (with runs of spaces) long enough to be split across cells, as is the embedded JSON.
 */
const AWKWARD = {
  ...ALL_TYPES_ANSWERS,
  'A.2.1': '  leading and trailing spaces  ',
  'B.5': `${AWKWARD_TEXT}\n${'An obstacle  worth describing at length. '.repeat(2_500)}`,
};
/** …and the literal text of an OOXML escape, which a careless writer turns into the character. */
const ESCAPE = { ...AWKWARD, 'B.5': `${AWKWARD_TEXT} _x0041_ and _x00e9_` };

async function workbookOf(answers: typeof AWKWARD): Promise<Uint8Array> {
  const { document, definition } = await signedSubmission({ answers });
  return renderSubmissionWorkbook(document, definition);
}

beforeAll(async () => {
  bytes = await workbookOf(AWKWARD);
  withEscape = await workbookOf(ESCAPE);
});

const edit = (workbook: Awaited<ReturnType<typeof loadWorkbook>>) => {
  sheet(workbook, 'B. Online services').getCell('D5').value = '1';
};

describe('a signed workbook re-saved by another program', () => {
  it('still verifies after exceljs reads and writes it (shared strings, another zip layout)', async () => {
    expect(await verifySubmissionWorkbook(await saveWorkbook(await loadWorkbook(bytes)))).toMatchObject({ status: 'valid' });
    expect(await verifySubmissionWorkbook(await edited(bytes, edit))).toMatchObject({ status: 'changed' });
  });

  it('is reported as changed when exceljs re-saves literal "_x0041_" text, because the file then really shows "A"', async () => {
    // exceljs decodes `_x0041_` when reading but does not escape it when writing: after its re-save,
    // Excel too would show "A". EGov Desk writes the escape (`_x005F_x0041_`); Excel, LibreOffice
    // and openpyxl keep it.
    expect(await verifySubmissionWorkbook(withEscape)).toMatchObject({ status: 'valid' });
    const report = await verifySubmissionWorkbook(await saveWorkbook(await loadWorkbook(withEscape)));
    expect(report).toMatchObject({ status: 'changed', changes: [{ where: 'B. Online services!D8 (question B.5)', found: expect.stringContaining(' A and ') as string }] });
  });

  it.skipIf(openpyxlPython === undefined)('still verifies after openpyxl opens and saves it (needs python3-openpyxl)', async () => {
    const python = openpyxlPython ?? 'python3';
    expect(await verifySubmissionWorkbook(resaveWithOpenpyxl(bytes, python))).toMatchObject({ status: 'valid' });
    expect(await verifySubmissionWorkbook(resaveWithOpenpyxl(withEscape, python))).toMatchObject({ status: 'valid' });
    // …and an edit made before that re-save is still caught.
    const report = await verifySubmissionWorkbook(resaveWithOpenpyxl(await edited(bytes, edit), python));
    expect(report).toMatchObject({ status: 'changed', changes: [{ where: 'B. Online services!D5 (question B.2)', found: '1' }] });
  }, 60_000);

  it.skipIf(soffice === undefined)(
    'still verifies after LibreOffice Calc opens and saves it (needs libreoffice-calc-nogui)',
    async () => {
      expect(await verifySubmissionWorkbook(resaveWithLibreOffice(bytes, soffice ?? 'soffice'))).toMatchObject({ status: 'valid' });
      expect(await verifySubmissionWorkbook(resaveWithLibreOffice(withEscape, soffice ?? 'soffice'))).toMatchObject({ status: 'valid' });
      const report = await verifySubmissionWorkbook(resaveWithLibreOffice(await edited(bytes, edit), soffice ?? 'soffice'));
      expect(report).toMatchObject({ status: 'changed', changes: [{ where: 'B. Online services!D5 (question B.2)', found: '1' }] });
    },
    120_000,
  );
});
