import { beforeAll, describe, expect, it } from 'vitest';
import { bindReviewToSubmission, submissionContentHash } from '../../../shared/review/bind';
import type { ReviewDocument } from '../../../shared/review/document';
import type { SubmissionDocument } from '../../../shared/submission/document';
import { signingBytes, submissionFileText } from '../../../shared/submission/sign';
import { verifySubmissionJson } from '../../../shared/submission/verify';
import { loadBundledDefinition } from '../../helpers/bundled-definition';
import { ALL_TYPES_ANSWERS, signedSubmission } from '../../helpers/signed-submission';
import type { TestKey } from '../../helpers/signed-submission';
import { bytesOf, reviewOf, submissionOf } from './review-kit';

let submission: SubmissionDocument;
let focalPoint: TestKey;
let review: ReviewDocument;

beforeAll(async () => {
  ({ document: submission, key: focalPoint } = await submissionOf());
  review = (await reviewOf(submission)).review;
});

async function verified(bytes: Uint8Array): Promise<SubmissionDocument> {
  const report = await verifySubmissionJson(bytes);
  if (report.status === 'unreadable') throw new Error(report.reason);
  return report.document;
}

describe('binding a review to the submission it is about', () => {
  it('binds to the same submission, read back from its file in any layout', async () => {
    expect(await bindReviewToSubmission(review, submission)).toEqual({ bound: true });
    const pretty = await verified(bytesOf(submissionFileText(submission)));
    const compact = await verified(bytesOf(JSON.stringify(Object.fromEntries(Object.entries(submission).reverse()))));
    expect(await bindReviewToSubmission(review, pretty)).toEqual({ bound: true });
    expect(await bindReviewToSubmission(review, compact)).toEqual({ bound: true });
  });

  it('hashes exactly the bytes the submission signature covers', async () => {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(signingBytes(submission))));
    expect(await submissionContentHash(submission)).toBe(`sha256:${Buffer.from(digest).toString('hex')}`);
    // The signature block is not part of it: a second signature over the same content hashes the same.
    expect(await submissionContentHash({ ...submission, signature: { ...submission.signature, value: 'A'.repeat(86) + '==' } })).toBe(
      await submissionContentHash(submission),
    );
  });

  it('does not bind to another submission of the same questionnaire', async () => {
    const other = (await submissionOf({ submissionId: '3c9a1f0e-5b7d-4e2a-9c8b-1d2e3f4a5b6c' })).document;
    expect(await bindReviewToSubmission(review, other)).toEqual({ bound: false, reason: 'otherSubmission' });
  });

  it('does not bind to a submission of another questionnaire', async () => {
    const msq = (await signedSubmission({ definition: loadBundledDefinition('msq-2024'), answers: {}, evidence: {}, acknowledged: [] })).document;
    expect(msq.submissionId).toBe(submission.submissionId);
    expect(await bindReviewToSubmission(review, msq)).toEqual({ bound: false, reason: 'otherQuestionnaire' });
  });

  it('does not bind when an answer changed under the same submission id, re-signed or not', async () => {
    // Edited in the file after signing: the signature no longer holds, and the review does not either.
    const edited: SubmissionDocument = { ...submission, answers: { ...submission.answers, 'B.3': 12 } };
    expect(await bindReviewToSubmission(review, edited)).toEqual({ bound: false, reason: 'contentDiffers' });
    // Re-signed by the focal point with the same id: a valid submission, but not the one reviewed.
    const resigned = (await submissionOf({ key: focalPoint, answers: { ...ALL_TYPES_ANSWERS, 'B.3': 12 } })).document;
    expect(resigned.submissionId).toBe(submission.submissionId);
    expect((await verifySubmissionJson(bytesOf(resigned))).status).toBe('valid');
    expect(await bindReviewToSubmission(review, resigned)).toEqual({ bound: false, reason: 'contentDiffers' });
    // Even a change outside the answers (here the respondent) counts.
    const moved: SubmissionDocument = { ...submission, respondent: { ...submission.respondent, organisation: 'Another agency' } };
    expect(await bindReviewToSubmission(review, moved)).toEqual({ bound: false, reason: 'contentDiffers' });
  });
});
