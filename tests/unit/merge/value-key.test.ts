import { describe, expect, it } from 'vitest';
import { placeKey, respondentKeyOf } from '../../../shared/merge/respondent-key';
import { candidatesFingerprint, combineValues, valueKey } from '../../../shared/merge/value-key';
import type { GroupRow } from '../../../shared/schemas/answers';
import { bundled, signedDocument } from '../../helpers/merge-fixtures';

const row = (rowId: string, answers: GroupRow['answers']): GroupRow => ({ rowId, answers });

describe('valueKey', () => {
  it('treats text differing only in surrounding or repeated whitespace as the same answer', () => {
    expect(valueKey('  National   Digital\tAgenda\n2030 ')).toBe(valueKey('National Digital Agenda 2030'));
    expect(valueKey('National Digital Agenda 2030')).toBe('"National Digital Agenda 2030"');
    // A single tab or no-break space is whitespace too, read as one space.
    expect(valueKey('e-Government\tStrategy')).toBe(valueKey('e-Government Strategy'));
    expect(valueKey('e-Government\u00a0Strategy')).toBe(valueKey('e-Government Strategy'));
    expect(valueKey('e-GovernmentStrategy')).not.toBe(valueKey('e-Government Strategy'));
  });

  it('treats composed and decomposed accents as the same answer', () => {
    const composed = 'Bogot\u00e1';
    const decomposed = 'Bogota\u0301';
    expect(composed).not.toBe(decomposed);
    expect(valueKey(composed)).toBe(valueKey(decomposed));
  });

  it('keeps case, so differently capitalised text is a different answer', () => {
    expect(valueKey('eID')).not.toBe(valueKey('EID'));
  });

  it('keeps numbers apart from the same digits typed as text', () => {
    expect(valueKey(2021)).toBe('2021');
    expect(valueKey('2021')).toBe('"2021"');
    expect(valueKey(87.5)).toBe(valueKey(87.5));
    expect(valueKey(87.5)).not.toBe(valueKey(87.51));
  });

  it('treats a multiple choice as a set: order and repeats do not matter', () => {
    expect(valueKey(['web', 'mobile', 'sms'])).toBe(valueKey(['sms', 'web', 'mobile', 'web']));
    expect(valueKey(['web', 'mobile'])).toBe('["mobile","web"]');
    expect(valueKey(['web', 'mobile'])).not.toBe(valueKey(['web']));
  });

  it('compares group rows as a multiset, ignoring row ids, row order and empty cells', () => {
    const a = [
      row('r1', { name: 'Ministry of Health', sector: 'health', eserviceCount: 14 }),
      row('r2', { name: 'Ministry of Education', sector: 'education', website: '' }),
    ];
    const b = [
      row('x9', { name: 'Ministry of  Education ', sector: 'education', eservices: [] }),
      row('x7', { eserviceCount: 14, sector: 'health', name: 'Ministry of Health' }),
    ];
    expect(valueKey(a)).toBe(valueKey(b));
    expect(valueKey(a)).toBe(
      '[{"eserviceCount":14,"name":"Ministry of Health","sector":"health"},{"name":"Ministry of Education","sector":"education"}]',
    );
  });

  it('ignores rows where nothing was entered but counts repeated rows', () => {
    const one = [row('r1', { name: 'Health' })];
    expect(valueKey([...one, row('r2', { name: '  ', sector: [] })])).toBe(valueKey(one));
    expect(valueKey([row('r1', { name: 'Health' }), row('r2', { name: 'Health' })])).not.toBe(valueKey(one));
  });

  it('tells different cell values in a row apart', () => {
    expect(valueKey([row('r1', { name: 'Health', eserviceCount: 14 })])).not.toBe(valueKey([row('r1', { name: 'Health', eserviceCount: 15 })]));
  });
});

describe('candidatesFingerprint', () => {
  it('names a set of keys, whatever their order', () => {
    const keys = [valueKey('yes'), valueKey('no')];
    const fingerprint = candidatesFingerprint(keys);
    expect(fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(candidatesFingerprint([...keys].reverse())).toBe(fingerprint);
    expect(candidatesFingerprint([valueKey('yes'), valueKey('na')])).not.toBe(fingerprint);
    expect(candidatesFingerprint([valueKey('yes')])).not.toBe(fingerprint);
  });
});

describe('combineValues', () => {
  it('unites multiple choices in first-seen order, each option once', () => {
    expect(combineValues([['web', 'mobile'], ['sms', 'web'], ['kiosk']])).toEqual(['web', 'mobile', 'sms', 'kiosk']);
  });

  it('unites group rows: every distinct row once, the first kept, row ids made unique', () => {
    const combined = combineValues([
      [row('r1', { name: 'Health', sector: 'health' }), row('r2', { name: 'Education' })],
      [row('r1', { name: ' Health ', sector: 'health' }), row('r2', { name: 'Finance' }), row('r3', {})],
    ]);
    expect(combined).toEqual([
      { rowId: 'r1', answers: { name: 'Health', sector: 'health' } },
      { rowId: 'r2', answers: { name: 'Education' } },
      { rowId: 'r2-2', answers: { name: 'Finance' } },
    ]);
  });

  it('lets an empty list join either kind', () => {
    expect(combineValues([[], ['web']])).toEqual(['web']);
    expect(combineValues([[row('r1', { name: 'Health' })], []])).toEqual([{ rowId: 'r1', answers: { name: 'Health' } }]);
  });

  it('refuses values that have no union: text, numbers, or lists of different kinds', () => {
    expect(combineValues(['yes', 'no'])).toBeUndefined();
    expect(combineValues([3, 4])).toBeUndefined();
    expect(combineValues([['web'], 'web'])).toBeUndefined();
    expect(combineValues([['web'], [row('r1', { name: 'Health' })]])).toBeUndefined();
    expect(combineValues([])).toBeUndefined();
  });
});

describe('respondent keys', () => {
  it('normalises places: case, whitespace and Unicode form, keeping accents', () => {
    expect(placeKey('  Cape   Town ')).toBe('cape town');
    expect(placeKey('KENYA')).toBe(placeKey('kenya'));
    expect(placeKey('Bogota\u0301')).toBe(placeKey('BOGOT\u00c1'));
    expect(placeKey('Bogotá')).not.toBe(placeKey('Bogota'));
  });

  it('names questionnaire, version, kind and place', async () => {
    const document = await signedDocument({ definition: bundled('test-all-types'), place: ' Cape  Verde', answers: { 'A.2': 'yes' } });
    expect(respondentKeyOf(document)).toBe('test-all-types@1.0.0/country/cape verde');
  });
});
