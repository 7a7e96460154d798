import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64 } from '../../../shared/crypto/base64';
import type { ReviewDocument, UnsignedReview } from '../../../shared/review/document';
import { MAX_REVIEW_BYTES } from '../../../shared/review/document';
import { reviewFileText, reviewHashOf, reviewSigningBytes, signReview } from '../../../shared/review/sign';
import type { ReviewVerificationReport } from '../../../shared/review/verify';
import { verifyReviewDocument, verifyReviewJson } from '../../../shared/review/verify';
import { canonicalJson } from '../../../shared/canonical-json';
import type { SubmissionDocument } from '../../../shared/submission/document';
import { submissionFileText } from '../../../shared/submission/sign';
import type { TestKey } from '../../helpers/signed-submission';
import { testKey } from '../../helpers/signed-submission';
import { bytesOf, reviewerCardOf, reviewOf, submissionOf } from './review-kit';

let submission: SubmissionDocument;
let review: ReviewDocument;
let key: TestKey;
let text: string;

beforeAll(async () => {
  submission = (await submissionOf()).document;
  ({ review, key } = await reviewOf(submission));
  text = reviewFileText(review);
});

function withoutSignature(document: ReviewDocument): UnsignedReview {
  const unsigned: Partial<ReviewDocument> = { ...document };
  delete unsigned.signature;
  return unsigned as UnsignedReview;
}

/** The report's reason when it is unreadable, or a description of what it is instead. */
function unreadableReason(report: ReviewVerificationReport): string {
  return report.status === 'unreadable' ? `${report.problem}: ${report.reason}` : `not unreadable but ${report.status}`;
}

describe('signing and verifying a review', () => {
  it('round-trips: the file verifies, whatever its layout', async () => {
    expect(await verifyReviewJson(bytesOf(text))).toEqual({ status: 'valid', trusted: false, review });
    // Compact, keys in another order, a byte order mark: the same signed content.
    const reordered = `\ufeff${JSON.stringify(Object.fromEntries(Object.entries(review).reverse()))}`;
    expect(await verifyReviewJson(bytesOf(reordered))).toMatchObject({ status: 'valid' });
    // The signature covers the canonical bytes, and the hash is of the same bytes.
    expect(new TextDecoder().decode(reviewSigningBytes(review))).toBe(canonicalJson(withoutSignature(review)));
    expect(await reviewHashOf(review)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await reviewHashOf(JSON.parse(reordered.slice(1)) as ReviewDocument)).toBe(await reviewHashOf(review));
  });

  it('is trusted only when the reviewer card on the list has the same key', async () => {
    expect(await verifyReviewJson(bytesOf(text), [reviewerCardOf(key)])).toMatchObject({ status: 'valid', trusted: true });
    const stranger = await testKey();
    expect(await verifyReviewJson(bytesOf(text), [reviewerCardOf(stranger)])).toMatchObject({ status: 'valid', trusted: false });
    // A card that names the key id but carries another public key is not a match.
    const forged = { ...reviewerCardOf(key), publicKey: toBase64(stranger.publicKey) };
    expect(await verifyReviewJson(bytesOf(text), [forged])).toMatchObject({ status: 'valid', trusted: false });
  });

  it('reports a flipped bit in the signature, and any edit after signing', async () => {
    const value = Uint8Array.from(atob(review.signature.value), (c) => c.charCodeAt(0));
    value[10] = (value[10] ?? 0) ^ 0x01;
    const flipped = { ...review, signature: { ...review.signature, value: toBase64(value) } };
    expect(await verifyReviewJson(bytesOf(flipped))).toMatchObject({ status: 'signatureInvalid', problem: 'badSignature' });

    const softened = { ...review, notes: review.notes.map((n) => (n.questionId === 'B.3' ? { questionId: 'B.3', status: 'accepted' } : n)) };
    expect(await verifyReviewJson(bytesOf(softened))).toMatchObject({ status: 'signatureInvalid', problem: 'badSignature' });
    const rebound = { ...review, submission: { ...review.submission, submissionId: '11111111-2222-4333-8444-555555555555' } };
    expect(await verifyReviewJson(bytesOf(rebound))).toMatchObject({ status: 'signatureInvalid', problem: 'badSignature' });
  });

  it('reports a key that is not the one named, and a signature block that cannot be decoded', async () => {
    const other = await testKey();
    const swapped = { ...review, signature: { ...review.signature, publicKey: toBase64(other.publicKey) } };
    expect(await verifyReviewJson(bytesOf(swapped))).toMatchObject({ status: 'signatureInvalid', problem: 'keyIdMismatch' });
    const renamed = { ...review, reviewer: { ...review.reviewer, keyId: other.keyId } };
    expect(await verifyReviewJson(bytesOf(renamed))).toMatchObject({ status: 'signatureInvalid', problem: 'signerKeyMismatch' });
    // 44 base64 characters whose last one has unused bits set: not canonical base64.
    const sloppy = { ...review, signature: { ...review.signature, publicKey: `${review.signature.publicKey.slice(0, 42)}B=` } };
    expect(await verifyReviewJson(bytesOf(sloppy))).toMatchObject({ status: 'signatureInvalid', problem: 'malformed' });
  });

  it('refuses to sign with a key other than the reviewer named', async () => {
    await expect(signReview(withoutSignature(review), await testKey())).rejects.toThrow(/not the key named in the review/);
  });
});

