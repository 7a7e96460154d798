import { beforeAll, describe, expect, it } from 'vitest';
import { backupFileName, buildBackup } from '../../../shared/backup/build';
import { BACKUP_FORMAT, MAX_BACKUP_BYTES, MAX_BACKUP_ROWS, tablesDigest } from '../../../shared/backup/format';
import { readBackup } from '../../../shared/backup/read';
import { MAX_OPEN_FILE_BYTES_CAP, MAX_SAVE_FILE_BYTES } from '../../../shared/ipc/contract';
import type { BackupRead } from '../../../shared/backup/read';
import type { BackupTableName, BackupTables } from '../../../shared/backup/rows';
import { LAST_BACKUP_SETTING } from '../../../shared/backup/rows';
import { canonicalJson } from '../../../shared/canonical-json';
import { contentHash } from '../../../shared/crypto/hash';
import { valueKey } from '../../../shared/merge/value-key';
import { KNOWN_DATABASE_VERSION, NOW, at, backupBytes, backupObject, encode, fullTables } from './backup-kit';

type Forge = Record<BackupTableName, Record<string, unknown>[]> & { passwords?: unknown[] };

let tables: BackupTables;
beforeAll(async () => {
  tables = await fullTables();
});

const read = (bytes: Uint8Array): BackupRead => readBackup(bytes, { knownDatabaseVersion: KNOWN_DATABASE_VERSION });

/** A file whose tables were changed and whose digest was recomputed: what a careful forger makes. */
function forged(change: (tables: Forge) => void): Uint8Array {
  const file = backupObject(tables);
  const copy = file.tables as Forge;
  change(copy);
  file.digest = tablesDigest(copy);
  return encode(file);
}

function refused(result: BackupRead): { problem: string; detail: string } {
  if (result.ok) throw new Error('expected the file to be refused');
  return { problem: result.problem, detail: result.detail };
}

describe('making a backup', () => {
  it('holds every table, the app and database versions, and a digest of the canonical tables', () => {
    const backup = buildBackup(tables, { appVersion: '1.2.3', databaseVersion: 6, now: NOW });
    expect(backup).toMatchObject({ format: BACKUP_FORMAT, formatVersion: 1, createdAt: '2026-11-29T12:00:00.000Z', app: { version: '1.2.3' }, databaseVersion: 6 });
    expect(backup.digest).toBe(tablesDigest(backup.tables));
    expect(backup.tables.responses).toHaveLength(2);
    expect(backup.tables.answers).toHaveLength(3);
  });

  it('leaves out the device setting "last backup" and anything that is not JSON', () => {
    const withUndefined = { ...tables, responses: tables.responses.map((row) => ({ ...row, revises: undefined })) } as unknown as BackupTables;
    const backup = buildBackup(withUndefined, { appVersion: '1', databaseVersion: 6, now: NOW });
    expect(backup.tables.settings.map((row) => row.key)).toEqual(['ui.language']);
    expect(Object.keys(backup.tables.responses[0] ?? {})).not.toContain('revises');
    expect(JSON.stringify(backup)).not.toContain(LAST_BACKUP_SETTING);
  });

  it('is named egov-desk-backup-YYYY-MM-DD.json', () => {
    expect(backupFileName(NOW)).toBe('egov-desk-backup-2026-11-29.json');
  });
});

