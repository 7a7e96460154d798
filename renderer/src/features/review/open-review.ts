import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewVerificationReport } from '../../../../shared/review';
import { addNotice, reportError } from '../../app/notices';
import { loadCatalog } from '../../app/catalog';
import { navigate } from '../../app/router';
import { storage } from '../../db';
import { platform } from '../../platform';

/**
 * A focal point opens a review file they received. It is verified first; then its queries are
 * attached to the response whose submission it reviews. Nothing is stored when the file does not
 * verify or when no response on this device matches (the person is told to continue from the
 * submitted file first).
 */
export async function receiveReviewFile(fileName: string, bytes: Uint8Array): Promise<ReviewVerificationReport> {
  const catalog = await loadCatalog();
  const trusted = (await storage().identities.trusted()).map((row) => row.card);
  const questionnaires = catalog.entries.map((entry) => ({ id: entry.definition.id, version: entry.definition.version }));
  // Review verification loads with the first review opened, not with the first screen (issue 10).
  const { reviewReference, verifyReviewJson } = await import('../../../../shared/review');
  const report = await verifyReviewJson(bytes, trusted, { questionnaires });
  if (report.status !== 'valid') return report;
  const { review } = report;
  const responses = await storage().responses.list();
  // The newest response made from that submission: its revision if one was started, else the original.
  const original = responses.find((row) => row.submission?.submissionId === review.submission.submissionId);
  const target = responses.find((row) => row.revises === review.submission.submissionId && row.submission === undefined) ?? original;
  // A review names the key that signed the submission: one about another signer's file with the
  // same id is not about this response.
  if (original?.submission && original.submission.keyId !== review.submission.signerKeyId) {
    addNotice({ kind: 'error', key: 'reviewReceived.otherSigner', detail: fileName });
    return report;
  }
  if (!target) {
    addNotice({ kind: 'error', key: 'reviewReceived.noResponse', detail: `${fileName}: ${review.submission.respondent.place}, ${review.submission.questionnaire.id}` });
    return report;
  }
  const { reviewHash } = await reviewReference(review);
  await storage().reviews.receive({ reviewId: review.reviewId, reviewHash, responseId: target.id, review, trusted: report.trusted });
  navigate({ name: 'response', responseId: target.id });
  return report;
}

export function useOpenReview(): () => void {
  const { t } = useTranslation();
  return useCallback(() => {
    const run = async () => {
      const [file] = await platform().openFiles({ title: t('reviewReceived.pickTitle'), filters: [{ name: 'Signed review', extensions: ['json'] }], multiple: false });
      if (!file) return;
      const report = await receiveReviewFile(file.name, file.data);
      if (report.status === 'unreadable') addNotice({ kind: 'error', key: 'reviewReceived.unreadable', detail: `${file.name}: ${report.reason}` });
      if (report.status === 'signatureInvalid') addNotice({ kind: 'error', key: 'reviewReceived.invalid', detail: file.name });
    };
    run().catch((error: unknown) => { reportError('reviewReceived.failed', error); });
  }, [t]);
}
