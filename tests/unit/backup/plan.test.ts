import { beforeAll, describe, expect, it } from 'vitest';
import { CLOCK_TOLERANCE_MS, NO_CHOICES, demotedIdentities, effectiveKind, planFingerprint, planRestore, restoreWrites, summarizePlan } from '../../../shared/backup/plan';
import type { RestoreChoices } from '../../../shared/backup/plan';
import type { BackupTables } from '../../../shared/backup/rows';
import { emptyTables } from '../../../shared/backup/rows';
import { toBase64 } from '../../../shared/crypto/base64';
import { testKey } from '../../helpers/signed-submission';
import { PLAN_OPTIONS, at, fullTables } from './backup-kit';

let backup: BackupTables;
beforeAll(async () => {
  backup = await fullTables();
});

type Mutable = { -readonly [K in keyof BackupTables]: BackupTables[K][number][] };

/** The backup's tables with something changed on "this device". */
function deviceWith(change: (tables: Mutable) => void): BackupTables {
  const copy = structuredClone(backup) as Mutable;
  change(copy);
  return copy;
}

const plan = (from: BackupTables, device: BackupTables, options = PLAN_OPTIONS) => planRestore(from, device, options);
const choices = (some: Partial<RestoreChoices>): RestoreChoices => ({ ...NO_CHOICES, ...some });

