import { beforeAll, describe, expect, it } from 'vitest';
import { mergeSubmissions } from '../../../shared/merge/merge';
import type { ConflictDecision, MergeResult } from '../../../shared/merge/model';
import type { ConsolidatedTables, Table, TableCell } from '../../../shared/merge/tables';
import { CODEBOOK_COLUMNS, CONFLICTS_COLUMNS, consolidatedTables, FILES_COLUMNS, LONG_COLUMNS, WIDE_LEADING_COLUMNS } from '../../../shared/merge/tables';
import { valueKey } from '../../../shared/merge/value-key';
import type { QuestionnaireDefinition } from '../../../shared/schemas/questionnaire';
import type { SubmissionDocument } from '../../../shared/submission/document';
import { bundled, editedBytes, evidenceItem, intakeOf, mergeSigner, signedDocument } from '../../helpers/merge-fixtures';

/**
 * The consolidated tables of a real merge of real signed submissions: two respondents of the
 * test-all-types questionnaire (Estonia from two ministries, with an agreement, a conflict left
 * open, a resolved conflict and a superseded first version; Latvia from one), a duplicate, a file
 * changed after signing and a file that is no submission at all.
 */

const ESTONIA = 'test-all-types@1.0.0/country/estonia';
const LATVIA = 'test-all-types@1.0.0/country/latvia';
const A3_REASON = 'The CIO post was created by decree 12 of 2023; the Authority answered before it.';

let definition: QuestionnaireDefinition;
let estoniaFirst: SubmissionDocument;
let estoniaDigital: SubmissionDocument;
let estoniaHealth: SubmissionDocument;
let latvia: SubmissionDocument;

async function scenario(decisions: readonly ConflictDecision[] = [], definitions?: readonly QuestionnaireDefinition[]): Promise<MergeResult> {
  const files = await intakeOf([
    { name: 'estonia-digital-v1.json', document: estoniaFirst },
    { name: 'estonia-digital.json', document: estoniaDigital },
    { name: 'estonia-health.json', document: estoniaHealth },
    { name: 'latvia.json', document: latvia },
    { name: 'copies/latvia.json', document: latvia },
    { name: 'estonia-health-edited.json', bytes: editedBytes(estoniaHealth, 'B.4', 99) },
    { name: 'notes.txt', bytes: new TextEncoder().encode('not a submission') },
  ]);
  return mergeSubmissions(files, { decisions, definitions: definitions ?? [definition] });
}

const chooseA3: ConflictDecision = {
  respondent: ESTONIA,
  question: 'A.3',
  resolution: { choice: { kind: 'choose', key: valueKey('no') }, reason: A3_REASON, decidedBy: 'Coordinator', decidedAt: '2024-06-01T10:00:00.000Z' },
};

beforeAll(async () => {
  definition = bundled('test-all-types');
  const digital = await mergeSigner('Kai Tamm', 'Information System Authority', 'kai@ria.example');
  const health = await mergeSigner('Ana Lima', 'Ministry of Health', 'ana@health.example');
  const riga = await mergeSigner('Liga Ozola', 'State Chancellery', 'liga@mk.example');
  estoniaFirst = await signedDocument({ signer: digital, signedAt: '2024-05-01T09:00:00.000Z', answers: { 'A.1': 'https://old.gov.example/' } });
  estoniaDigital = await signedDocument({
    signer: digital,
    signedAt: '2024-05-03T09:00:00.000Z',
    revises: estoniaFirst.submissionId,
    answers: {
      'A.1': 'https://www.gov.example/',
      'A.2': 'yes',
      'A.2.1': 'Digital Agenda, 2030 "Next"',
      'A.3': 'yes',
      'B.1': ['web', 'mobile'],
      'B.3': 12,
      'B.5': '=1+1',
      'C.1': [
        { rowId: 'r1', answers: { name: 'Ministry of Health', sector: 'health', eservices: 'yes', eserviceCount: 14 } },
        { rowId: 'r2', answers: { name: 'Ministry of Education', sector: 'education', eservices: 'no' } },
      ],
    },
    evidence: { 'A.2': [evidenceItem('https://www.gov.example/strategy', 'Strategy')] },
  });
  estoniaHealth = await signedDocument({
    signer: health,
    signedAt: '2024-05-04T09:00:00.000Z',
    answers: { 'A.1': 'https://www.gov.example/', 'A.2': 'yes', 'A.3': 'no', 'B.1': ['web', 'sms'], 'B.2': 'central', 'B.4': 87.5 },
    evidence: { 'A.2': [evidenceItem('https://www.gov.example/strategy/annex', 'Annex')] },
  });
  latvia = await signedDocument({
    signer: riga,
    place: 'Latvia',
    answers: { 'A.2': 'no', 'D.1': 'yes', 'D.2': 2026, 'B.1': ['kiosk'], 'C.1': [{ rowId: 'x', answers: { name: 'Ministry of Education', sector: 'education' } }] },
  });
});

