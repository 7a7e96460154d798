import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { loadCatalog } from '../../app/catalog';
import { navigate } from '../../app/router';
import { reportError } from '../../app/notices';
import { storage } from '../../db';
import { platform } from '../../platform';
import { openSubmissionFile } from './opened-file';

/** Verifies a file the person handed over (dialog or drop) and shows the review screen. */
export async function openAndReview(fileName: string, bytes: Uint8Array): Promise<void> {
  const [catalog, trusted] = await Promise.all([loadCatalog(), storage().identities.trusted()]);
  await openSubmissionFile(fileName, bytes, trusted.map((row) => row.card), catalog.entries.map((entry) => entry.definition));
  navigate({ name: 'review' });
}

/** A handler for an "Open a submission…" button: file dialog, verification, review screen. */
export function useOpenSubmission(): () => void {
  const { t } = useTranslation();
  return useCallback(() => {
    const run = async () => {
      const [file] = await platform().openFiles({ title: t('review.pickTitle'), filters: [{ name: 'Submissions', extensions: ['json', 'xlsx'] }], multiple: false });
      if (file) await openAndReview(file.name, file.data);
    };
    run().catch((error: unknown) => { reportError('review.openFailed', error); });
  }, [t]);
}
