import { generateKeyPairSync, sign } from 'node:crypto';
import { toBase64 } from '../../shared/crypto/base64';
import { contentHash } from '../../shared/crypto/hash';
import { keyIdOf } from '../../shared/crypto/key-id';
import type { AnswerValue } from '../../shared/schemas/answers';
import type { EvidenceItem } from '../../shared/schemas/evidence';
import type { QuestionnaireDefinition } from '../../shared/schemas/questionnaire';
import { buildSubmission } from '../../shared/submission/build';
import type { SignerCard, SubmissionDocument } from '../../shared/submission/document';
import { signSubmission } from '../../shared/submission/sign';
import { loadBundledDefinition } from './bundled-definition';

/** An Ed25519 key pair from node:crypto, in the shape `signSubmission` takes. */
export interface TestKey {
  readonly publicKey: Uint8Array;
  readonly keyId: string;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export async function testKey(): Promise<TestKey> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // The SPKI DER of an Ed25519 key is a fixed 12-byte prefix and the raw 32-byte key.
  const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12));
  return { publicKey: raw, keyId: await keyIdOf(raw), sign: (data) => Promise.resolve(new Uint8Array(sign(null, data, privateKey))) };
}

export function signerCardOf(key: TestKey): SignerCard {
  return {
    format: 'egov-desk/signer-card',
    formatVersion: 1,
    name: 'Kai Tamm',
    organisation: 'Information System Authority',
    email: 'kai@example.ee',
    algorithm: 'Ed25519',
    keyId: key.keyId,
    publicKey: toBase64(key.publicKey),
    createdAt: '2024-01-01T00:00:00.000Z',
  };
}

/** Answers that look like formulas, in the places a spreadsheet would be most tempted to run them. */
export const FORMULA_ANSWERS = {
  'A.2.1': '=HYPERLINK("http://evil.example","click")',
  'B.1.1': '+1+2',
  'B.5': '-5',
  'A.4': '@SUM(A1)',
} as const;

/**
 * Answers to test-all-types covering every kind of value: formula-looking text, a yes/no, a
 * multiple choice (with "other", so B.1.1 is shown), numbers, a date, and a group with two rows.
 */
export const ALL_TYPES_ANSWERS: Readonly<Record<string, AnswerValue>> = {
  'A.1': 'https://www.gov.example/',
  'A.2': 'yes',
  'A.2.2': 2021,
  'A.2.3': '2023-06-30',
  'A.3': 'na',
  ...FORMULA_ANSWERS,
  'B.1': ['web', 'mobile', 'other'],
  'B.2': 'central',
  'B.3': 0,
  'B.4': 87.5,
  'C.1': [
    { rowId: 'r1', answers: { name: 'Ministry of Health', sector: 'health', website: 'https://health.gov.example/', eservices: 'yes', eserviceCount: 14 } },
    { rowId: 'r2', answers: { name: '=1+1', sector: 'education', eservices: 'no' } },
  ],
  'D.1': 'no',
};

/** Two evidence links for A.2: one checked (with an HTTP status), one with a note and no check. */
export const ALL_TYPES_EVIDENCE: Readonly<Record<string, readonly EvidenceItem[]>> = {
  'A.2': [
    {
      id: 'e1',
      url: 'https://www.gov.example/strategy',
      title: 'National Digital Agenda 2030',
      accessed: '2024-05-01',
      check: { status: 'ok', httpStatus: 200, checkedAt: Date.UTC(2024, 4, 2, 10, 0, 0) },
    },
    { id: 'e2', url: 'https://www.gov.example/strategy/annex?lang=en&v=2', title: '', note: 'Annex with the adoption decision', accessed: '2024-05-01' },
  ],
};

/** The warning test-all-types raises for B.3 = 0 while B.1 includes "web", acknowledged. */
export const ACKNOWLEDGED_WARNING = 'B.3|question|rule:web-portal-without-online-services';

export interface SignedSubmissionOptions {
  readonly definition?: QuestionnaireDefinition;
  readonly answers?: Readonly<Record<string, AnswerValue>>;
  readonly evidence?: Readonly<Record<string, readonly EvidenceItem[]>>;
  readonly acknowledged?: readonly string[];
  readonly key?: TestKey;
  readonly submissionId?: string;
  readonly revises?: string;
  readonly answersReview?: { readonly reviewId: string; readonly reviewHash: string };
}

export interface SignedSubmission {
  readonly document: SubmissionDocument;
  readonly definition: QuestionnaireDefinition;
  readonly key: TestKey;
}

/** A submission built and signed the way the app does it; test-all-types with every kind of answer by default. */
export async function signedSubmission(options: SignedSubmissionOptions = {}): Promise<SignedSubmission> {
  const definition = options.definition ?? loadBundledDefinition('test-all-types');
  const key = options.key ?? (await testKey());
  const unsigned = await buildSubmission({
    definition,
    contentHash: await contentHash(definition),
    respondent: { kind: 'country', place: 'Estonia', organisation: 'Information System Authority', focalPointName: 'Kai Tamm', focalPointEmail: 'kai@example.ee' },
    answers: new Map(Object.entries(options.answers ?? ALL_TYPES_ANSWERS)),
    evidence: new Map(Object.entries(options.evidence ?? ALL_TYPES_EVIDENCE)),
    acknowledged: new Set(options.acknowledged ?? [ACKNOWLEDGED_WARNING]),
    signer: { name: 'Kai Tamm', organisation: 'Information System Authority', email: 'kai@example.ee', keyId: key.keyId },
    started: Date.UTC(2024, 4, 1, 8, 0, 0),
    lastChanged: Date.UTC(2024, 4, 2, 16, 30, 0),
    signedAt: Date.UTC(2024, 4, 3, 9, 15, 0),
    submissionId: options.submissionId ?? '6f1d3c2a-8b4e-4c1a-9f2e-0a1b2c3d4e5f',
    revises: options.revises,
    answersReview: options.answersReview,
  });
  return { document: await signSubmission(unsigned, key), definition, key };
}
