import { describe, expect, it } from 'vitest';
import { csvField, csvFiles, toCsv } from '../../../shared/merge/csv';
import { mergeSubmissions } from '../../../shared/merge/merge';
import type { ConsolidatedTables, Table, TableCell } from '../../../shared/merge/tables';
import { consolidatedTables } from '../../../shared/merge/tables';
import { bundled, intakeOf, signedDocument } from '../../helpers/merge-fixtures';

const table = (rows: readonly (readonly TableCell[])[], columns: readonly string[] = ['a', 'b']): Table => ({ name: 'Test', title: 'Test', columns, rows });

/**
 * A small RFC 4180 reader, to prove the text round-trips: a field is quoted or not; inside quotes a
 * doubled quote is one quote and anything else (commas, CR, LF) is data.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const char = text.charAt(i);
    if (quoted) {
      if (char === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i += 2;
      } else if (char === '"') {
        quoted = false;
        i += 1;
      } else {
        field += char;
        i += 1;
      }
    } else if (char === '"') {
      quoted = true;
      i += 1;
    } else if (char === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (char === '\r' && text.charAt(i + 1) === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      field += char;
      i += 1;
    }
  }
  expect(field, 'the text ends with CRLF').toBe('');
  expect(record, 'the text ends with CRLF').toEqual([]);
  return records;
}

describe('toCsv (RFC 4180)', () => {
  it('writes a header row of column ids and one CRLF-ended record per row, the last one too', () => {
    expect(toCsv(table([['x', 1], ['y', 2]]))).toBe('a,b\r\nx,1\r\ny,2\r\n');
    expect(toCsv(table([]))).toBe('a,b\r\n');
  });

  it('quotes fields holding commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvField('Digital Agenda, 2030')).toBe('"Digital Agenda, 2030"');
    expect(csvField('the "Next" plan')).toBe('"the ""Next"" plan"');
    expect(csvField('"')).toBe('""""');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('line one\r\nline two')).toBe('"line one\r\nline two"');
    expect(csvField('plain text')).toBe('plain text');
  });

  it('quotes fields with leading or trailing spaces, so readers do not trim them', () => {
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('padded ')).toBe('"padded "');
    expect(csvField('in between')).toBe('in between');
  });

  it('prefixes formula-looking text with a quote mark, and never numbers', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+1+2')).toBe("'+1+2");
    expect(csvField('-5')).toBe("'-5");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField('=HYPERLINK("http://evil.example","click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(87.5)).toBe('87.5');
    expect(csvField(0)).toBe('0');
  });

  it('writes null and empty text as empty fields', () => {
    expect(toCsv(table([[null, ''], ['', null]]))).toBe('a,b\r\n,\r\n,\r\n');
  });

  it('writes Unicode as UTF-8 text without a byte order mark', () => {
    const text = toCsv(table([['Tōkyō — 東京', 'Ελλάδα 🇬🇷']]));
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).toBe('a,b\r\nTōkyō — 東京,Ελλάδα 🇬🇷\r\n');
  });

  it('round-trips every kind of field through an RFC 4180 reader', () => {
    const rows: TableCell[][] = [
      ['a, b', 'say "hi"'],
      ['one\ntwo', 'one\r\ntwo'],
      [' lead', 'trail '],
      ['=1+1', -5],
      [null, 'Ünïcödé ✓'],
    ];
    expect(parseCsv(toCsv(table(rows)))).toEqual([
      ['a', 'b'],
      ['a, b', 'say "hi"'],
      ['one\ntwo', 'one\r\ntwo'],
      [' lead', 'trail '],
      ["'=1+1", '-5'],
      ['', 'Ünïcödé ✓'],
    ]);
  });
});

describe('csvFiles', () => {
  it('writes one file per table, wide files named by questionnaire and version', async () => {
    const document = await signedDocument({ answers: { 'A.1': 'https://www.gov.example/', 'B.1': ['web'], 'B.5': '=cmd|" /C calc"!A0' } });
    const definition = bundled('test-all-types');
    const tables: ConsolidatedTables = consolidatedTables(mergeSubmissions(await intakeOf([document]), { definitions: [definition] }), [definition]);
    const files = csvFiles(tables);
    expect(files.map((file) => file.name)).toEqual(['wide-test-all-types-1.0.0.csv', 'long.csv', 'files.csv', 'conflicts.csv', 'codebook.csv']);
    const wide = files[0];
    if (wide === undefined) throw new Error('no wide file');
    const records = parseCsv(wide.text);
    // One header row of plain column ids (R and pandas expect one): no indicator codes, no labels.
    expect(records).toHaveLength(2);
    expect(records[0]?.slice(0, 9)).toEqual(['respondent', 'questionnaire', 'version', 'kind', 'place', 'organisations', 'contributions', 'open_conflicts', 'A.1']);
    const header = records[0] ?? [];
    const row = records[1] ?? [];
    expect(row[header.indexOf('B.1[web]')]).toBe('1');
    expect(row[header.indexOf('B.1[mobile]')]).toBe('0');
    expect(row[header.indexOf('B.5')]).toBe(`'=cmd|" /C calc"!A0`);
    expect(parseCsv(files[1]?.text ?? '')).toHaveLength(1 + 3);
  });
});
