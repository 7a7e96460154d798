import { beforeAll, describe, expect, it } from 'vitest';
import { buildReview } from '../../../shared/review/build';
import type { ReviewDocument } from '../../../shared/review/document';
import { notesByQuestion, reviewDocumentSchema, reviewJsonSchema, unsignedReviewSchema } from '../../../shared/review/document';
import { submissionContentHash } from '../../../shared/review/bind';
import { reviewFileText } from '../../../shared/review/sign';
import { SchemaParseError } from '../../../shared/errors';
import type { SubmissionDocument } from '../../../shared/submission/document';
import { testKey } from '../../helpers/signed-submission';
import { REVIEW_ID, reviewerOf, reviewOf, submissionOf } from './review-kit';

let submission: SubmissionDocument;
let review: ReviewDocument;

beforeAll(async () => {
  submission = (await submissionOf()).document;
  review = (await reviewOf(submission)).review;
});

/** The review as plain JSON, with `change` applied: what a hand-edited file would hold. */
function edited(change: (value: Record<string, unknown>) => void): unknown {
  const value = JSON.parse(reviewFileText(review)) as Record<string, unknown>;
  change(value);
  return value;
}
const notesOf = (value: Record<string, unknown>) => value.notes as Record<string, unknown>[];

describe('the review format (egov-desk/review v1)', () => {
  it('accepts a built and signed review, bound to the submission by id and content hash', async () => {
    expect(reviewDocumentSchema.safeParse(JSON.parse(reviewFileText(review))).success).toBe(true);
    expect(review).toMatchObject({
      format: 'egov-desk/review',
      formatVersion: 1,
      reviewId: REVIEW_ID,
      submission: {
        submissionId: submission.submissionId,
        contentHash: await submissionContentHash(submission),
        questionnaire: { id: 'test-all-types', version: submission.questionnaire.version },
        respondent: { place: 'Estonia', organisation: 'Information System Authority' },
        signerKeyId: submission.signature.keyId,
      },
      createdAt: '2024-06-10T14:00:00.000Z',
      signature: { algorithm: 'Ed25519' },
    });
    expect(review.submission.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('keeps notes as given, trims comments and leaves blank ones out', () => {
    expect(review.notes).toEqual([
      { questionId: 'A.1', status: 'accepted' },
      { questionId: 'B.3', status: 'query', comment: 'A web portal with no online services? Please confirm.' },
      { questionId: 'A.2.1', status: 'query', comment: '=HYPERLINK("http://evil.example","Please check")' },
      { questionId: 'D.1', status: 'accepted', comment: 'Thank you for the plan.' },
    ]);
    expect(notesByQuestion(review).get('B.3')?.status).toBe('query');
  });

  it.each([
    ['two notes on one question', (v: Record<string, unknown>) => notesOf(v).push({ questionId: 'A.1', status: 'query', comment: 'Again?' }), /notes\[4\]\.questionId: question A\.1 has more than one note/],
    ['a query without a comment', (v: Record<string, unknown>) => { delete notesOf(v)[1]?.comment; }, /notes\[1\]\.comment: a query needs a comment/],
    ['a query with a blank comment', (v: Record<string, unknown>) => { (notesOf(v)[1] ?? {}).comment = '   '; }, /notes\[1\]\.comment: must not be blank/],
    ['a comment over 5,000 characters', (v: Record<string, unknown>) => { (notesOf(v)[1] ?? {}).comment = 'x'.repeat(5001); }, /notes\[1\]\.comment/],
    ['an unknown status', (v: Record<string, unknown>) => { (notesOf(v)[0] ?? {}).status = 'rejected'; }, /notes\[0\]\.status/],
    ['an extra member at the top', (v: Record<string, unknown>) => { v.approved = true; }, /approved/],
    ['an extra member in a note', (v: Record<string, unknown>) => { (notesOf(v)[0] ?? {}).severity = 'high'; }, /severity/],
    ['an extra member in the binding', (v: Record<string, unknown>) => { (v.submission as Record<string, unknown>).answers = {}; }, /answers/],
    ['a general comment over 20,000 characters', (v: Record<string, unknown>) => { v.generalComment = 'x'.repeat(20_001); }, /generalComment/],
    ['a content hash without its algorithm', (v: Record<string, unknown>) => { const s = v.submission as Record<string, string>; s.contentHash = s.contentHash?.slice(7) ?? ''; }, /submission\.contentHash/],
    ['a review id that is not a uuid', (v: Record<string, unknown>) => { v.reviewId = 'review-1'; }, /reviewId/],
    ['a creation time with a zone offset', (v: Record<string, unknown>) => { v.createdAt = '2024-06-10T16:00:00+02:00'; }, /createdAt/],
  ])('refuses %s', (_name, change, issue) => {
    const result = reviewDocumentSchema.safeParse(edited(change));
    expect(result.success).toBe(false);
    const text = result.error?.issues.map((i) => `${i.path.join('.').replace(/\.(\d+)/g, '[$1]')}: ${i.message}`).join('\n') ?? '';
    expect(text).toMatch(issue);
  });

  it('accepts an accepted note without a comment and a review without a general comment', () => {
    expect(unsignedReviewSchema.safeParse(edited((v) => { delete v.signature; delete v.generalComment; })).success).toBe(true);
  });

  it('is never built with a query that has no comment, or two notes on one question', async () => {
    const key = await testKey();
    const base = { submission, reviewer: reviewerOf(key), reviewId: REVIEW_ID, createdAt: Date.UTC(2024, 5, 10) };
    await expect(buildReview({ ...base, notes: [{ questionId: 'B.3', status: 'query', comment: ' ' }] })).rejects.toThrow(SchemaParseError);
    await expect(buildReview({ ...base, notes: [{ questionId: 'B.3', status: 'query' }] })).rejects.toThrow(/notes\[0\]\.comment/);
    await expect(
      buildReview({ ...base, notes: [{ questionId: 'B.3', status: 'accepted' }, { questionId: 'B.3', status: 'query', comment: 'Hm' }] }),
    ).rejects.toThrow(/question B\.3 has more than one note/);
    const empty = await buildReview({ ...base, notes: [{ questionId: 'A.1', status: 'accepted', comment: '  ' }], generalComment: '\n' });
    expect(empty.notes).toEqual([{ questionId: 'A.1', status: 'accepted' }]);
    expect(empty).not.toHaveProperty('generalComment');
  });

  it('is published as JSON Schema that requires a comment on a query', () => {
    const schema = JSON.stringify(reviewJsonSchema());
    expect(schema).toContain('"const":"egov-desk/review"');
    expect(schema).toMatch(/"const":"query"[^}]*}[^}]*"minLength":1/);
  });
});