describe('reading a backup', () => {
  it('reads back what was written, row for row', () => {
    const result = read(backupBytes(tables));
    if (!result.ok) throw new Error(result.detail);
    expect(result.backup.tables.responses).toEqual(tables.responses);
    expect(result.backup.tables.answers).toEqual(tables.answers);
    expect(result.backup.tables.evidence).toEqual(tables.evidence);
    expect(result.backup.tables.definitions).toEqual(tables.definitions);
    expect(result.backup.tables.reviewDrafts).toEqual(tables.reviewDrafts);
    expect(result.backup.tables.receivedReviews).toEqual(tables.receivedReviews);
    expect(result.backup.tables.mergeDecisions).toEqual(tables.mergeDecisions);
    expect(result.backup.tables.settings).toEqual([{ key: 'ui.language', value: 'fr' }]);
  });

  it('still reads a file that was pretty-printed or had its keys reordered (the digest is over the canonical form)', () => {
    const file = backupObject(tables);
    const reordered = Object.fromEntries(Object.entries(file).reverse());
    expect(read(encode(JSON.stringify(reordered, null, 2))).ok).toBe(true);
  });

  it('accepts a backup from an older database version; tables it did not have are empty', () => {
    const older = { responses: tables.responses, answers: tables.answers, settings: tables.settings.slice(0, 1) };
    const file = { ...backupObject(tables), databaseVersion: 1, tables: older, digest: tablesDigest(older) };
    const result = read(encode(file));
    if (!result.ok) throw new Error(result.detail);
    expect(result.backup.databaseVersion).toBe(1);
    expect(result.backup.tables.identities).toEqual([]);
    expect(result.backup.tables.evidence).toEqual([]);
    expect(result.backup.tables.answers).toHaveLength(3);
  });

  it('refuses a backup made by a newer database version or format: update first', () => {
    expect(refused(read(backupBytes(tables, KNOWN_DATABASE_VERSION + 1)))).toMatchObject({ problem: 'newerDatabase', detail: expect.stringContaining('database version 7') as unknown });
    expect(refused(read(encode({ ...backupObject(tables), formatVersion: 2 }))).problem).toBe('newerFormat');
  });

  it.each([
    ['empty', new Uint8Array(0), 'empty'],
    ['whitespace', encode('   \n'), 'empty'],
    ['not UTF-8', new Uint8Array([0xff, 0xfe, 0x00, 0x7b]), 'notUtf8'],
    ['not JSON', encode('egov-desk backup, honest'), 'notJson'],
    ['truncated', encode('{"format":"egov-desk/backup","tables":{'), 'notJson'],
    ['100,000-deep nesting', encode('['.repeat(100_000)), 'tooDeep'],
    ['an array', encode('[1,2,3]'), 'notBackup'],
    ['another JSON file', encode({ hello: 'world' }), 'notBackup'],
    ['a submission', encode({ format: 'egov-desk/submission', formatVersion: 1 }), 'otherFormat'],
    ['a signer card', encode({ format: 'egov-desk/signer-card' }), 'otherFormat'],
  ])('refuses %s with its own reason', (_what, bytes, problem) => {
    expect(refused(read(bytes)).problem).toBe(problem);
  });

  it('the limit is what a save may write, and what a restore asks the open dialog for', () => {
    expect(MAX_BACKUP_BYTES).toBe(MAX_SAVE_FILE_BYTES);
    expect(MAX_BACKUP_BYTES).toBe(MAX_OPEN_FILE_BYTES_CAP);
  });

  it('refuses a file over the size limit before reading it', () => {
    expect(refused(read(new Uint8Array(MAX_BACKUP_BYTES + 1))).problem).toBe('tooLarge');
  });

  it('refuses a file whose tables were edited without fixing the digest (damaged or edited by hand)', () => {
    const file = backupObject(tables);
    at((file.tables as Forge).answers, 0).value = 'https://evil.example/';
    const result = refused(read(encode(file)));
    expect(result.problem).toBe('digestMismatch');
    expect(result.detail).toMatch(/the file says sha256:/);
  });

  it('refuses a bad envelope (missing digest, wrong createdAt) as not following the format', () => {
    const file = backupObject(tables);
    delete file.digest;
    expect(refused(read(encode(file)))).toMatchObject({ problem: 'invalid', detail: expect.stringContaining('digest') as unknown });
    expect(refused(read(encode({ ...backupObject(tables), createdAt: 'yesterday' }))).detail).toMatch(/createdAt/);
  });

  it.each<[string, (t: Forge) => void, RegExp]>([
    ['an unknown table', (t) => { t.passwords = []; }, /passwords|unrecognized/i],
    ['an unknown member in a row', (t) => { Object.assign(at(t.responses, 0), { isAdmin: true }); }, /responses\[0\]/],
    ['an answer of 300,000 characters', (t) => { Object.assign(at(t.answers, 0), { value: 'x'.repeat(300_000) }); }, /answers\[0\]\.value/],
    ['a negative time', (t) => { Object.assign(at(t.answers, 0), { updatedAt: -1 }); }, /answers\[0\]\.updatedAt/],
    ['a bad e-mail', (t) => { Object.assign(at(t.responses, 0).respondent as object, { focalPointEmail: 'not-an-email' }); }, /focalPointEmail/],
    ['an evidence item with an empty id', (t) => { Object.assign(at(at(t.evidence, 0).items as object[], 0), { id: '' }); }, /items\[0\]\.id/],
    ['a question id with a path in it', (t) => { Object.assign(at(t.answers, 0), { questionId: '../../etc' }); }, /questionId/],
    ['a forged signer card', (t) => { Object.assign(at(t.trustedSigners, 0).card as object, { algorithm: 'RSA' }); }, /card\.algorithm/],
    ['a setting of 20,000 characters', (t) => { t.settings.push({ key: 'x', value: 'y'.repeat(20_000) }); }, /settings\[\d\]\.value/],
    ['too many settings', (t) => { for (let i = 0; i <= MAX_BACKUP_ROWS.settings; i += 1) t.settings.push({ key: `k${String(i)}`, value: '' }); }, /more than 1,000 rows/],
  ])('refuses %s, naming where', (_what, change, detail) => {
    const result = refused(read(forged(change)));
    expect(result.problem).toBe('invalid');
    expect(result.detail).toMatch(detail);
  });

  it('puts every imported definition through the checks of an imported file', async () => {
    // A definition that refers to a question that does not exist, with its hashes made to fit.
    const broken = structuredClone(tables.definitions[0]?.json) as { sections: { questions: Record<string, unknown>[] }[] };
    const first = broken.sections[0]?.questions[0];
    if (!first) throw new Error('the test definition has no question');
    first.relevant = { question: 'NOPE.1', op: 'equals', value: 'yes' };
    const hash = await contentHash(broken);
    const result = refused(read(forged((t) => { Object.assign(at(t.definitions, 0), { json: broken, contentHash: hash }); })));
    expect(result.problem).toBe('badDefinition');
    expect(result.detail).toMatch(/imported\.json.*relevant/);
  });

  it('refuses a definition whose content does not match its hash, or stored under another key', () => {
    expect(refused(read(forged((t) => { Object.assign(at(t.definitions, 0), { contentHash: `sha256:${'0'.repeat(64)}` }); }))).problem).toBe('badDefinition');
    expect(refused(read(forged((t) => { Object.assign(at(t.definitions, 0), { key: 'osi@2024.1.0' }); }))).detail).toMatch(/key/);
    expect(refused(read(forged((t) => { Object.assign(at(t.definitions, 0), { version: '3.0.0', key: 'imported-test@3.0.0' }); }))).detail).toMatch(/the row says/);
    expect(refused(read(forged((t) => { Object.assign(at(t.definitions, 0), { json: 'not a definition' }); }))).problem).toBe('badDefinition');
  });

  it.each<[string, (t: Forge) => void, RegExp]>([
    ['two responses with one id', (t) => { t.responses.push(structuredClone(at(t.responses, 0))); }, /responses\[2\] has the same key as tables\.responses\[0\]/],
    ['an answer of no response', (t) => { Object.assign(at(t.answers, 0), { responseId: 'ghost' }); }, /belongs to response ghost/],
    ['an identity whose key id is not its key', (t) => { Object.assign(at(t.identities, 0), { keyId: 'f'.repeat(64) }); }, /identities\[0\]/],
    ['a trusted card under another key id', (t) => { Object.assign(at(t.trustedSigners, 0), { keyId: 'e'.repeat(64) }); }, /trustedSigners\[0\]/],
    ['review notes filed under another submission', (t) => { Object.assign(at(t.reviewDrafts, 0), { submissionHash: `sha256:${'c'.repeat(64)}` }); }, /reviewDrafts\[0\]/],
    ['a received review with a wrong hash', (t) => { Object.assign(at(t.receivedReviews, 0), { reviewHash: `sha256:${'d'.repeat(64)}` }); }, /receivedReviews\[0\]/],
    ['a merge decision under another question', (t) => { Object.assign(at(t.mergeDecisions, 0), { question: 'A.1' }); }, /mergeDecisions\[0\]/],
  ])('refuses %s as inconsistent', (_what, change, detail) => {
    const result = refused(read(forged(change)));
    expect(result.problem).toBe('inconsistent');
    expect(result.detail).toMatch(detail);
  });

  it('never throws, whatever the bytes', () => {
    const samples = [encode({ format: BACKUP_FORMAT, formatVersion: 1, databaseVersion: 'six' }), encode({ format: BACKUP_FORMAT, formatVersion: 1, databaseVersion: 6, tables: [] }), encode('"\\ud800"'), encode('null')];
    for (const bytes of samples) expect(read(bytes).ok).toBe(false);
  });

  it('never throws on 200 random mutations of a real backup (bytes flipped, cut, repeated), and never accepts one that changed a row', () => {
    const original = backupBytes(tables);
    const good = read(original);
    if (!good.ok) throw new Error(good.detail);
    const originalTables = canonicalJson(good.backup.tables);
    // A fixed-seed generator: a failure names a sample that can be replayed.
    let seed = 20_261_129;
    const random = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % below;
    };
    for (let sample = 0; sample < 200; sample += 1) {
      const bytes = original.slice();
      const kind = sample % 4;
      let mutated: Uint8Array = bytes;
      if (kind === 0) for (let i = 0; i < 1 + random(8); i += 1) bytes[random(bytes.length)] = random(256);
      else if (kind === 1) mutated = bytes.slice(0, random(bytes.length));
      else if (kind === 2) {
        const at = random(bytes.length);
        mutated = new Uint8Array([...bytes.slice(0, at), ...bytes.slice(random(bytes.length))]);
      } else {
        // A printable character somewhere: mostly still JSON, so the digest and schemas get the work.
        bytes[random(bytes.length)] = 32 + random(95);
      }
      let result: BackupRead | undefined;
      expect(() => { result = read(mutated); }, `sample ${String(sample)}`).not.toThrow();
      // A mutation that still reads (whitespace, the envelope's app version…) changed no row: the digest holds them.
      if (result?.ok) expect(canonicalJson(result.backup.tables), `sample ${String(sample)}`).toBe(originalTables);
    }
  });

  it('reads back a "choose" decision whose key is the JSON of a long answer (no key length cap below the answer\'s)', () => {
    const answer = 'x'.repeat(150_000);
    const decision = { ...at(tables.mergeDecisions, 0).decision, resolution: { ...at(tables.mergeDecisions, 0).decision.resolution, choice: { kind: 'choose' as const, key: valueKey(answer) } } };
    const result = read(backupBytes({ ...tables, mergeDecisions: [{ ...at(tables.mergeDecisions, 0), decision }] }));
    if (!result.ok) throw new Error(result.detail);
    expect(result.backup.tables.mergeDecisions[0]?.decision).toEqual(decision);
  });

  it('refuses a group row with a "__proto__" cell, naming where, rather than silently dropping the cell', () => {
    const text = new TextDecoder().decode(backupBytes(tables)).replace('"C.1.1":"Ministry"', '"__proto__":"Ministry"');
    const file = JSON.parse(text) as Record<string, unknown>;
    file.digest = tablesDigest(file.tables);
    const result = refused(read(encode(JSON.stringify(file))));
    expect(result.problem).toBe('invalid');
    expect(result.detail).toMatch(/answers\[2\]\.value\[0\]\.answers\.__proto__/);
  });

  it('takes a group cell key the app itself accepts on import, even one that is not a question id, so no stored row blocks every backup', () => {
    const other = JSON.parse(new TextDecoder().decode(backupBytes(tables)).replace('"C.1.1":"Ministry"', '"col 1":"Ministry"')) as Record<string, unknown>;
    other.digest = tablesDigest(other.tables);
    const result = read(encode(JSON.stringify(other)));
    expect(result.ok).toBe(true);
    if (result.ok) expect(JSON.stringify(result.backup.tables.answers)).toContain('"col 1":"Ministry"');
  });

  it('says where in the file a refusal is, in a form that reads the same in any language', () => {
    const invalid = read(forged((t) => { Object.assign(at(t.answers, 0), { updatedAt: -1 }); }));
    expect(invalid).toMatchObject({ ok: false, problem: 'invalid', where: 'tables.answers[0].updatedAt' });
    const inconsistent = read(forged((t) => { Object.assign(at(t.answers, 0), { responseId: 'ghost' }); }));
    expect(inconsistent).toMatchObject({ ok: false, problem: 'inconsistent', where: 'tables.answers[0]' });
    const badDefinition = read(forged((t) => { Object.assign(at(t.definitions, 0), { contentHash: `sha256:${'0'.repeat(64)}` }); }));
    expect(badDefinition).toMatchObject({ ok: false, problem: 'badDefinition', where: 'tables.definitions[0] (imported.json)' });
  });

  it('reports each stage while reading, in order', () => {
    const stages: string[] = [];
    expect(readBackup(backupBytes(tables), { knownDatabaseVersion: KNOWN_DATABASE_VERSION, onStage: (stage) => stages.push(stage) }).ok).toBe(true);
    expect(stages).toEqual(['parsing', 'digest', 'rows', 'definitions', 'consistency']);
  });

  it('the digest is SHA-256 of the RFC 8785 form of the tables', () => {
    const file = backupObject(tables);
    expect(file.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(tablesDigest(JSON.parse(canonicalJson(file.tables)))).toBe(file.digest);
  });
});
