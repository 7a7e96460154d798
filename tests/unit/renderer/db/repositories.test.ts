import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import type { EgovDeskDatabase } from '../../../../renderer/src/db/database';
import { AnswersRepository } from '../../../../renderer/src/db/repositories/answers';
import { ResponsesRepository } from '../../../../renderer/src/db/repositories/responses';
import { SettingsRepository } from '../../../../renderer/src/db/repositories/settings';
import { freshDatabase } from '../../../helpers/fake-db';

const respondent = {
  kind: 'country' as const,
  place: 'Estonia',
  organisation: 'Ministry of Economic Affairs',
  focalPointName: 'Kai Tamm',
  focalPointEmail: 'kai@example.ee',
};

let db: EgovDeskDatabase;
let clock = 1_000;
const now = () => (clock += 1_000);
let ids = 0;
const newId = () => `r${String((ids += 1))}`;

function repos() {
  db = freshDatabase();
  return { responses: new ResponsesRepository(db, now, newId), answers: new AnswersRepository(db, now), settings: new SettingsRepository(db) };
}

afterEach(async () => {
  await db.delete();
});

describe('ResponsesRepository', () => {
  it('creates responses and lists the most recently changed first', async () => {
    const { responses, answers } = repos();
    const first = await responses.create({ questionnaireId: 'q', questionnaireVersion: '1.0.0', questionnaireHash: 'sha256:test', respondent, totalQuestions: 10 });
    const second = await responses.create({ questionnaireId: 'q', questionnaireVersion: '1.0.0', questionnaireHash: 'sha256:test', respondent: { ...respondent, place: 'Chile' }, totalQuestions: 10 });
    expect((await responses.list()).map((r) => r.id)).toEqual([second.id, first.id]);
    await answers.save(first.id, new Map([['A.1', 'yes']]), { answered: 1, total: 10 });
    const listed = await responses.list();
    expect(listed.map((r) => r.id)).toEqual([first.id, second.id]);
    expect(listed[0]?.progress).toEqual({ answered: 1, total: 10 });
  });

  it('duplicates a response with all its answers, leaving the original untouched', async () => {
    const { responses, answers } = repos();
    const source = await responses.create({ questionnaireId: 'q', questionnaireVersion: '1.0.0', questionnaireHash: 'sha256:test', respondent, totalQuestions: 3 });
    await answers.save(source.id, new Map<string, string | number>([['A.1', 'yes'], ['B.3', 12]]), { answered: 2, total: 3 });
    const copy = await responses.duplicate(source.id);
    expect(copy.id).not.toBe(source.id);
    expect(copy.respondent).toEqual(respondent);
    expect(await answers.load(copy.id)).toEqual(new Map<string, string | number>([['A.1', 'yes'], ['B.3', 12]]));
    await answers.save(copy.id, new Map([['A.1', 'no']]), { answered: 2, total: 3 });
    expect((await answers.load(source.id)).get('A.1')).toBe('yes');
  });

  it('refuses to duplicate a response that does not exist', async () => {
    const { responses } = repos();
    await expect(responses.duplicate('nope')).rejects.toThrow(AppError);
  });

  it('deletes a response and every answer of it, and nothing else', async () => {
    const { responses, answers } = repos();
    const keep = await responses.create({ questionnaireId: 'q', questionnaireVersion: '1.0.0', questionnaireHash: 'sha256:test', respondent, totalQuestions: 1 });
    const gone = await responses.create({ questionnaireId: 'q', questionnaireVersion: '1.0.0', questionnaireHash: 'sha256:test', respondent, totalQuestions: 1 });
    await answers.save(keep.id, new Map([['A.1', 'yes']]), { answered: 1, total: 1 });
    await answers.save(gone.id, new Map([['A.1', 'no']]), { answered: 1, total: 1 });
    await responses.remove(gone.id);
    expect(await responses.get(gone.id)).toBeUndefined();
    expect(await answers.load(gone.id)).toEqual(new Map());
    expect(await answers.load(keep.id)).toEqual(new Map([['A.1', 'yes']]));
  });
});

describe('AnswersRepository', () => {
  it('stores every kind of answer value exactly and clears with undefined', async () => {
    const { responses, answers } = repos();
    const row = await responses.create({ questionnaireId: 'q', questionnaireVersion: '1.0.0', questionnaireHash: 'sha256:test', respondent, totalQuestions: 5 });
    const values = new Map<string, string | number | string[] | { rowId: string; answers: Record<string, string | number> }[]>([
      ['text', 'Línea 1\nline 2 — «quoted» 漢字'],
      ['int', 42],
      ['dec', 3.25],
      ['multi', ['web', 'sms']],
      ['group', [{ rowId: 'a', answers: { name: 'Health', count: 3 } }]],
      ['unparsed', '12a'],
    ]);
    await answers.save(row.id, values, { answered: 6, total: 6 });
    expect(await answers.load(row.id)).toEqual(values);
    await answers.save(row.id, new Map([['int', undefined]]), { answered: 5, total: 6 });
    expect((await answers.load(row.id)).has('int')).toBe(false);
  });

  it('refuses to save into a deleted response and writes nothing', async () => {
    const { responses, answers } = repos();
    const row = await responses.create({ questionnaireId: 'q', questionnaireVersion: '1.0.0', questionnaireHash: 'sha256:test', respondent, totalQuestions: 1 });
    await responses.remove(row.id);
    await expect(answers.save(row.id, new Map([['A.1', 'yes']]), { answered: 1, total: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.answers.count()).toBe(0);
  });
});

describe('SettingsRepository', () => {
  it('keeps a setting across database instances', async () => {
    const { settings } = repos();
    await settings.set('ui.language', 'fr');
    const reopened = new SettingsRepository(db);
    expect(await reopened.get('ui.language')).toBe('fr');
    expect(await reopened.get('missing')).toBeUndefined();
  });
});
