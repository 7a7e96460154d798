import { buildReview } from '../../../shared/review/build';
import type { ReviewNoteInput } from '../../../shared/review/build';
import type { ReviewDocument } from '../../../shared/review/document';
import { signReview } from '../../../shared/review/sign';
import type { AnswerValue } from '../../../shared/schemas/answers';
import type { SubmissionInput } from '../../../shared/submission/build';
import type { SignerCard, SubmissionDocument } from '../../../shared/submission/document';
import { loadBundledDefinition } from '../../helpers/bundled-definition';
import type { TestKey } from '../../helpers/signed-submission';
import { signedSubmission, signerCardOf, testKey } from '../../helpers/signed-submission';

/** Builders for review tests: a submission of test-all-types, and a review of it signed by another key. */

export const definition = loadBundledDefinition('test-all-types');
export const SUBMISSION_ID = '6f1d3c2a-8b4e-4c1a-9f2e-0a1b2c3d4e5f';
export const REVIEW_ID = '0b7c9e4a-2d1f-4e3b-8a5c-6d7e8f9a0b1c';

/** A comment a spreadsheet would run as a formula if it were ever written as one. */
export const FORMULA_COMMENT = '=HYPERLINK("http://evil.example","Please check")';

export const NOTES: readonly ReviewNoteInput[] = [
  { questionId: 'A.1', status: 'accepted' },
  { questionId: 'B.3', status: 'query', comment: '  A web portal with no online services? Please confirm.  ' },
  { questionId: 'A.2.1', status: 'query', comment: FORMULA_COMMENT },
  { questionId: 'D.1', status: 'accepted', comment: 'Thank you for the plan.' },
];

export interface SubmissionOptions {
  readonly submissionId?: string;
  readonly answers?: Readonly<Record<string, AnswerValue>>;
  readonly answersReview?: SubmissionInput['answersReview'];
  readonly revises?: string;
  readonly key?: TestKey;
}

/** A signed submission of test-all-types, built the way the app does it, with a chosen id. */
export async function submissionOf(options: SubmissionOptions = {}): Promise<{ document: SubmissionDocument; key: TestKey }> {
  const { document, key } = await signedSubmission({
    submissionId: options.submissionId ?? SUBMISSION_ID,
    ...(options.answers === undefined ? {} : { answers: options.answers }),
    ...(options.revises === undefined ? {} : { revises: options.revises }),
    ...(options.answersReview === undefined ? {} : { answersReview: options.answersReview }),
    ...(options.key === undefined ? {} : { key: options.key }),
  });
  return { document, key };
}

export const reviewerOf = (key: TestKey) => ({ name: 'Amina Diallo', organisation: 'UN DESA', email: 'amina@un.example', keyId: key.keyId });

export function reviewerCardOf(key: TestKey): SignerCard {
  return { ...signerCardOf(key), name: 'Amina Diallo', organisation: 'UN DESA', email: 'amina@un.example' };
}

/** A signed review of `submission` with NOTES and a general comment. */
export async function reviewOf(
  submission: SubmissionDocument,
  options: { readonly key?: TestKey; readonly notes?: readonly ReviewNoteInput[]; readonly generalComment?: string } = {},
): Promise<{ review: ReviewDocument; key: TestKey }> {
  const key = options.key ?? (await testKey());
  const unsigned = await buildReview({
    submission,
    reviewer: reviewerOf(key),
    notes: options.notes ?? NOTES,
    generalComment: options.generalComment ?? 'Clear answers overall; two points to look at again.',
    reviewId: REVIEW_ID,
    createdAt: Date.UTC(2024, 5, 10, 14, 0, 0),
  });
  return { review: await signReview(unsigned, key), key };
}

export const bytesOf = (value: unknown): Uint8Array => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