describe('planning a restore', () => {
  it('onto an empty device: everything is added, except settings, which wait for an opt-in', () => {
    const result = plan(backup, emptyTables());
    expect(result.responses.map((entry) => [entry.id, entry.kind, entry.answers])).toEqual([
      ['r1', 'add', 2],
      ['r2', 'add', 1],
    ]);
    const summary = summarizePlan(result, NO_CHOICES);
    expect(summary.responses).toMatchObject({ add: 2, replace: 0, keep: 0, identical: 0 });
    expect(summary.byTable.settings).toMatchObject({ add: 0, keep: 2 });
    expect(summary.other.add).toBe(7);
    expect(summary.optIns).toEqual({ replaceNewer: 0, replaceUnclear: 0, takeSettings: 2 });
    expect(summarizePlan(result, choices({ takeSettings: true })).byTable.settings).toMatchObject({ add: 2, keep: 0 });
    expect(summary.nothingToDo).toBe(false);
  });

  it('onto the same data: everything is identical, and only then "already on this device"', () => {
    const summary = summarizePlan(plan(backup, structuredClone(backup)), choices({ replaceNewer: true }));
    expect(summary.responses).toMatchObject({ add: 0, replace: 0, keep: 0, identical: 2 });
    expect(summary.other).toMatchObject({ add: 0, replace: 0, keep: 0, identical: 9 });
    expect(summary.nothingToDo).toBe(true);
    expect(summary.allIdentical).toBe(true);
  });

  it('when rows are only kept, there is nothing to do but it is not "already the same"', () => {
    const device = deviceWith((t) => { t.responses[1] = { ...at(t.responses, 1), updatedAt: 9_999 }; });
    const summary = summarizePlan(plan(backup, device), NO_CHOICES);
    expect(summary.nothingToDo).toBe(true);
    expect(summary.allIdentical).toBe(false);
  });

  it('a response older on this device is replaced; one newer on this device is kept', () => {
    const device = deviceWith((t) => {
      t.responses[0] = { ...at(t.responses, 0), updatedAt: 1_500 };
      t.answers[0] = { ...at(t.answers, 0), value: 'https://old.example/' };
      t.responses[1] = { ...at(t.responses, 1), updatedAt: 9_999 };
      t.answers[2] = { ...at(t.answers, 2), value: 'newer', updatedAt: 9_999 };
    });
    const result = plan(backup, device);
    expect(result.responses.map((entry) => [entry.id, entry.kind, entry.reason, entry.localUpdatedAt])).toEqual([
      ['r1', 'replace', undefined, 1_500],
      ['r2', 'keep', 'newerHere', 9_999],
    ]);
    const writes = restoreWrites(result, backup, NO_CHOICES);
    expect(writes.responses.map((row) => row.id)).toEqual(['r1']);
    expect(writes.answers.every((row) => row.responseId === 'r1')).toBe(true);
    expect(restoreWrites(result, backup, choices({ replaceNewer: true })).responses.map((row) => row.id)).toEqual(['r1', 'r2']);
  });

  it('the same time with other content is kept, and says so (not "newer on this device")', () => {
    const device = deviceWith((t) => { t.evidence = []; });
    const entry = plan(backup, device).responses.find((e) => e.id === 'r1');
    expect(entry).toMatchObject({ kind: 'keep', reason: 'sameTime', optIn: 'replaceNewer' });
    const writes = restoreWrites(plan(backup, device), backup, choices({ replaceNewer: true }));
    expect(writes.answers.map((row) => row.questionId)).toEqual(['A.1', 'B.1']);
    expect(writes.evidence.map((row) => row.questionId)).toEqual(['A.2']);
  });

  it('compares answers regardless of their order on the device', () => {
    const device = deviceWith((t) => { t.answers.reverse(); });
    expect(summarizePlan(plan(backup, device), NO_CHOICES).responses.identical).toBe(2);
  });

  describe('a time in the future (a fast clock on the device that made the backup)', () => {
    const future = PLAN_OPTIONS.now + 24 * 60 * 60 * 1000;

    it('is "unclear", never applied by default nor by "replace newer", only by its own opt-in', () => {
      const from = deviceWith((t) => { t.responses[0] = { ...at(t.responses, 0), updatedAt: future }; });
      const result = plan(from, backup, { ...PLAN_OPTIONS, backupCreatedAt: future });
      const entry = result.responses.find((e) => e.id === 'r1');
      expect(entry).toMatchObject({ kind: 'unclear', reason: 'futureTime', optIn: 'replaceUnclear' });
      expect(restoreWrites(result, from, choices({ replaceNewer: true })).responses).toEqual([]);
      expect(restoreWrites(result, from, choices({ replaceUnclear: true })).responses.map((row) => row.id)).toEqual(['r1']);
      expect(summarizePlan(result, NO_CHOICES).responses.unclear).toBe(1);
    });

    it('also when later than the backup itself, even if not later than now', () => {
      const from = deviceWith((t) => { t.trustedSigners[0] = { ...at(t.trustedSigners, 0), addedAt: PLAN_OPTIONS.backupCreatedAt + CLOCK_TOLERANCE_MS + 1 }; });
      const device = deviceWith((t) => { t.trustedSigners[0] = { ...at(t.trustedSigners, 0), addedAt: 1 }; });
      const result = plan(from, device, { ...PLAN_OPTIONS, now: PLAN_OPTIONS.now + 10 * CLOCK_TOLERANCE_MS });
      expect(result.rows.trustedSigners[0]).toMatchObject({ kind: 'unclear', reason: 'futureTime' });
    });

    it('within the tolerance, a newer copy is simply newer', () => {
      const from = deviceWith((t) => { t.responses[0] = { ...at(t.responses, 0), updatedAt: PLAN_OPTIONS.now + CLOCK_TOLERANCE_MS - 1 }; });
      expect(plan(from, backup, { ...PLAN_OPTIONS, backupCreatedAt: PLAN_OPTIONS.now + CLOCK_TOLERANCE_MS }).responses[0]?.kind).toBe('replace');
    });
  });

  describe('signed responses', () => {
    const submission = { submissionId: '6f1d3c2a-8b4e-4c1a-9f2e-0a1b2c3d4e5f', signedAt: 2_500, keyId: 'a'.repeat(64) };

    it('a signed response here is never replaced by an unsigned copy, whatever the times and choices', () => {
      const device = deviceWith((t) => { t.responses[0] = { ...at(t.responses, 0), submission }; });
      const from = deviceWith((t) => { t.responses[0] = { ...at(t.responses, 0), updatedAt: 50_000 }; });
      const result = plan(from, device);
      const entry = result.responses.find((e) => e.id === 'r1');
      expect(entry).toMatchObject({ kind: 'keep', reason: 'submitted', localSubmitted: true, backupSubmitted: false });
      expect(entry?.optIn).toBeUndefined();
      expect(restoreWrites(result, from, { replaceNewer: true, replaceUnclear: true, takeSettings: true }).responses.map((row) => row.id)).not.toContain('r1');
    });

    it('the backup\'s signed copy of the same time replaces the unsigned one here (signing does not move the time)', () => {
      const from = deviceWith((t) => { t.responses[0] = { ...at(t.responses, 0), submission }; });
      const entry = plan(from, backup).responses.find((e) => e.id === 'r1');
      expect(entry).toMatchObject({ kind: 'replace', backupSubmitted: true, localSubmitted: false });
    });
  });

  it('settings are the device\'s own: kept unless the person opts in, and not counted as "newer"', () => {
    const device = deviceWith((t) => { t.settings = [{ key: 'ui.language', value: 'en' }]; });
    const result = plan(backup, device);
    const entry = result.rows.settings.find((e) => e.key === 'ui.language');
    expect(entry).toMatchObject({ kind: 'keep', reason: 'setting', optIn: 'takeSettings', label: 'ui.language' });
    expect(entry && effectiveKind(entry, choices({ replaceNewer: true }))).toBe('keep');
    expect(entry && effectiveKind(entry, choices({ takeSettings: true }))).toBe('replace');
    expect(summarizePlan(result, NO_CHOICES).optIns.replaceNewer).toBe(0);
  });

  it('plans other rows by key and time, each with a label a person recognises', () => {
    const device = deviceWith((t) => {
      t.trustedSigners[0] = { ...at(t.trustedSigners, 0), addedAt: 1 };
      t.mergeFileChoices[0] = { ...at(t.mergeFileChoices, 0), reason: 'changed here later', storedAt: 99_999 };
      t.reviewDrafts = [];
    });
    const result = plan(backup, device);
    expect(result.rows.trustedSigners[0]).toMatchObject({ kind: 'replace', label: `${at(backup.trustedSigners, 0).card.name} — ${at(backup.trustedSigners, 0).card.organisation}` });
    expect(result.rows.mergeFileChoices[0]?.kind).toBe('keep');
    expect(result.rows.reviewDrafts[0]?.kind).toBe('add');
    expect(result.rows.identities[0]?.label).toBe('Kai Tamm <kai@example.ee>');
    expect(summarizePlan(result, NO_CHOICES).byTable.mergeFileChoices).toMatchObject({ add: 0, replace: 0, keep: 1, identical: 0 });
  });

  it('an identity replaced since counts as newer', () => {
    const device = deviceWith((t) => { t.identities[0] = { ...at(t.identities, 0), replacedAt: 50_000 }; });
    expect(plan(backup, device).rows.identities[0]?.kind).toBe('keep');
    expect(plan(device, backup).rows.identities[0]?.kind).toBe('replace');
  });

  it('a restored identity does not become current next to this device\'s current one: it is written as replaced', async () => {
    const key = await testKey();
    const mine = { keyId: key.keyId, name: 'Mari', organisation: 'RIA', email: 'mari@example.ee', publicKey: toBase64(key.publicKey), createdAt: 100 };
    const device = { ...emptyTables(), identities: [mine] };
    const result = plan(backup, device);
    expect(result.currentIdentities).toEqual([{ keyId: mine.keyId, name: 'Mari', email: 'mari@example.ee' }]);
    expect(demotedIdentities(result, backup, NO_CHOICES).map((row) => row.keyId)).toEqual([at(backup.identities, 0).keyId]);
    expect(restoreWrites(result, backup, NO_CHOICES).rows.identities).toEqual([{ ...at(backup.identities, 0), replacedAt: PLAN_OPTIONS.now }]);
    // No identity here: the backup's current one stays current.
    expect(demotedIdentities(plan(backup, emptyTables()), backup, NO_CHOICES)).toEqual([]);
  });

  it('never replaces a questionnaire edition that exists here with other content, even on request', () => {
    const device = deviceWith((t) => { t.definitions[0] = { ...at(t.definitions, 0), contentHash: `sha256:${'9'.repeat(64)}` }; });
    const result = plan(backup, device);
    expect(result.rows.definitions[0]).toMatchObject({ kind: 'keep', reason: 'otherContent' });
    expect(result.rows.definitions[0]?.optIn).toBeUndefined();
    expect(restoreWrites(result, backup, { replaceNewer: true, replaceUnclear: true, takeSettings: true }).rows.definitions).toEqual([]);
  });

  it('counts a built-in edition as present: the same one is identical, other content is kept', () => {
    const hash = at(backup.definitions, 0).contentHash;
    const bundled = (value: string) => ({ ...PLAN_OPTIONS, bundledDefinitions: new Map([...PLAN_OPTIONS.bundledDefinitions, ['imported-test@2.0.0', value]]) });
    expect(plan(backup, emptyTables(), bundled(hash)).rows.definitions[0]?.kind).toBe('identical');
    expect(plan(backup, emptyTables(), bundled('sha256:other')).rows.definitions[0]).toMatchObject({ kind: 'keep', reason: 'otherContent' });
  });

  describe('responses whose questionnaire edition this device does not have', () => {
    it('are refused, whatever the choices: they could not be opened', () => {
      const result = plan(backup, emptyTables(), { ...PLAN_OPTIONS, bundledDefinitions: new Map() });
      expect(result.responses.map((e) => [e.id, e.kind, e.reason])).toEqual([
        ['r1', 'refuse', 'noQuestionnaire'],
        ['r2', 'refuse', 'noQuestionnaire'],
      ]);
      expect(restoreWrites(result, backup, { replaceNewer: true, replaceUnclear: true, takeSettings: true }).responses).toEqual([]);
      expect(summarizePlan(result, NO_CHOICES).responses.refuse).toBe(2);
      // A review received for one of them would belong to nothing: it is not written either.
      expect(result.rows.receivedReviews.map((e) => [e.kind, e.reason])).toEqual([['refuse', 'responseNotRestored']]);
      expect(restoreWrites(result, backup, { replaceNewer: true, replaceUnclear: true, takeSettings: true }).rows.receivedReviews).toEqual([]);
    });

    it('a recorded content hash must match: the same id and version with other content does not open it', () => {
      const result = plan(backup, emptyTables(), { ...PLAN_OPTIONS, bundledDefinitions: new Map([['test-all-types@1.0.0', `sha256:${'f'.repeat(64)}`]]) });
      expect(result.responses.map((e) => [e.id, e.kind])).toEqual([
        ['r1', 'refuse'],
        ['r2', 'add'],
      ]);
    });

    it('are restored when the backup brings the edition, and say so', () => {
      const from = deviceWith((t) => {
        t.responses[0] = { ...at(t.responses, 0), questionnaireId: 'imported-test', questionnaireVersion: '2.0.0', questionnaireHash: at(t.definitions, 0).contentHash };
      });
      const entry = plan(from, emptyTables()).responses.find((e) => e.id === 'r1');
      expect(entry).toMatchObject({ kind: 'add', editionFromBackup: true });
    });
  });

  describe('the fingerprint the restore checks again inside its transaction', () => {
    it('is the same for the same data', () => {
      expect(planFingerprint(plan(backup, emptyTables()))).toBe(planFingerprint(plan(backup, emptyTables())));
    });

    it('changes when a local response is edited, even when every decision stays the same', () => {
      const device = deviceWith((t) => { t.responses[1] = { ...at(t.responses, 1), updatedAt: 9_999 }; });
      const edited = deviceWith((t) => {
        t.responses[1] = { ...at(t.responses, 1), updatedAt: 9_999 };
        t.answers[2] = { ...at(t.answers, 2), value: 'edited meanwhile' };
      });
      const before = plan(backup, device);
      const after = plan(backup, edited);
      expect(after.responses.map((e) => e.kind)).toEqual(before.responses.map((e) => e.kind));
      expect(planFingerprint(after)).not.toBe(planFingerprint(before));
    });

    it('changes when another local row is edited, or when this device gets a current identity', async () => {
      const device = deviceWith((t) => { t.mergeFileChoices[0] = { ...at(t.mergeFileChoices, 0), storedAt: 99_999 }; });
      const edited = deviceWith((t) => { t.mergeFileChoices[0] = { ...at(t.mergeFileChoices, 0), storedAt: 99_999, reason: 'edited meanwhile' }; });
      expect(planFingerprint(plan(backup, edited))).not.toBe(planFingerprint(plan(backup, device)));
      const key = await testKey();
      const withIdentity = { ...emptyTables(), identities: [{ keyId: key.keyId, name: 'Mari', organisation: 'RIA', email: 'mari@example.ee', publicKey: toBase64(key.publicKey), createdAt: 1 }] };
      expect(planFingerprint(plan(backup, withIdentity))).not.toBe(planFingerprint(plan(backup, emptyTables())));
    });
  });
});