describe('opening a file that is not a usable review: a specific reason, nothing thrown', () => {
  // A fixed byte pattern rather than random bytes, so a failure can be reproduced.
  const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
  const deep = (n: number) => bytesOf(`${'['.repeat(n)}${']'.repeat(n)}`);

  it.each<[string, () => Uint8Array, RegExp]>([
    ['an empty file', () => new Uint8Array(), /^empty: the file is empty$/],
    ['a file of blank lines', () => bytesOf('\n \r\n\t'), /^empty: /],
    ['a file over the size limit', () => new Uint8Array(MAX_REVIEW_BYTES + 1), /^tooLarge: the file is larger than 32 MB$/],
    ['a truncated file', () => bytesOf(text.slice(0, Math.floor(text.length / 2))), /^notJson: the file is not valid JSON \(.+\)$/],
    ['bytes that are not UTF-8', () => noise, /^notUtf8: the file is not UTF-8 text$/],
    ['a Latin-1 text file', () => Uint8Array.from([0x7b, 0x22, 0x6e, 0xe9, 0x22, 0x3a, 0x31, 0x7d]), /^notUtf8: /],
    ['text that is not JSON', () => bytesOf('Dear focal point, please see my comments below.\n'), /^notJson: /],
    ['100,000 nested arrays', () => deep(100_000), /^tooDeep: the file nests more than 64 levels deep/],
    ['100,000 nested objects, unclosed', () => bytesOf('{"a":'.repeat(100_000)), /^tooDeep: /],
    ['a submission where a review is expected', () => bytesOf(submissionFileText(submission)), /^submissionNotReview: this is a submission, not a review$/],
    ['an unsigned response file', () => bytesOf({ format: 'egov-desk/response', formatVersion: 1 }), /^responseNotReview: this is an unsigned response, not a review$/],
    ['other JSON', () => bytesOf({ hello: 'world' }), /^notReview: this is not an EGov Desk review$/],
    ['a JSON array', () => bytesOf([1, 2, 3]), /^notReview: /],
    ['a JSON string', () => bytesOf('"egov-desk/review"'), /^notReview: /],
    ['a review of a later format version', () => bytesOf({ ...review, formatVersion: 2 }), /^unsupportedVersion: this review is in format version 2, /],
    ['a review that breaks the format', () => bytesOf({ ...review, notes: [{ questionId: 'A.1', status: 'query' }] }), /^badFormat: the review does not follow the format: notes\[0\]\.comment: a query needs a comment$/],
    ['a review without a signature', () => bytesOf({ ...review, signature: undefined }), /^badFormat: .*signature/],
  ])('%s', async (_name, bytes, reason) => {
    const report = await verifyReviewJson(bytes());
    expect(unreadableReason(report)).toMatch(reason);
  });

  it('refuses a review of an answer to a questionnaire this device does not have', async () => {
    const available = [{ id: 'msq-2024', version: '1.0.0' }, { id: 'test-all-types', version: '9.9.9' }];
    const report = await verifyReviewJson(bytesOf(text), [], { questionnaires: available });
    expect(unreadableReason(report)).toBe(
      `unknownQuestionnaire: this review is about questionnaire test-all-types ${review.submission.questionnaire.version}, which is not available on this device`,
    );
    const here = [...available, review.submission.questionnaire];
    expect(await verifyReviewJson(bytesOf(text), [], { questionnaires: here })).toMatchObject({ status: 'valid' });
  });

  it('never throws, even on values no file can hold', async () => {
    const cyclic: Record<string, unknown> = { ...review };
    cyclic.self = cyclic;
    expect((await verifyReviewDocument(cyclic)).status).toBe('unreadable');
    expect((await verifyReviewDocument(undefined)).status).toBe('unreadable');
    expect((await verifyReviewDocument(null)).status).toBe('unreadable');
  });
});
