import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { platform } from '../../platform';
import type { AppUpdates, UpdateStatus } from '../../platform/updates';
import type { UpdateBlocked } from './update-actions';
import { useUpdateActions } from './use-updates';

export interface UpdatePromptViewProps {
  readonly status: UpdateStatus;
  /** The `ready.id` the person put off with "Later". */
  readonly dismissedId: number | undefined;
  readonly blocked: UpdateBlocked | undefined;
  readonly onUpdate: () => void;
  readonly onLater: (id: number) => void;
  readonly onReload: () => void;
}

/**
 * The prompt itself, without state: a polite live region that is always there (so screen readers
 * announce what appears in it), holding the offer when a new version waits. Never modal, never
 * takes focus: the person finishes what they are typing and chooses when.
 */
export function UpdatePromptView({ status, dismissedId, blocked, onUpdate, onLater, onReload }: UpdatePromptViewProps) {
  const { t } = useTranslation();
  let content;
  if (status.kind === 'ready' && status.id !== dismissedId) {
    content = (
      <div className="notice update-prompt">
        <p>
          {t('update.ready')} <span className="detail">{t('update.readyHint')}</span>
        </p>
        <div className="actions">
          <button type="button" onClick={onUpdate}>
            {t('update.updateNow')}
          </button>
          <button type="button" onClick={() => { onLater(status.id); }}>
            {t('update.later')}
          </button>
        </div>
      </div>
    );
  } else if (status.kind === 'applying') {
    content = (
      <div className="notice update-prompt">
        <p>{t('update.applying')}</p>
      </div>
    );
  } else if (status.kind === 'reloadNeeded') {
    content = (
      <div className="notice update-prompt">
        <p>{t('update.reloadNeeded')}</p>
        <button type="button" onClick={onReload}>
          {t('update.reload')}
        </button>
      </div>
    );
  }
  return (
    // Without content it takes no room (no `notices` margin) but stays, so the next message is announced.
    <section className={content || blocked ? 'notices' : undefined} aria-label={t('update.label')} aria-live="polite">
      {blocked && (
        <div className="notice error" role="alert">
          <p>
            {t(blocked.reason === 'unsaved' ? 'update.blockedUnsaved' : 'update.blockedNoUpdate')} <span className="detail">{blocked.detail}</span>
          </p>
        </div>
      )}
      {content}
    </section>
  );
}

/** Offers a newly installed version of the offline web app (issue 9); nothing on the desktop. */
export function UpdatePrompt({ updates = platform().updates }: { readonly updates?: AppUpdates }) {
  const { status, blocked, update, reload } = useUpdateActions(updates);
  const [dismissedId, setDismissedId] = useState<number | undefined>();
  // Registers the service worker and starts the checks, once, after the first render.
  useEffect(() => {
    updates.start();
  }, [updates]);
  if (updates.mode !== 'service-worker') return null;
  return <UpdatePromptView status={status} dismissedId={dismissedId} blocked={blocked} onUpdate={update} onLater={setDismissedId} onReload={reload} />;
}
