import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EgovDeskDatabase } from '../../../../renderer/src/db/database';
import { LATEST_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../../../renderer/src/db/versions';
import { freshDatabase, versionOneResponse } from '../../../helpers/fake-db';

let db: EgovDeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

describe('Dexie schema versions', () => {
  it('are numbered 1, 2, 3… in the order they are applied', () => {
    expect(SCHEMA_VERSIONS.map((v) => v.VERSION)).toEqual(SCHEMA_VERSIONS.map((_, i) => i + 1));
  });

  it('each upgrade (version 2 and later) has its own test that seeds the previous version', () => {
    // The rule of the append-only versions folder, checked rather than remembered.
    for (const version of SCHEMA_VERSIONS.slice(1)) {
      const file = join(import.meta.dirname, `version-${String(version.VERSION).padStart(4, '0')}.test.ts`);
      expect(existsSync(file), `${file} is missing`).toBe(true);
    }
  });

  it('version 1 opens on an empty device with the expected tables and indexes', async () => {
    db = freshDatabase(1);
    await db.open();
    expect(db.verno).toBe(1);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['answers', 'responses', 'settings']);
    expect(db.table('answers').schema.primKey.keyPath).toEqual(['responseId', 'questionId']);
    expect(db.table('responses').schema.indexes.map((i) => i.name).sort()).toEqual(['questionnaireId', 'updatedAt']);
  });

  it('the latest version opens data written by every earlier version', async () => {
    db = freshDatabase(1);
    await db.responses.add(
      versionOneResponse('seed', { kind: 'city', place: 'Montevideo', organisation: 'Intendencia', focalPointName: 'Ana', focalPointEmail: 'ana@example.uy' }),
    );
    await db.answers.add({ responseId: 'seed', questionId: 'A.1', value: 'yes', updatedAt: 2 });
    const name = db.name;
    db.close();
    const { EgovDeskDatabase } = await import('../../../../renderer/src/db/database');
    db = new EgovDeskDatabase(name, LATEST_SCHEMA_VERSION);
    expect(await db.answers.get(['seed', 'A.1'])).toMatchObject({ value: 'yes' });
    expect((await db.responses.get('seed'))?.respondent.place).toBe('Montevideo');
  });
});
