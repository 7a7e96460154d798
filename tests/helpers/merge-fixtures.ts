import { randomUUID } from 'node:crypto';
import { contentHash } from '../../shared/crypto/hash';
import type { IntakeFile } from '../../shared/merge/model';
import { verifyIntakeBytes } from '../../shared/merge/verify-file';
import type { AnswerValue } from '../../shared/schemas/answers';
import type { EvidenceItem } from '../../shared/schemas/evidence';
import type { QuestionnaireDefinition } from '../../shared/schemas/questionnaire';
import { buildSubmission } from '../../shared/submission/build';
import type { SignerCard, SubmissionDocument } from '../../shared/submission/document';
import { signSubmission, submissionFileText } from '../../shared/submission/sign';
import { renderSubmissionWorkbook } from '../../shared/workbook';
import { loadBundledDefinition } from './bundled-definition';
import type { TestKey } from './signed-submission';
import { signerCardOf, testKey } from './signed-submission';

/**
 * Builders for the coordinator's merge (issue 7): signed submissions for a respondent with given
 * answers, evidence, signer and signing time, and the `IntakeFile`s the real verifier makes of
 * them. Other test files import these; keep the exports stable.
 */

export { signerCardOf, testKey };
export type { TestKey };

const definitions = new Map<string, QuestionnaireDefinition>();

/** A bundled definition by folder name (`test-all-types`, `msq-2024`, …), loaded once per test file. */
export function bundled(id: string): QuestionnaireDefinition {
  let definition = definitions.get(id);
  if (definition === undefined) {
    definition = loadBundledDefinition(id);
    definitions.set(id, definition);
  }
  return definition;
}

/** A named signing key: the key pair and the person and organisation who sign with it. */
export interface MergeSigner {
  readonly key: TestKey;
  readonly name: string;
  readonly organisation: string;
  readonly email: string;
}

/** A new key for `name` of `organisation` (a ministry, a city department). */
export async function mergeSigner(name = 'Kai Tamm', organisation = 'Information System Authority', email = 'focal.point@example.org'): Promise<MergeSigner> {
  return { key: await testKey(), name, organisation, email };
}

/** The signer card a coordinator would put on the trusted list for this signer. */
export function cardOf(signer: MergeSigner): SignerCard {
  return { ...signerCardOf(signer.key), name: signer.name, organisation: signer.organisation, email: signer.email };
}

export interface SignedDocumentOptions {
  /** Default: the bundled test-all-types definition (a country instrument). */
  readonly definition?: QuestionnaireDefinition;
  /** Default: a new key for "Kai Tamm" of the "Information System Authority". */
  readonly signer?: MergeSigner;
  /** Answers by question id (default none). Answers to questions hidden by relevance are left out, as the app does. */
  readonly answers?: Readonly<Record<string, AnswerValue>>;
  readonly evidence?: Readonly<Record<string, readonly EvidenceItem[]>>;
  /** Default "Estonia"; trimmed (as the app's respondent form does). */
  readonly place?: string;
  /** Default: the definition's respondent kind. */
  readonly kind?: 'country' | 'city';
  /** The respondent organisation; default the signer's organisation. */
  readonly organisation?: string;
  /** When it was signed: ISO 8601 UTC (default 2024-05-03T09:15:00.000Z). */
  readonly signedAt?: string;
  /** Default a random UUID. */
  readonly submissionId?: string;
  readonly revises?: string;
}

