import { fromBase64 } from '../../../../shared/crypto/base64';
import { AppError } from '../../../../shared/errors';
import type { Answers } from '../../../../shared/schemas/answers';
import type { EvidenceByQuestion } from '../../../../shared/schemas/evidence';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import { buildSubmission } from '../../../../shared/submission/build';
import type { SubmissionDocument } from '../../../../shared/submission/document';
import { signSubmission, submissionFileText } from '../../../../shared/submission/sign';
import type { IdentityRow, ResponseRow } from '../../db';
import { storage } from '../../db';
import { platform } from '../../platform';

export type ExportStep = 'signing' | 'workbook' | 'saving';

export interface ExportInput {
  readonly row: ResponseRow;
  readonly definition: QuestionnaireDefinition;
  readonly contentHash: string;
  readonly answers: Answers;
  readonly evidence: EvidenceByQuestion;
  readonly acknowledged: ReadonlySet<string>;
  readonly identity: IdentityRow;
  readonly onStep: (step: ExportStep) => void;
}

export type ExportResult =
  | { readonly kind: 'saved'; readonly files: readonly string[]; readonly document: SubmissionDocument }
  | { readonly kind: 'cancelled' };

/** A file name people can recognise: place, questionnaire, date; nothing a file system rejects. */
export function submissionFileName(document: SubmissionDocument, extension: 'json' | 'xlsx'): string {
  const safe = (text: string) => text.normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'submission';
  return `${safe(document.respondent.place)}-${document.questionnaire.id}-${document.timestamps.signed.slice(0, 10)}.${extension}`;
}

/**
 * Signs the response and saves the JSON and the Excel file. The document is built from the same
 * validation as the screen, and refused unless it is ready (errors fixed, warnings acknowledged):
 * the gate holds even if a caller forgets it. The response is marked submitted (read-only) only
 * after both files were saved.
 */
export async function signAndExport(input: ExportInput): Promise<ExportResult> {
  const { row, identity } = input;
  input.onStep('signing');
  const publicKey = fromBase64(identity.publicKey);
  if (!publicKey) throw new AppError('KEYSTORE_UNAVAILABLE', 'The identity has no readable public key.');
  const unsigned = await buildSubmission({
    definition: input.definition,
    contentHash: input.contentHash,
    respondent: row.respondent,
    answers: input.answers,
    evidence: input.evidence,
    acknowledged: input.acknowledged,
    signer: { name: identity.name, organisation: identity.organisation, email: identity.email, keyId: identity.keyId },
    started: row.createdAt,
    lastChanged: row.updatedAt,
    signedAt: Date.now(),
    submissionId: crypto.randomUUID(),
    revises: row.revises,
    answersReview: row.answersReview,
  });
  if (unsigned.validation.status !== 'ready') {
    throw new AppError('INVALID_PAYLOAD', 'The response is not ready to submit: fix the errors and acknowledge the warnings first.');
  }
  const document = await signSubmission(unsigned, { publicKey, sign: (data) => platform().signWithKey(identity.keyId, data) });
  const json = new TextEncoder().encode(submissionFileText(document));

  input.onStep('workbook');
  const { renderSubmissionWorkbook } = await import('../../../../shared/workbook');
  const workbook = await renderSubmissionWorkbook(document, input.definition);

  input.onStep('saving');
  const savedJson = await platform().saveFile({
    title: 'Signed submission (JSON)',
    suggestedName: submissionFileName(document, 'json'),
    filters: [{ name: 'Signed submission', extensions: ['json'] }],
    data: json,
  });
  if (!savedJson.saved) return { kind: 'cancelled' };
  const savedWorkbook = await platform().saveFile({
    title: 'Signed submission (Excel)',
    suggestedName: submissionFileName(document, 'xlsx'),
    filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
    data: new Uint8Array(workbook),
  });
  if (!savedWorkbook.saved) return { kind: 'cancelled' };
  await storage().responses.markSubmitted(row.id, { submissionId: document.submissionId, signedAt: Date.parse(document.timestamps.signed), keyId: identity.keyId });
  const files = [savedJson.fileName, savedWorkbook.fileName].filter((name): name is string => name !== undefined);
  return { kind: 'saved', files, document };
}