/** The cell of `column` in the row whose first cell is `first` (the respondent key or the file name). */
function cell(table: Table, first: string, column: string, where: (row: readonly TableCell[]) => boolean = () => true): TableCell | undefined {
  const c = table.columns.indexOf(column);
  expect(c, `${table.name} has column ${column}`).toBeGreaterThanOrEqual(0);
  const row = table.rows.find((r) => r[0] === first && where(r));
  expect(row, `${table.name} has a row for ${first}`).toBeDefined();
  return row?.[c];
}

function rowsWhere(table: Table, conditions: Readonly<Record<string, TableCell>>): (readonly TableCell[])[] {
  return table.rows.filter((row) => Object.entries(conditions).every(([column, value]) => row[table.columns.indexOf(column)] === value));
}

describe('consolidated tables of a real merge', () => {
  let tables: ConsolidatedTables;
  beforeAll(async () => {
    tables = consolidatedTables(await scenario([chooseA3]), [definition]);
  });

  it('has one wide table for the one questionnaire, named Wide, with its CSV name', () => {
    expect(tables.wide).toHaveLength(1);
    const [wide] = tables.wide;
    expect(wide?.name).toBe('Wide');
    expect(wide?.csvName).toBe('wide-test-all-types-1.0.0.csv');
  });

  it('puts the leading columns first, then the questions in definition order, options and group rows spread out', () => {
    const wide = tables.wide[0];
    expect(wide?.columns).toEqual([
      ...WIDE_LEADING_COLUMNS,
      'A.1',
      'A.2',
      'A.2.1',
      'A.2.2',
      'A.2.3',
      'A.3',
      'A.4',
      'B.1[web]',
      'B.1[mobile]',
      'B.1[sms]',
      'B.1[kiosk]',
      'B.1[other]',
      'B.1.1',
      'B.2',
      'B.3',
      'B.4',
      'B.5',
      'C.1[rows]',
      'D.1',
      'D.2',
    ]);
    // Row 1 of the workbook: indicator codes in brackets; the CSV keeps the plain ids.
    expect(wide?.headers?.slice(8, 10)).toEqual(['A.1 [OSI #1]', 'A.2 [OSI #3]']);
    expect(wide?.headers?.[10]).toBe('A.2.1');
    expect(wide?.labels?.[8]).toBe('Address (URL) of the national government portal');
    expect(wide?.labels?.[wide.columns.indexOf('B.1[kiosk]')]).toBe('Through which channels are public services delivered? — Kiosks or service centres');
    expect(wide?.labels?.[wide.columns.indexOf('C.1[rows]')]).toBe('Websites of the sector ministries — number of rows');
  });

  it('has one row per respondent with its contributions, organisations and open conflicts', () => {
    const wide = tables.wide[0];
    if (wide === undefined) throw new Error('no wide table');
    expect(wide.rows.map((row) => row[0])).toEqual([ESTONIA, LATVIA]);
    expect(wide.rows[0]?.slice(0, 8)).toEqual([ESTONIA, 'test-all-types', '1.0.0', 'country', 'Estonia', 'Information System Authority; Ministry of Health', 2, 1]);
    expect(wide.rows[1]?.slice(0, 8)).toEqual([LATVIA, 'test-all-types', '1.0.0', 'country', 'Latvia', 'State Chancellery', 1, 0]);
  });

  it('writes scalar answers as values (numbers as numbers), choices as 1/0/empty, groups as a row count', () => {
    const wide = tables.wide[0];
    if (wide === undefined) throw new Error('no wide table');
    expect(cell(wide, ESTONIA, 'A.1')).toBe('https://www.gov.example/');
    expect(cell(wide, ESTONIA, 'B.3')).toBe(12);
    expect(cell(wide, ESTONIA, 'B.4')).toBe(87.5);
    expect(cell(wide, ESTONIA, 'B.2')).toBe('central');
    expect(cell(wide, ESTONIA, 'B.5')).toBe('=1+1');
    expect(cell(wide, ESTONIA, 'C.1[rows]')).toBe(2);
    expect(cell(wide, ESTONIA, 'A.4')).toBeNull();
    // The resolved conflict takes the chosen value; the open one leaves every option empty.
    expect(cell(wide, ESTONIA, 'A.3')).toBe('no');
    for (const option of ['web', 'mobile', 'sms', 'kiosk', 'other']) expect(cell(wide, ESTONIA, `B.1[${option}]`)).toBeNull();
    expect(['web', 'mobile', 'sms', 'kiosk', 'other'].map((option) => cell(wide, LATVIA, `B.1[${option}]`))).toEqual([0, 0, 0, 1, 0]);
    expect(cell(wide, LATVIA, 'C.1[rows]')).toBe(1);
    expect(cell(wide, LATVIA, 'D.2')).toBe(2026);
  });

  it('has a long row per answered question and per group row and sub-question', () => {
    const { long } = tables;
    expect(long.columns).toEqual(LONG_COLUMNS);
    // Estonia: A.1, A.2, A.2.1, A.3, B.1, B.2, B.3, B.4, B.5 and 4 + 3 group cells; Latvia: A.2, B.1, D.1, D.2 and 2 group cells.
    expect(rowsWhere(long, { respondent: ESTONIA })).toHaveLength(16);
    expect(rowsWhere(long, { respondent: LATVIA })).toHaveLength(6);
    expect(long.rows).toHaveLength(22);
    const sector = rowsWhere(long, { respondent: ESTONIA, question: 'C.1', row: 2, sub_question: 'sector' });
    expect(sector).toHaveLength(1);
    expect(sector[0]?.[long.columns.indexOf('value')]).toBe('education');
    expect(rowsWhere(long, { respondent: ESTONIA, question: 'C.1', row: 1, sub_question: 'eserviceCount' })[0]?.[long.columns.indexOf('value')]).toBe(14);
    expect(rowsWhere(long, { respondent: LATVIA, question: 'B.1' })[0]?.[long.columns.indexOf('value')]).toBe('kiosk');
  });

  it('gives each long row its status, evidence and provenance, one entry per source in every column', () => {
    const { long } = tables;
    const [a2] = rowsWhere(long, { respondent: ESTONIA, question: 'A.2' });
    const at = (column: string): TableCell | undefined => a2?.[long.columns.indexOf(column)];
    expect(at('value')).toBe('yes');
    expect(at('status')).toBe('agreed');
    expect(at('indicators')).toBe('OSI #3');
    expect(at('row')).toBeNull();
    expect(at('evidence_urls')).toBe('https://www.gov.example/strategy https://www.gov.example/strategy/annex');
    expect(at('source_files')).toBe('estonia-digital.json; estonia-health.json');
    expect(at('signers')).toBe('Kai Tamm (Information System Authority); Ana Lima (Ministry of Health)');
    expect(at('signed')).toBe('2024-05-03T09:00:00.000Z; 2024-05-04T09:00:00.000Z');
    expect(at('verification')).toBe('valid; valid');

    const [a3] = rowsWhere(long, { respondent: ESTONIA, question: 'A.3' });
    expect(a3?.[long.columns.indexOf('status')]).toBe('resolved');
    expect(a3?.[long.columns.indexOf('value')]).toBe('no');
    expect(a3?.[long.columns.indexOf('resolution_reason')]).toBe(A3_REASON);
    expect(a3?.[long.columns.indexOf('source_files')]).toBe('estonia-health.json');

    const [b1] = rowsWhere(long, { respondent: ESTONIA, question: 'B.1' });
    expect(b1?.[long.columns.indexOf('status')]).toBe('conflict');
    expect(b1?.[long.columns.indexOf('value')]).toBeNull();
  });

  it('lists every file with its verification and standing, in intake order', () => {
    const { files } = tables;
    expect(files.columns).toEqual(FILES_COLUMNS);
    expect(files.rows.map((row) => row[0])).toEqual([
      'estonia-digital-v1.json',
      'estonia-digital.json',
      'estonia-health.json',
      'latvia.json',
      'copies/latvia.json',
      'estonia-health-edited.json',
      'notes.txt',
    ]);
    expect(files.rows.map((row) => row[files.columns.indexOf('standing')])).toEqual(['superseded', 'merged', 'merged', 'merged', 'duplicate', 'kept out', 'unreadable']);
    expect(cell(files, 'estonia-digital-v1.json', 'standing_detail')).toBe('superseded by estonia-digital.json');
    expect(cell(files, 'copies/latvia.json', 'standing_detail')).toBe('duplicate of latvia.json');
    expect(cell(files, 'estonia-health-edited.json', 'verification')).toBe('changed');
    expect(cell(files, 'estonia-health-edited.json', 'reason')).toBe('changed after signing: answers.B.4');
    expect(cell(files, 'estonia-health-edited.json', 'needs_decision')).toBe('yes');
    expect(cell(files, 'estonia-health-edited.json', 'trusted')).toBeNull();
    expect(cell(files, 'notes.txt', 'reason')).toMatch(/^the file is not valid JSON/);
    expect(cell(files, 'notes.txt', 'submission_id')).toBeNull();
    expect(cell(files, 'estonia-health.json', 'trusted')).toBe('no');
    expect(cell(files, 'estonia-health.json', 'signer')).toBe('Ana Lima');
    expect(cell(files, 'estonia-health.json', 'organisation')).toBe('Ministry of Health');
    expect(cell(files, 'estonia-health.json', 'respondent')).toBe(ESTONIA);
    expect(cell(files, 'estonia-health.json', 'submission_id')).toBe(estoniaHealth.submissionId);
    expect(cell(files, 'estonia-health.json', 'file_hash')).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('lists every conflict, open or resolved, with each value and its author', () => {
    const { conflicts } = tables;
    expect(conflicts.columns).toEqual(CONFLICTS_COLUMNS);
    expect(conflicts.rows).toHaveLength(2);
    const [a3] = rowsWhere(conflicts, { question: 'A.3' });
    expect(a3).toEqual([
      ESTONIA,
      'Estonia',
      'A.3',
      'resolved',
      'yes — Kai Tamm (Information System Authority), estonia-digital.json\nno — Ana Lima (Ministry of Health), estonia-health.json',
      'no',
      'choose',
      A3_REASON,
      'Coordinator',
      '2024-06-01T10:00:00.000Z',
    ]);
    const [b1] = rowsWhere(conflicts, { question: 'B.1' });
    expect(b1?.[3]).toBe('open');
    expect(b1?.[4]).toBe('web;mobile — Kai Tamm (Information System Authority), estonia-digital.json\nweb;sms — Ana Lima (Ministry of Health), estonia-health.json');
    expect(b1?.slice(5)).toEqual([null, null, null, null, null]);
  });

  it('has a codebook row for every wide column meaning, option labels and group sub-questions', () => {
    const { codebook } = tables;
    expect(codebook.columns).toEqual(CODEBOOK_COLUMNS);
    const kiosk = rowsWhere(codebook, { column: 'B.1[kiosk]' });
    expect(kiosk).toEqual([['test-all-types', '1.0.0', 'B.1[kiosk]', 'B.1', null, 'Through which channels are public services delivered?', 'multipleChoice', 'kiosk', 'Kiosks or service centres', null]]);
    expect(rowsWhere(codebook, { column: 'A.1' })).toEqual([['test-all-types', '1.0.0', 'A.1', 'A.1', 'OSI #1', 'Address (URL) of the national government portal', 'url', null, null, null]]);
    expect(rowsWhere(codebook, { column: 'B.2' }).map((row) => row[7])).toEqual(['central', 'ministries', 'mixed']);
    expect(rowsWhere(codebook, { column: 'A.3' }).map((row) => row[7])).toEqual(['yes', 'no', 'na']);
    expect(rowsWhere(codebook, { column: 'C.1[rows]' })).toHaveLength(1);
    const sectors = rowsWhere(codebook, { question: 'C.1', group_sub_question: 'sector' });
    expect(sectors).toHaveLength(6);
    expect(sectors[0]?.slice(5)).toEqual(['Sector', 'singleChoice', 'health', 'Health', 'sector']);
    expect(sectors[0]?.[2]).toBeNull();
    // Every wide question column appears in the codebook.
    const described = new Set(codebook.rows.map((row) => row[2]));
    for (const column of tables.wide[0]?.columns.slice(WIDE_LEADING_COLUMNS.length) ?? []) expect(described.has(column), column).toBe(true);
  });
});

describe('consolidated tables in less common cases', () => {
  it('spreads answers of an unknown questionnaire by their shape, with ids for labels', async () => {
    const tables = consolidatedTables(await scenario([chooseA3], []), []);
    const wide = tables.wide[0];
    if (wide === undefined) throw new Error('no wide table');
    // Without a definition: the questions found, in natural order; options and sub-questions found too.
    expect(wide.columns.slice(WIDE_LEADING_COLUMNS.length)).toEqual([
      'A.1',
      'A.2',
      'A.2.1',
      'A.3',
      'B.1[kiosk]',
      'B.1[mobile]',
      'B.1[sms]',
      'B.1[web]',
      'B.2',
      'B.3',
      'B.4',
      'B.5',
      'C.1[rows]',
      'D.1',
      'D.2',
    ]);
    expect(wide.headers).toBeUndefined();
    expect(wide.labels?.[WIDE_LEADING_COLUMNS.length]).toBe('A.1');
    expect(cell(wide, LATVIA, 'B.1[kiosk]')).toBe(1);
    expect(cell(wide, ESTONIA, 'C.1[rows]')).toBe(2);
    const types = new Map(tables.codebook.rows.map((row) => [row[2], row[6]]));
    expect(types.get('B.1[web]')).toBe('multipleChoice');
    expect(types.get('C.1[rows]')).toBe('group');
    expect(types.get('A.1')).toBe('unknown');
    expect(rowsWhere(tables.codebook, { question: 'C.1', group_sub_question: 'eserviceCount' })).toHaveLength(1);
  });

  it('keeps a written value of another shape in a column named by the bare question id', async () => {
    const write: ConflictDecision = {
      respondent: ESTONIA,
      question: 'B.1',
      resolution: { choice: { kind: 'write', value: 'web portal only, per the 2024 decree' }, reason: 'Both lists are out of date.', decidedAt: '2024-06-01T10:00:00.000Z' },
    };
    const tables = consolidatedTables(await scenario([chooseA3, write]), [definition]);
    const wide = tables.wide[0];
    if (wide === undefined) throw new Error('no wide table');
    expect(wide.columns.indexOf('B.1')).toBe(wide.columns.indexOf('B.1[web]') - 1);
    expect(cell(wide, ESTONIA, 'B.1')).toBe('web portal only, per the 2024 decree');
    expect(cell(wide, ESTONIA, 'B.1[web]')).toBeNull();
    expect(cell(wide, LATVIA, 'B.1')).toBeNull();
    expect(cell(wide, LATVIA, 'B.1[kiosk]')).toBe(1);
    expect(cell(wide, ESTONIA, 'open_conflicts')).toBe(0);
    expect(rowsWhere(tables.conflicts, { question: 'B.1' })[0]?.slice(5, 8)).toEqual(['web portal only, per the 2024 decree', 'write', 'Both lists are out of date.']);
  });

  it('combines multiple choice answers into the union of options', async () => {
    const combine: ConflictDecision = {
      respondent: ESTONIA,
      question: 'B.1',
      resolution: { choice: { kind: 'combine' }, reason: 'Each ministry knows its own channels.', decidedAt: '2024-06-01T10:00:00.000Z' },
    };
    const tables = consolidatedTables(await scenario([combine]), [definition]);
    const wide = tables.wide[0];
    if (wide === undefined) throw new Error('no wide table');
    expect(['web', 'mobile', 'sms', 'kiosk', 'other'].map((option) => cell(wide, ESTONIA, `B.1[${option}]`))).toEqual([1, 1, 1, 0, 0]);
    expect(rowsWhere(tables.long, { respondent: ESTONIA, question: 'B.1' })[0]?.[tables.long.columns.indexOf('value')]).toBe('web;mobile;sms');
  });

  it('takes labels in the language asked for, else the definition’s first language', async () => {
    const french: QuestionnaireDefinition = {
      ...definition,
      sections: definition.sections.map((section) => ({
        ...section,
        questions: section.questions.map((q) => (q.id === 'A.1' ? { ...q, label: { en: 'Portal address', fr: 'Adresse du portail' } } : q)),
      })),
    };
    const result = await scenario([], [french]);
    const labelOf = (tables: ConsolidatedTables): TableCell | undefined => tables.wide[0]?.labels?.[WIDE_LEADING_COLUMNS.length];
    expect(labelOf(consolidatedTables(result, [french], 'fr'))).toBe('Adresse du portail');
    expect(labelOf(consolidatedTables(result, [french]))).toBe('Portal address');
  });

  it('makes one wide table per questionnaire version, sorted, each with its own CSV name', async () => {
    const v2: QuestionnaireDefinition = { ...definition, version: '1.10.0' };
    const later = await signedDocument({ definition: v2, place: 'Finland', answers: { 'A.1': 'https://suomi.example/' } });
    const files = await intakeOf([later, latvia]);
    const tables = consolidatedTables(mergeSubmissions(files, { definitions: [definition, v2] }), [definition, v2]);
    expect(tables.wide.map((table) => [table.name, table.csvName, table.rows.length])).toEqual([
      ['Wide 1', 'wide-test-all-types-1.0.0.csv', 1],
      ['Wide 2', 'wide-test-all-types-1.10.0.csv', 1],
    ]);
    expect(tables.wide[1]?.rows[0]?.[0]).toBe('test-all-types@1.10.0/country/finland');
  });

  it('still lists every file when nothing could be merged', async () => {
    const files = await intakeOf([{ name: 'empty.json', bytes: new Uint8Array() }]);
    const tables = consolidatedTables(mergeSubmissions(files), []);
    expect(tables.wide).toEqual([]);
    expect(tables.long.rows).toEqual([]);
    expect(tables.files.rows).toHaveLength(1);
    expect(tables.files.rows[0]?.[tables.files.columns.indexOf('standing')]).toBe('unreadable');
    expect(tables.files.rows[0]?.[tables.files.columns.indexOf('reason')]).toBe('the file is empty');
  });
});