/** A submission built and signed the way the app does it. */
export async function signedDocument(options: SignedDocumentOptions = {}): Promise<SubmissionDocument> {
  const definition = options.definition ?? bundled('test-all-types');
  const signer = options.signer ?? (await mergeSigner());
  const signedAt = Date.parse(options.signedAt ?? '2024-05-03T09:15:00.000Z');
  const organisation = options.organisation ?? signer.organisation;
  const unsigned = await buildSubmission({
    definition,
    contentHash: await contentHash(definition),
    respondent: {
      kind: options.kind ?? definition.respondentKind,
      // Trimmed as the app's form does: buildSubmission digests the respondent before its schema trims it.
      place: (options.place ?? 'Estonia').trim(),
      organisation,
      focalPointName: signer.name,
      focalPointEmail: signer.email,
    },
    answers: new Map(Object.entries(options.answers ?? {})),
    evidence: new Map(Object.entries(options.evidence ?? {})),
    acknowledged: new Set(),
    signer: { name: signer.name, organisation: signer.organisation, email: signer.email, keyId: signer.key.keyId },
    started: signedAt - 2 * 86_400_000,
    lastChanged: signedAt - 3_600_000,
    signedAt,
    submissionId: options.submissionId ?? randomUUID(),
    revises: options.revises,
  });
  return signSubmission(unsigned, signer.key);
}

let evidenceCounter = 0;

/** One evidence item for `url` (already normalised, as the app stores it). */
export function evidenceItem(url: string, title = '', extra: Partial<EvidenceItem> = {}): EvidenceItem {
  evidenceCounter += 1;
  return { id: `ev${String(evidenceCounter)}`, url, title, accessed: '2024-05-01', ...extra };
}

/** The JSON file bytes of a document, as the app exports it. */
export function jsonBytes(document: SubmissionDocument): Uint8Array {
  return new TextEncoder().encode(submissionFileText(document));
}

/** The .xlsx bytes of a document; the definition defaults to the bundled one of the same id. */
export function workbookBytes(document: SubmissionDocument, definition?: QuestionnaireDefinition): Promise<Uint8Array> {
  return renderSubmissionWorkbook(document, definition ?? bundled(document.questionnaire.id));
}

/**
 * The JSON bytes of a document edited after signing: `answers[questionId]` set to `value` while the
 * digests and signature stay as signed, so verification reports it `changed`.
 */
export function editedBytes(document: SubmissionDocument, questionId: string, value: AnswerValue): Uint8Array {
  const edited = { ...document, answers: { ...document.answers, [questionId]: value } };
  return new TextEncoder().encode(`${JSON.stringify(edited, null, 2)}\n`);
}

/**
 * The JSON bytes of a document whose signature does not verify: one base64 character of the
 * signature value changed, so verification reports `signatureInvalid` (`badSignature`).
 */
export function badSignatureBytes(document: SubmissionDocument): Uint8Array {
  const value = document.signature.value;
  const flipped = `${value.startsWith('A') ? 'B' : 'A'}${value.slice(1)}`;
  const forged = { ...document, signature: { ...document.signature, value: flipped } };
  return new TextEncoder().encode(`${JSON.stringify(forged, null, 2)}\n`);
}

/** One file for the intake: a document (saved as JSON), a named document, or named raw bytes. */
export type IntakeInput =
  | SubmissionDocument
  | { readonly name: string; readonly document: SubmissionDocument }
  | { readonly name: string; readonly bytes: Uint8Array };

export interface IntakeOptions {
  readonly trusted?: readonly SignerCard[];
  readonly definitions?: readonly QuestionnaireDefinition[];
}

/**
 * Verifies each input with the real `verifyIntakeBytes`, in order (index = position). Documents
 * without a name are called `<place>-<organisation>-<n>.json`.
 */
export async function intakeOf(inputs: readonly IntakeInput[], options: IntakeOptions = {}): Promise<IntakeFile[]> {
  const files: IntakeFile[] = [];
  for (const [index, input] of inputs.entries()) {
    const { name, bytes } = namedBytes(input, index);
    files.push(await verifyIntakeBytes({ index, name, bytes }, options.trusted ?? [], options.definitions ?? []));
  }
  return files;
}

function namedBytes(input: IntakeInput, index: number): { name: string; bytes: Uint8Array } {
  if ('bytes' in input) return { name: input.name, bytes: input.bytes };
  if ('document' in input) return { name: input.name, bytes: jsonBytes(input.document) };
  const slug = `${input.respondent.place}-${input.respondent.organisation}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return { name: `${slug}-${String(index + 1)}.json`, bytes: jsonBytes(input) };
}
