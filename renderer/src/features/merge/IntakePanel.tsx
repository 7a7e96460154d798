import { useId, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../app/notices';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatNumber } from '../../i18n/format';
import type { AddOutcome, IntakeState, NotAdded } from './intake-store';
import { cancelVerification, clearIntake } from './intake-store';
import { pickAndAdd } from './merge-actions';
import type { VerifyProgress } from './progress';
import type { VerifyContext } from './verify-protocol';

/** "about 12 seconds" / "about 3 minutes" left. */
export function timeLeftText(t: TFunction, seconds: number): string {
  if (seconds < 90) return t('merge.intake.secondsLeft', { count: Math.max(1, Math.round(seconds)) });
  return t('merge.intake.minutesLeft', { count: Math.round(seconds / 60) });
}

function ProgressView({ progress }: { readonly progress: VerifyProgress }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const language = i18n.resolvedLanguage ?? 'en';
  const parts = [t('merge.intake.count', { count: progress.total, done: formatNumber(progress.done, language), total: formatNumber(progress.total, language) })];
  if (progress.filesPerSecond !== undefined) parts.push(t('merge.intake.rate', { rate: formatNumber(Math.round(progress.filesPerSecond), language) }));
  if (progress.secondsLeft !== undefined && progress.done < progress.total) parts.push(timeLeftText(t, progress.secondsLeft));
  return (
    <div className="intake-progress">
      <label htmlFor={id}>{t('merge.intake.verifying')}</label>
      <progress id={id} max={Math.max(1, progress.total)} value={progress.done} />
      <p className="meta">{parts.join(' · ')}</p>
      <button type="button" onClick={cancelVerification}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

function outcomeText(t: TFunction, outcome: AddOutcome): string {
  if (outcome.cancelled) return t('merge.intake.cancelled', { checked: outcome.checked, notAdded: outcome.notAdded });
  if (outcome.notAdded > 0) return t('merge.intake.addedSome', { checked: outcome.checked, notAdded: outcome.notAdded });
  return t('merge.intake.added', { count: outcome.checked });
}

function notAddedReason(t: TFunction, item: NotAdded): string {
  switch (item.reason.kind) {
    case 'refused':
      return item.reason.text;
    case 'cancelled':
      return t('merge.intake.notCheckedCancelled');
    case 'workerFailed':
      return t('merge.intake.notCheckedFailed');
  }
}

/** Adding files: pick files or a folder (or drop them), see the verification progress, cancel it. */
export function IntakePanel({ intake, context }: { readonly intake: IntakeState; readonly context: VerifyContext | undefined }) {
  const { t } = useTranslation();
  const [confirmClear, setConfirmClear] = useState(false);
  const busy = intake.verifying !== undefined;
  const add = (folder: boolean) => {
    if (!context) return;
    pickAndAdd(folder, t(folder ? 'merge.intake.pickFolderTitle' : 'merge.intake.pickFilesTitle'), context).catch((error: unknown) => {
      reportError('merge.intake.failed', error);
    });
  };
  return (
    <section aria-labelledby="merge-intake">
      <h2 id="merge-intake">{t('merge.intake.title')}</h2>
      <p>{t('merge.intake.intro')}</p>
      <div className="actions">
        <button type="button" className="primary" disabled={busy || !context} onClick={() => { add(false); }}>
          {t('merge.intake.addFiles')}
        </button>
        <button type="button" disabled={busy || !context} onClick={() => { add(true); }}>
          {t('merge.intake.addFolder')}
        </button>
        {intake.files.length > 0 && (
          <button type="button" disabled={busy} onClick={() => { setConfirmClear(true); }}>
            {t('merge.intake.clear')}
          </button>
        )}
      </div>
      <p className="meta">{t('merge.intake.dropHint')}</p>
      {intake.verifying && <ProgressView progress={intake.verifying} />}
      <div role="status" className="intake-status" data-verified-on={intake.lastAdd?.ranOn}>
        {intake.verifying && <p className="visually-hidden">{t('merge.intake.started', { count: intake.verifying.total })}</p>}
        {!intake.verifying && intake.lastAdd && <p>{outcomeText(t, intake.lastAdd)}</p>}
      </div>
      {intake.notAdded.length > 0 && (
        <details className="not-added">
          <summary>{t('merge.intake.notAddedTitle', { count: intake.notAdded.length })}</summary>
          <ul>
            {intake.notAdded.map((item, i) => (
              <li key={`${item.name}-${String(i)}`}>
                <strong>{item.name}</strong>: {notAddedReason(t, item)}
              </li>
            ))}
          </ul>
        </details>
      )}
      <ConfirmDialog
        open={confirmClear}
        title={t('merge.intake.clearTitle')}
        message={t('merge.intake.clearMessage')}
        confirmLabel={t('merge.intake.clearConfirm')}
        onConfirm={() => {
          setConfirmClear(false);
          clearIntake();
        }}
        onCancel={() => { setConfirmClear(false); }}
      />
    </section>
  );
}
