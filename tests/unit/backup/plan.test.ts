import { beforeAll, describe, expect, it } from 'vitest';
import { effectiveKind, planFingerprint, planRestore, restoreWrites, summarizePlan } from '../../../shared/backup/plan';
import type { BackupTables } from '../../../shared/backup/rows';
import { emptyTables } from '../../../shared/backup/rows';
import { at, fullTables } from './backup-kit';

let backup: BackupTables;
beforeAll(async () => {
  backup = await fullTables();
});

/** The backup's tables with one response changed on "this device". */
function deviceWith(change: (tables: { -readonly [K in keyof BackupTables]: BackupTables[K][number][] }) => void): BackupTables {
  const copy = structuredClone(backup) as { -readonly [K in keyof BackupTables]: BackupTables[K][number][] };
  change(copy);
  return copy;
}

describe('planning a restore', () => {
  it('onto an empty device: everything is added', () => {
    const plan = planRestore(backup, emptyTables());
    expect(plan.responses.map((entry) => [entry.id, entry.kind, entry.answers])).toEqual([
      ['r1', 'add', 2],
      ['r2', 'add', 1],
    ]);
    const summary = summarizePlan(plan, false);
    expect(summary.responses).toEqual({ add: 2, replace: 0, keep: 0, identical: 0 });
    expect(summary.other.add).toBe(9);
    expect(summary.nothingToDo).toBe(false);
  });

  it('onto the same data: everything is identical and there is nothing to do', () => {
    const summary = summarizePlan(planRestore(backup, structuredClone(backup)), true);
    expect(summary.responses).toEqual({ add: 0, replace: 0, keep: 0, identical: 2 });
    expect(summary.other).toEqual({ add: 0, replace: 0, keep: 0, identical: 9 });
    expect(summary.nothingToDo).toBe(true);
  });

  it('a response older on this device is replaced; one newer on this device is kept', () => {
    const device = deviceWith((t) => {
      // r1: this device has an older copy with a different answer.
      t.responses[0] = { ...at(t.responses, 0), updatedAt: 1_500 };
      t.answers[0] = { ...at(t.answers, 0), value: 'https://old.example/' };
      // r2: this device changed it after the backup.
      t.responses[1] = { ...at(t.responses, 1), updatedAt: 9_999 };
      t.answers[2] = { ...at(t.answers, 2), value: 'newer', updatedAt: 9_999 };
    });
    const plan = planRestore(backup, device);
    expect(plan.responses.map((entry) => [entry.id, entry.kind, entry.localUpdatedAt])).toEqual([
      ['r1', 'replace', 1_500],
      ['r2', 'keep', 9_999],
    ]);
    const writes = restoreWrites(plan, backup, false);
    expect(writes.responses.map((row) => row.id)).toEqual(['r1']);
    expect(writes.answers.every((row) => row.responseId === 'r1')).toBe(true);
  });

  it('keeps newer data unless the person asks to replace it too', () => {
    const device = deviceWith((t) => { t.responses[1] = { ...at(t.responses, 1), updatedAt: 9_999, progress: { answered: 5, total: 16 } }; });
    const plan = planRestore(backup, device);
    expect(summarizePlan(plan, false).responses).toEqual({ add: 0, replace: 0, keep: 1, identical: 1 });
    expect(summarizePlan(plan, true).responses).toEqual({ add: 0, replace: 1, keep: 0, identical: 1 });
    expect(restoreWrites(plan, backup, false).responses).toEqual([]);
    expect(restoreWrites(plan, backup, true).responses.map((row) => row.id)).toEqual(['r2']);
  });

  it('treats a response with its answers and evidence as one unit: an answer difference alone makes it differ', () => {
    const device = deviceWith((t) => {
      t.evidence = [];
    });
    const plan = planRestore(backup, device);
    // Same updatedAt, different content: not silently replaced.
    expect(plan.responses.find((entry) => entry.id === 'r1')?.kind).toBe('keep');
    const writes = restoreWrites(plan, backup, true);
    // Replacing writes the whole unit from the backup: every answer and the evidence of r1, nothing of r2.
    expect(writes.answers.map((row) => row.questionId)).toEqual(['A.1', 'B.1']);
    expect(writes.evidence.map((row) => row.questionId)).toEqual(['A.2']);
  });

  it('compares answers regardless of their order on the device', () => {
    const device = deviceWith((t) => { t.answers.reverse(); });
    expect(summarizePlan(planRestore(backup, device), false).responses.identical).toBe(2);
  });

  it('plans other rows by key and time: newer in the backup replaces, newer here is kept', () => {
    const device = deviceWith((t) => {
      t.trustedSigners[0] = { ...at(t.trustedSigners, 0), addedAt: 1 };
      t.mergeFileChoices[0] = { ...at(t.mergeFileChoices, 0), reason: 'changed here later', storedAt: 99_999 };
      t.reviewDrafts = [];
    });
    const plan = planRestore(backup, device);
    expect(plan.rows.trustedSigners[0]?.kind).toBe('replace');
    expect(plan.rows.mergeFileChoices[0]?.kind).toBe('keep');
    expect(plan.rows.reviewDrafts[0]?.kind).toBe('add');
    expect(summarizePlan(plan, false).byTable.mergeFileChoices).toEqual({ add: 0, replace: 0, keep: 1, identical: 0 });
  });

  it('an identity replaced since counts as newer', () => {
    const device = deviceWith((t) => { t.identities[0] = { ...at(t.identities, 0), replacedAt: 50_000 }; });
    expect(planRestore(backup, device).rows.identities[0]?.kind).toBe('keep');
    expect(planRestore(device, backup).rows.identities[0]?.kind).toBe('replace');
  });

  it('a setting that differs is kept (it has no time), and replaced only on request', () => {
    const device = deviceWith((t) => { t.settings = [{ key: 'ui.language', value: 'en' }]; });
    const entry = planRestore(backup, device).rows.settings[0];
    expect(entry?.kind).toBe('keep');
    expect(entry && effectiveKind(entry, true)).toBe('replace');
  });

  it('never replaces a questionnaire edition that exists here with other content, even on request', () => {
    const device = deviceWith((t) => { t.definitions[0] = { ...at(t.definitions, 0), contentHash: `sha256:${'9'.repeat(64)}` }; });
    const plan = planRestore(backup, device);
    expect(plan.rows.definitions[0]).toMatchObject({ kind: 'keep', replaceable: false });
    expect(restoreWrites(plan, backup, true).rows.definitions).toEqual([]);
  });

  it('counts a built-in edition as present: the same one is identical, other content is kept', () => {
    const hash = at(backup.definitions, 0).contentHash;
    expect(planRestore(backup, emptyTables(), { bundledDefinitions: new Map([['imported-test@2.0.0', hash]]) }).rows.definitions[0]?.kind).toBe('identical');
    const other = planRestore(backup, emptyTables(), { bundledDefinitions: new Map([['imported-test@2.0.0', 'sha256:other']]) });
    expect(other.rows.definitions[0]).toMatchObject({ kind: 'keep', replaceable: false });
  });

  it('a plan fingerprint changes when the device data changes the plan, not otherwise', () => {
    const a = planFingerprint(planRestore(backup, emptyTables()));
    expect(planFingerprint(planRestore(backup, emptyTables()))).toBe(a);
    const device = deviceWith((t) => { t.responses = t.responses.slice(0, 1); });
    expect(planFingerprint(planRestore(backup, device))).not.toBe(a);
  });
});
