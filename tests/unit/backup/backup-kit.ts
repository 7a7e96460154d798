import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toBase64 } from '../../../shared/crypto/base64';
import { contentHash } from '../../../shared/crypto/hash';
import { submissionContentHash } from '../../../shared/review/bind';
import { reviewHashOf } from '../../../shared/review/sign';
import { buildBackup, backupFileText } from '../../../shared/backup/build';
import type { PlanOptions } from '../../../shared/backup/plan';
import type { BackupTables } from '../../../shared/backup/rows';
import { LAST_BACKUP_SETTING } from '../../../shared/backup/rows';
import { signerCardOf, testKey } from '../../helpers/signed-submission';
import { reviewOf, submissionOf } from '../review/review-kit';

export const KNOWN_DATABASE_VERSION = 6;

const respondent = (place: string) => ({
  kind: 'country' as const,
  place,
  organisation: 'Information System Authority',
  focalPointName: 'Kai Tamm',
  focalPointEmail: 'kai@example.ee',
});

/** An imported edition: the test questionnaire under another id, exactly as the import screen stores it. */
export async function importedDefinition(): Promise<BackupTables['definitions'][number]> {
  const file = fileURLToPath(new URL('../../../questionnaires/test-all-types/questionnaire.json', import.meta.url));
  const json: Record<string, unknown> = { ...(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>), id: 'imported-test', version: '2.0.0' };
  return { key: 'imported-test@2.0.0', id: 'imported-test', version: '2.0.0', edition: String(json.edition), contentHash: await contentHash(json), json, fileName: 'imported.json', importedAt: 5_000 };
}

/** Every table with realistic rows: two responses with answers and evidence, and one row of everything else. */
export async function fullTables(): Promise<BackupTables> {
  const key = await testKey();
  const card = signerCardOf(key);
  const { document } = await submissionOf();
  const { review } = await reviewOf(document);
  return {
    responses: [
      { id: 'r1', questionnaireId: 'test-all-types', questionnaireVersion: '1.0.0', questionnaireHash: `sha256:${'a'.repeat(64)}`, respondent: respondent('Estonia'), createdAt: 1_000, updatedAt: 2_000, progress: { answered: 2, total: 16 } },
      { id: 'r2', questionnaireId: 'test-all-types', questionnaireVersion: '1.0.0', respondent: respondent('Chile'), createdAt: 1_500, updatedAt: 3_000, progress: { answered: 1, total: 16 }, acknowledgedWarnings: ['B.3|question|rule:x'] },
    ],
    answers: [
      { responseId: 'r1', questionId: 'A.1', value: 'https://www.gov.example/', updatedAt: 2_000 },
      { responseId: 'r1', questionId: 'B.1', value: ['web', 'sms'], updatedAt: 2_000 },
      { responseId: 'r2', questionId: 'C.1', value: [{ rowId: 'row-1', answers: { 'C.1.1': 'Ministry', 'C.1.2': 14 } }], updatedAt: 3_000 },
    ],
    evidence: [{ responseId: 'r1', questionId: 'A.2', items: [{ id: 'e1', url: 'https://www.gov.example/strategy.pdf', title: 'Strategy', accessed: '2024-05-01' }], updatedAt: 2_000 }],
    settings: [
      { key: 'ui.language', value: 'fr' },
      { key: LAST_BACKUP_SETTING, value: '123' },
    ],
    definitions: [await importedDefinition()],
    identities: [{ keyId: key.keyId, name: 'Kai Tamm', organisation: 'Information System Authority', email: 'kai@example.ee', publicKey: toBase64(key.publicKey), createdAt: 4_000 }],
    trustedSigners: [{ keyId: card.keyId, card, addedAt: 4_500 }],
    reviewDrafts: [{ submissionHash: await submissionContentHash(document), submissionId: document.submissionId, document, notes: { 'B.3': { status: 'query', comment: 'Please check' } }, generalComment: '', updatedAt: 6_000 }],
    receivedReviews: [{ reviewId: review.reviewId, reviewHash: await reviewHashOf(review), responseId: 'r1', review, trusted: true, importedAt: 7_000 }],
    mergeDecisions: [
      {
        respondent: 'test-all-types|1.0.0|country|estonia',
        question: 'B.3',
        fingerprint: '*',
        decision: { respondent: 'test-all-types|1.0.0|country|estonia', question: 'B.3', resolution: { choice: { kind: 'write', value: 12 }, reason: 'Confirmed by phone', decidedAt: '2024-05-04T10:00:00.000Z' } },
        storedAt: 8_000,
      },
    ],
    mergeFileChoices: [{ fileHash: `sha256:${'b'.repeat(64)}`, include: true, reason: 'Re-saved by Excel; checked by hand', storedAt: 9_000 }],
  };
}

export const NOW = new Date('2026-11-29T12:00:00.000Z');

/** The edition r1 names (its hash) counts as built in; r2 names none, so any content of its version opens it. */
export const PLAN_OPTIONS: PlanOptions = {
  bundledDefinitions: new Map([['test-all-types@1.0.0', `sha256:${'a'.repeat(64)}`]]),
  backupCreatedAt: NOW.getTime(),
  now: NOW.getTime(),
};

/** The file bytes of a backup of `tables`, made the way the app makes it. */
export function backupBytes(tables: BackupTables, databaseVersion = KNOWN_DATABASE_VERSION): Uint8Array {
  return new TextEncoder().encode(backupFileText(buildBackup(tables, { appVersion: '1.2.3', databaseVersion, now: NOW })));
}

/** A backup file as a plain object, to break on purpose. */
export function backupObject(tables: BackupTables): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(backupBytes(tables))) as Record<string, unknown>;
}

export const encode = (value: unknown): Uint8Array => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

/** The element at `index`, which the test knows is there. */
export function at<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`no element ${String(index)}`);
  return value;
}
