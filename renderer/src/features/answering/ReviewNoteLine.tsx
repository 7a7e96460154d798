import { useUiText } from './use-ui-text';
import type { ReviewNote } from '../../../../shared/review';

/** The reviewer's word on one question, shown right above it: a query to answer, or an acceptance. */
export function ReviewNoteLine({ note }: { readonly note: ReviewNote }) {
  const { t } = useUiText();
  if (note.status === 'accepted') {
    return <p className="review-accepted">{t('reviewReceived.accepted')}{note.comment ? `: ${note.comment}` : ''}</p>;
  }
  return (
    <div className="review-query" role="note" aria-label={t('reviewReceived.queryLabel')}>
      <strong>{t('reviewReceived.queryLabel')}:</strong> {note.comment}
    </div>
  );
}
