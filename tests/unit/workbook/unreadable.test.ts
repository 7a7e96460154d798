import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_WORKBOOK_BYTES, renderSubmissionWorkbook, verifySubmissionWorkbook } from '../../../shared/workbook';
import { signedSubmission } from '../../helpers/signed-submission';
import { edited, rezipped, sheet } from './xlsx-kit';

let bytes: Uint8Array;

beforeAll(async () => {
  const { document, definition } = await signedSubmission();
  bytes = await renderSubmissionWorkbook(document, definition);
});

async function reasonFor(file: Uint8Array): Promise<string> {
  const report = await verifySubmissionWorkbook(file);
  if (report.status !== 'unreadable') throw new Error(`expected unreadable, got ${report.status}`);
  return report.reason;
}

describe('a file that is not a readable signed workbook', () => {
  it('is unreadable, with a reason that tells each case apart', async () => {
    const zipOnly = await rezipped(bytes, (zip) => {
      zip.remove('xl/workbook.xml');
    });
    const reasons = {
      empty: await reasonFor(new Uint8Array()),
      truncated: await reasonFor(bytes.subarray(0, Math.floor(bytes.byteLength / 2))),
      text: await reasonFor(new TextEncoder().encode('Question,Answer\nA.1,yes\n')),
      random: await reasonFor(new Uint8Array(randomBytes(4096))),
      oversized: await reasonFor(new Uint8Array(MAX_WORKBOOK_BYTES + 1)),
      notWorkbook: await reasonFor(zipOnly),
      legacy: await reasonFor(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(512)])),
    };
    expect(reasons).toEqual({
      empty: 'the file is empty',
      truncated: expect.stringContaining('incomplete') as string,
      text: 'the file is plain text, not an Excel workbook (.xlsx)',
      random: 'the file is not an Excel workbook (.xlsx): it is not a zip archive',
      oversized: expect.stringContaining('larger than 64 MB') as string,
      notWorkbook: expect.stringContaining('zip archive but not an Excel workbook') as string,
      legacy: expect.stringContaining('old-format Excel workbook (.xls)') as string,
    });
    expect(new Set(Object.values(reasons)).size).toBe(Object.keys(reasons).length);
  });

  it('is unreadable when the hidden sheet is missing or its JSON is damaged', async () => {
    const withoutSheet = await edited(bytes, (workbook) => {
      workbook.removeWorksheet(sheet(workbook, 'Signed submission (JSON)').id);
    });
    expect(await reasonFor(withoutSheet)).toMatch(/hidden sheet "Signed submission \(JSON\)" is missing/);

    const damaged = await edited(bytes, (workbook) => {
      sheet(workbook, 'Signed submission (JSON)').getCell('A2').value = '{"format": "egov-desk/submission", oops';
    });
    expect(await reasonFor(damaged)).toMatch(/cannot be read: its JSON text is damaged/);

    const partMissing = await edited(bytes, (workbook) => {
      sheet(workbook, 'Signed submission (JSON)').getCell('A1').value = 'egov-desk/submission json parts=3';
    });
    expect(await reasonFor(partMissing)).toMatch(/should hold 3 parts but 1 were found/);

    const notASubmission = await edited(bytes, (workbook) => {
      sheet(workbook, 'Signed submission (JSON)').getCell('A2').value = '{"hello":"world"}';
    });
    expect(await reasonFor(notASubmission)).toBe('this is not an EGov Desk submission');
  });

  it('is unreadable when a part inside the zip is damaged, without throwing', async () => {
    const broken = await rezipped(bytes, (zip) => {
      zip.file('xl/workbook.xml', '<workbook><sheets><sheet name="x"');
    });
    expect(await reasonFor(broken)).toMatch(/^the file is damaged: the workbook cannot be read/);
  });
});
