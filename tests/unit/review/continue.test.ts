import { beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../../shared/crypto/hash';
import type { ReviewDocument } from '../../../shared/review/document';
import { reviewFileText, reviewHashOf, reviewReference } from '../../../shared/review/sign';
import { verifyReviewJson } from '../../../shared/review/verify';
import { buildSubmission } from '../../../shared/submission/build';
import type { SubmissionDocument } from '../../../shared/submission/document';
import { submissionDocumentSchema } from '../../../shared/submission/document';
import { draftFromSubmission } from '../../../shared/submission/import';
import { submissionFileText } from '../../../shared/submission/sign';
import { verifySubmissionJson } from '../../../shared/submission/verify';
import { ACKNOWLEDGED_WARNING, ALL_TYPES_ANSWERS } from '../../helpers/signed-submission';
import type { TestKey } from '../../helpers/signed-submission';
import { bytesOf, definition, reviewOf, submissionOf, SUBMISSION_ID } from './review-kit';

const NEXT_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
let submission: SubmissionDocument;
let focalPoint: TestKey;
let review: ReviewDocument;

beforeAll(async () => {
  // A.2 = "no" hides A.2.1 to A.2.3: their answers stay on the signing device and are not exported.
  ({ document: submission, key: focalPoint } = await submissionOf({ answers: { ...ALL_TYPES_ANSWERS, 'A.2': 'no' } }));
  review = (await reviewOf(submission)).review;
});

describe('draftFromSubmission: continue from an exported file', () => {
  it('carries the questionnaire, respondent, answers, evidence and acknowledged warnings, and revises the submission', () => {
    const draft = draftFromSubmission(submission);
    expect(draft.questionnaire).toEqual({ id: 'test-all-types', version: definition.version, contentHash: submission.questionnaire.contentHash });
    expect(draft.respondent).toEqual(submission.respondent);
    expect(Object.fromEntries(draft.answers)).toEqual(submission.answers);
    expect(Object.fromEntries(draft.evidence)).toEqual(submission.evidence);
    expect([...draft.acknowledgedWarnings]).toEqual([ACKNOWLEDGED_WARNING]);
    expect(draft.revises).toBe(SUBMISSION_ID);
  });

  it('leaves answers that were hidden when signed absent, not empty', () => {
    expect(ALL_TYPES_ANSWERS['A.2.1']).toBeDefined();
    const draft = draftFromSubmission(submission);
    for (const hidden of ['A.2.1', 'A.2.2', 'A.2.3']) expect(draft.answers.has(hidden), hidden).toBe(false);
    expect(draft.answers.get('A.2')).toBe('no');
  });

  it('carries only acknowledged warnings, never an error a hand-edited file marks acknowledged', () => {
    const findings = [
      { key: 'A.1|question|required', severity: 'error', sectionId: 'A', questionId: 'A.1', code: 'required', acknowledged: true },
      { key: 'B.3|question|rule:x', severity: 'warning', sectionId: 'B', questionId: 'B.3', code: 'rule', acknowledged: false },
      { key: 'B.4|question|rule:y', severity: 'warning', sectionId: 'B', questionId: 'B.4', code: 'rule', acknowledged: true },
    ] as const;
    const draft = draftFromSubmission({ ...submission, validation: { ...submission.validation, findings: [...findings] } });
    expect([...draft.acknowledgedWarnings]).toEqual(['B.4|question|rule:y']);
  });

  it('owns its values: editing the draft leaves the verified document as it was', () => {
    const draft = draftFromSubmission(submission);
    const rows = draft.answers.get('C.1');
    if (!Array.isArray(rows) || typeof rows[0] !== 'object') throw new Error('C.1 should be group rows');
    rows[0].answers.name = 'Changed';
    draft.evidence.get('A.2')?.splice(0, 1);
    expect(submissionDocumentSchema.parse(submission)).toEqual(submission);
    expect(JSON.stringify(submission)).not.toContain('"Changed"');
    expect(submission.evidence['A.2']).toHaveLength(2);
  });

  it('gives a draft that signs to the same answers and validation, as a new version', async () => {
    const draft = draftFromSubmission(submission);
    const next = await buildSubmission({
      definition,
      contentHash: draft.questionnaire.contentHash,
      respondent: draft.respondent,
      answers: draft.answers,
      evidence: draft.evidence,
      acknowledged: draft.acknowledgedWarnings,
      signer: submission.signer,
      started: Date.UTC(2024, 6, 1),
      lastChanged: Date.UTC(2024, 6, 1),
      signedAt: Date.UTC(2024, 6, 2),
      submissionId: NEXT_ID,
      revises: draft.revises,
    });
    expect(next.answers).toEqual(submission.answers);
    expect(next.evidence).toEqual(submission.evidence);
    expect(next.validation).toEqual(submission.validation);
    expect(next.revises).toBe(SUBMISSION_ID);
    expect(draft.questionnaire.contentHash).toBe(await contentHash(definition));
  });
});

describe('a submission that answers a review', () => {
  it('records the review by id and hash, only when it answers one', async () => {
    expect(submission).not.toHaveProperty('answersReview');
    const reference = await reviewReference(review);
    const { document } = await submissionOf({ key: focalPoint, submissionId: NEXT_ID, revises: SUBMISSION_ID, answersReview: reference });
    expect(document.answersReview).toEqual({ reviewId: review.reviewId, reviewHash: await reviewHashOf(review) });
    expect(await verifySubmissionJson(bytesOf(submissionFileText(document)))).toMatchObject({ status: 'valid' });

    // The hash names this exact review file: the one the focal point opened matches, read back in any layout.
    const opened = await verifyReviewJson(bytesOf(JSON.stringify(review)));
    if (opened.status !== 'valid') throw new Error(opened.status);
    expect(await reviewHashOf(opened.review)).toBe(document.answersReview?.reviewHash);
    expect(reviewFileText(review)).not.toBe(JSON.stringify(review));
  });

  it('is covered by the signature: changing or removing the reference breaks verification', async () => {
    const { document } = await submissionOf({ key: focalPoint, submissionId: NEXT_ID, revises: SUBMISSION_ID, answersReview: await reviewReference(review) });
    const otherHash = { ...document, answersReview: { reviewId: review.reviewId, reviewHash: `sha256:${'0'.repeat(64)}` } };
    expect(await verifySubmissionJson(bytesOf(otherHash))).toMatchObject({ status: 'signatureInvalid', problem: 'badSignature' });
    const otherId = { ...document, answersReview: { reviewId: '11111111-2222-4333-8444-555555555555', reviewHash: document.answersReview?.reviewHash } };
    expect(await verifySubmissionJson(bytesOf(otherId))).toMatchObject({ status: 'signatureInvalid', problem: 'badSignature' });
    const without: Partial<SubmissionDocument> = { ...document };
    delete without.answersReview;
    expect(await verifySubmissionJson(bytesOf(without))).toMatchObject({ status: 'signatureInvalid', problem: 'badSignature' });
  });

  it('is refused by the format when malformed', async () => {
    await expect(submissionOf({ answersReview: { reviewId: review.reviewId, reviewHash: 'md5:abc' } })).rejects.toThrow(/answersReview/);
    const report = await verifySubmissionJson(bytesOf({ ...submission, answersReview: { reviewId: review.reviewId } }));
    expect(report).toMatchObject({ status: 'unreadable', reason: expect.stringMatching(/does not follow the format: answersReview\.reviewHash/) as unknown });
  });
});
