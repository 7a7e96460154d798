import { useEffect, useRef, useState } from 'react';
import type { FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { platform } from '../../platform';
import type { AppUpdates, UpdateStatus } from '../../platform/updates';
import { stopChangesUntilReload } from '../../app/data-broadcast';
import { onStorageUpgradedElsewhere } from '../../db';
import type { UpdateBlocked } from './update-actions';
import { saveEverything } from './update-actions';
import { blockedMessage, useUpdateActions } from './use-updates';

export interface UpdatePromptViewProps {
  readonly status: UpdateStatus;
  /** The `ready.id` the person put off with "Later". */
  readonly dismissedId: number | undefined;
  readonly blocked: UpdateBlocked | undefined;
  readonly onUpdate: () => void;
  readonly onLater: (id: number) => void;
  readonly onReload: () => void;
  /** Focus entered the prompt (`relatedTarget`: from where), and left it. */
  readonly onFocusFrom?: (event: FocusEvent<HTMLElement>) => void;
  readonly onFocusLeave?: (event: FocusEvent<HTMLElement>) => void;
}

/**
 * The prompt itself, without state: ONE polite live region that is always there (so screen readers
 * announce what appears in it, a blocked update included: no alert nested inside it), holding the
 * offer when a new version waits. Never modal, never takes focus: the person finishes what they are
 * typing and chooses when.
 */
export function UpdatePromptView({ status, dismissedId, blocked, onUpdate, onLater, onReload, onFocusFrom, onFocusLeave }: UpdatePromptViewProps) {
  const { t } = useTranslation();
  let content;
  if (status.kind === 'ready' && status.id !== dismissedId) {
    content = (
      <div className="notice update-prompt">
        <p>
          {t('update.ready')} <span className="detail">{t('update.readyHint')}</span>
        </p>
        {status.takeoverFailed && <p className="error">{t('update.status.takeoverFailed')}</p>}
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
        <p>{t(status.cause === 'version' ? 'update.reloadNeeded' : status.saved ? 'update.storageUpgraded' : 'update.storageUpgradedUnsaved')}</p>
        <button type="button" onClick={onReload}>
          {t('update.reload')}
        </button>
      </div>
    );
  }
  return (
    // Without content it takes no room (no `notices` margin) but stays, so the next message is announced.
    <section className={content || blocked ? 'notices' : undefined} aria-label={t('update.label')} aria-live="polite" onFocus={onFocusFrom} onBlur={onFocusLeave}>
      {blocked && (
        <div className="notice error">
          <p>{blockedMessage(blocked, (key) => t(key))}</p>
        </div>
      )}
      {content}
    </section>
  );
}

/** Where keyboard focus goes once the prompt's buttons are gone: back where it was, else the main content. */
function restoreFocus(previous: HTMLElement | undefined): void {
  const target = previous?.isConnected ? previous : document.getElementById('main');
  target?.focus();
}

/**
 * Offers a newly installed version of the offline web app (issue 9). Also tells any tab, desktop
 * included, when another one upgraded the stored data (it writes what it has, then closes its
 * database, see renderer/src/db).
 */
export function UpdatePrompt({ updates = platform().updates }: { readonly updates?: AppUpdates }) {
  const { status, blocked, update, reload } = useUpdateActions(updates);
  const [dismissedId, setDismissedId] = useState<number | undefined>();
  // Set while focus is inside the prompt: where it came from.
  const previousFocus = useRef<HTMLElement | undefined>(undefined);
  // Registers the service worker and starts the checks, once, after the first render.
  useEffect(() => {
    updates.start();
  }, [updates]);
  // A newer version in another tab upgrades the database: save, close, and ask for a reload. With
  // everything saved the page is taken out of use (nothing typed now could be stored); when the
  // last save failed it stays readable, so the person can copy what is only on screen.
  useEffect(
    () =>
      onStorageUpgradedElsewhere(saveEverything, (saved) => {
        if (saved) stopChangesUntilReload();
        updates.storageUpgradedElsewhere(saved);
      }),
    [updates],
  );
  // After "Later", "Update now" or "Reload" the button that had focus is gone and focus fell to the
  // page's body: put it back where it was before the prompt, else on the main content.
  useEffect(() => {
    if (previousFocus.current === undefined) return;
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;
    restoreFocus(previousFocus.current);
    previousFocus.current = undefined;
  }, [status, dismissedId, blocked]);
  if (updates.mode !== 'service-worker' && status.kind !== 'reloadNeeded') return null;
  return (
    <UpdatePromptView
      status={status}
      dismissedId={dismissedId}
      blocked={blocked}
      onUpdate={update}
      onLater={setDismissedId}
      onReload={reload}
      onFocusFrom={(event) => {
        const from = event.relatedTarget;
        if (from instanceof HTMLElement && !event.currentTarget.contains(from)) previousFocus.current = from;
        else if (from === null) previousFocus.current ??= document.getElementById('main') ?? undefined;
      }}
      onFocusLeave={(event) => {
        // The person moved on by themselves: nothing to put back.
        const to = event.relatedTarget;
        if (to instanceof HTMLElement && !event.currentTarget.contains(to)) previousFocus.current = undefined;
      }}
    />
  );
}
