import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fromBase64 } from '../../../../shared/crypto/base64';
import { buildReview, renderReviewWorkbook, reviewFileText, signReview, submissionContentHash } from '../../../../shared/review';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import type { SubmissionDocument } from '../../../../shared/submission/document';
import { addNotice, reportError } from '../../app/notices';
import { trackWrite } from '../../app/pending-work';
import { routeHref } from '../../app/router';
import { storage, useIdentities, useReviewDraft } from '../../db';
import type { ReviewDraftRow } from '../../db';
import { platform } from '../../platform';

type Note = ReviewDraftRow['notes'][string];

/** Opens (or creates) the reviewer's draft for a verified submission; undefined while loading. */
export function useReviewDraftFor(document: SubmissionDocument): ReviewDraftRow | undefined {
  const [hash, setHash] = useState<string | undefined>();
  useEffect(() => {
    // The caller keys this view by submission, so `hash` starts empty for each new file.
    let cancelled = false;
    submissionContentHash(document)
      .then(async (submissionHash) => {
        await storage().reviews.openDraft({ submissionHash, submissionId: document.submissionId, document });
        if (!cancelled) setHash(submissionHash);
      })
      .catch((error: unknown) => { reportError('review.draftFailed', error); });
    return () => { cancelled = true; };
  }, [document]);
  return useReviewDraft(hash);
}

/** Accept or query one question; a query needs a comment. Saved when the choice changes or the comment is left. */
export function QuestionReviewNote({ draft, questionId, label }: { readonly draft: ReviewDraftRow; readonly questionId: string; readonly label: string }) {
  const { t } = useTranslation();
  const id = useId();
  const saved = draft.notes[questionId];
  // Local state answers at once; the stored draft follows (a live query would lag one write behind).
  const [status, setStatus] = useState(saved?.status);
  const [comment, setComment] = useState(saved?.comment ?? '');
  const save = (note: Note | undefined) => {
    setStatus(note?.status);
    // Tracked, so an app update waits for it (app/pending-work.ts).
    trackWrite(storage().reviews.setNote(draft.submissionHash, questionId, note)).catch((error: unknown) => { reportError('review.noteFailed', error); });
  };
  return (
    <fieldset className="review-note no-print-controls">
      <legend>
        {t('review.noteLegend')}
        <span className="visually-hidden">: {label}</span>
      </legend>
      <label className="option">
        <input type="radio" name={id} checked={status === 'accepted'} onChange={() => { save({ status: 'accepted', comment }); }} />
        {t('review.accept')}
      </label>
      <label className="option">
        <input type="radio" name={id} checked={status === 'query'} onChange={() => { save({ status: 'query', comment }); }} />
        {t('review.query')}
      </label>
      {status && (
        <button type="button" className="link-button" onClick={() => { save(undefined); setComment(''); }}>
          {t('review.clearNote')}
        </button>
      )}
      {status && (
        <div className="field">
          <label htmlFor={`${id}-comment`}>{status === 'query' ? t('review.queryComment') : t('review.acceptComment')}</label>
          <textarea
            id={`${id}-comment`}
            rows={2}
            maxLength={5000}
            value={comment}
            aria-invalid={status === 'query' && comment.trim() === '' ? true : undefined}
            onChange={(event) => { setComment(event.target.value); }}
            onBlur={() => { save({ status, comment }); }}
          />
        </div>
      )}
    </fieldset>
  );
}

/** The general comment and the export of the signed review (JSON) with its readable workbook. */
export function ReviewExport({ draft, definition }: { readonly draft: ReviewDraftRow; readonly definition: QuestionnaireDefinition }) {
  const { t } = useTranslation();
  const identities = useIdentities();
  const identity = identities?.find((row) => row.replacedAt === undefined);
  const [general, setGeneral] = useState(draft.generalComment);
  const [busy, setBusy] = useState(false);
  const queries = Object.values(draft.notes).filter((note) => note.status === 'query');
  const incomplete = queries.some((note) => note.comment.trim() === '');

  const exportReview = async () => {
    if (!identity) return;
    const publicKey = fromBase64(identity.publicKey);
    if (!publicKey) throw new Error('The identity has no readable public key.');
    await storage().reviews.setGeneralComment(draft.submissionHash, general);
    // Read back from storage: the comment saved by the blur that this click caused is already there,
    // while the `draft` of this render is one write behind.
    const stored = (await storage().reviews.draft(draft.submissionHash)) ?? draft;
    const unsigned = await buildReview({
      submission: stored.document,
      reviewer: { name: identity.name, organisation: identity.organisation, email: identity.email, keyId: identity.keyId },
      notes: Object.entries(stored.notes).map(([questionId, note]) => ({ questionId, status: note.status, comment: note.comment })),
      generalComment: general,
      reviewId: crypto.randomUUID(),
      createdAt: Date.now(),
    });
    const review = await signReview(unsigned, { publicKey, sign: (data) => platform().signWithKey(identity.keyId, data) });
    const base = `review-${draft.document.respondent.place.replace(/[^\p{L}\p{N}]+/gu, '-')}-${draft.document.questionnaire.id}`;
    const json = await platform().saveFile({
      title: t('review.exportTitle'),
      suggestedName: `${base}.json`,
      filters: [{ name: 'Signed review', extensions: ['json'] }],
      data: new TextEncoder().encode(reviewFileText(review)),
    });
    if (!json.saved) return;
    const workbook = await renderReviewWorkbook(review, draft.document, definition);
    await platform().saveFile({ title: t('review.exportTitle'), suggestedName: `${base}.xlsx`, filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }], data: new Uint8Array(workbook) });
    addNotice({ kind: 'info', key: 'review.exported', detail: json.fileName ?? `${base}.json` });
  };

  return (
    <section className="review-export" aria-labelledby="review-export-heading">
      <h2 id="review-export-heading">{t('review.exportHeading')}</h2>
      <p>{t('review.exportIntro', { count: queries.length })}</p>
      <div className="field">
        <label htmlFor="review-general">{t('review.generalComment')}</label>
        <textarea
          id="review-general"
          rows={4}
          maxLength={20_000}
          value={general}
          onChange={(event) => { setGeneral(event.target.value); }}
          onBlur={() => { trackWrite(storage().reviews.setGeneralComment(draft.submissionHash, general)).catch((error: unknown) => { reportError('review.noteFailed', error); }); }}
        />
      </div>
      {incomplete && <p className="field-error">{t('review.queryNeedsComment')}</p>}
      {identities !== undefined && !identity ? (
        <p>
          {t('review.needsIdentity')} <a href={routeHref({ name: 'identity' })}>{t('submit.identityLink')}</a>
        </p>
      ) : (
        <button
          type="button"
          className="primary"
          disabled={busy || incomplete || identity === undefined}
          onClick={() => {
            setBusy(true);
            exportReview()
              .catch((error: unknown) => { reportError('review.exportFailed', error); })
              .finally(() => { setBusy(false); });
          }}
        >
          {t('review.export')}
        </button>
      )}
    </section>
  );
}
