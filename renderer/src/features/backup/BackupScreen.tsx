import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { BackupFile } from '../../../../shared/backup/file';
import { effectiveKind, summarizePlan } from '../../../../shared/backup/plan';
import type { PlanCounts, RestorePlan } from '../../../../shared/backup/plan';
import type { BackupProblem } from '../../../../shared/backup/read';
import { useScreenHeading } from '../../components/useFocusOnMount';
import { RestoreChangedError, storage } from '../../db';
import type { RestoreResult, RestoreStep } from '../../db';
import { formatDateTime } from '../../i18n/format';
import { platform } from '../../platform';
import { formatAgo, formatBytes } from './backup-actions';
import { bundledDefinitionHashes, readBackupFile } from './restore-actions';
import { requestPersistence } from './storage-persistence';
import { BackupStateText } from './BackupStateText';
import { useBackupNow, useStorageStatus } from './use-backup';

/** Back up everything local to one file, restore from one, and see whether storage is persistent. */
export function BackupScreen() {
  const { t } = useTranslation();
  const heading = useScreenHeading<HTMLHeadingElement>(t('backup.title'));
  return (
    <div className="screen narrow">
      <h1 ref={heading} tabIndex={-1}>
        {t('backup.title')}
      </h1>
      <p>{t('backup.intro')}</p>
      <p>{t('backup.privateKeys')}</p>
      <StorageSection />
      <BackupSection />
      <RestoreSection />
    </div>
  );
}

/** The persistence line: one sentence for each answer the browser can give. */
export function persistenceText(t: TFunction, persisted: boolean | undefined): string {
  if (persisted === true) return t('backup.persistent');
  if (persisted === false) return t('backup.notPersistent');
  return t('backup.persistenceUnknown');
}

function StorageSection() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const { status, refresh } = useStorageStatus();
  const ask = () => {
    // Asked on a click as well as at start-up: some browsers only grant it after a gesture.
    void requestPersistence().then(refresh);
  };
  return (
    <section aria-labelledby="backup-storage">
      <h2 id="backup-storage">{t('backup.storageHeading')}</h2>
      {status === undefined ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <div role="status">
          <p data-testid="persistence">{persistenceText(t, status.persisted)}</p>
          {status.usage !== undefined && (
            <p className="meta">
              {status.quota !== undefined
                ? t('backup.usage', { usage: formatBytes(status.usage, language), quota: formatBytes(status.quota, language) })
                : t('backup.usageOnly', { usage: formatBytes(status.usage, language) })}
            </p>
          )}
        </div>
      )}
      {status?.persisted === false && (
        <button type="button" onClick={ask}>
          {t('backup.askPersistence')}
        </button>
      )}
    </section>
  );
}

function BackupSection() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const { state, run, lastBackup, now } = useBackupNow();
  return (
    <section aria-labelledby="backup-now">
      <h2 id="backup-now">{t('backup.backupHeading')}</h2>
      <p data-testid="last-backup">{lastBackup === undefined ? t('backup.neverBackedUp') : t('backup.lastBackup', { ago: formatAgo(lastBackup, now, language) })}</p>
      <button type="button" className="primary" onClick={run} disabled={state.kind === 'working'}>
        {t('backup.backupNow')}
      </button>
      <BackupStateText state={state} />
    </section>
  );
}

type RestorePhase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading' }
  | { readonly kind: 'comparing' }
  | { readonly kind: 'refused'; readonly problem: BackupProblem; readonly detail: string }
  | { readonly kind: 'planned'; readonly backup: BackupFile; readonly plan: RestorePlan; readonly bundled: ReadonlyMap<string, string> }
  | { readonly kind: 'restoring'; readonly step: RestoreStep }
  | { readonly kind: 'restored'; readonly result: RestoreResult }
  | { readonly kind: 'failed'; readonly changed: boolean; readonly detail: string }
  | { readonly kind: 'cancelled' };

/** Lets the browser paint a progress message before synchronous work (parsing a large file). */
const nextFrame = () => new Promise<void>((resolve) => { setTimeout(resolve, 0); });

function RestoreSection() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<RestorePhase>({ kind: 'idle' });
  const [replaceNewer, setReplaceNewer] = useState(false);

  const choose = async () => {
    const [file] = await platform().openFiles({ title: t('backup.fileTitle'), filters: [{ name: 'EGov Desk backup', extensions: ['json'] }], multiple: false });
    if (!file) return;
    setReplaceNewer(false);
    setPhase({ kind: 'reading' });
    await nextFrame();
    const read = readBackupFile(file.data);
    if (!read.ok) {
      setPhase({ kind: 'refused', problem: read.problem, detail: read.detail });
      return;
    }
    setPhase({ kind: 'comparing' });
    const bundled = await bundledDefinitionHashes();
    const plan = await storage().backup.plan(read.backup.tables, { bundledDefinitions: bundled });
    setPhase({ kind: 'planned', backup: read.backup, plan, bundled });
  };

  const confirm = (backup: BackupFile, plan: RestorePlan, bundled: ReadonlyMap<string, string>) => {
    setPhase({ kind: 'restoring', step: 'reading' });
    storage()
      .backup.restore(backup.tables, {
        expected: plan,
        replaceNewer,
        bundledDefinitions: bundled,
        onStep: (step) => { setPhase({ kind: 'restoring', step }); },
      })
      .then(
        (result) => { setPhase({ kind: 'restored', result }); },
        (error: unknown) => {
          setPhase({ kind: 'failed', changed: error instanceof RestoreChangedError, detail: error instanceof Error ? error.message : String(error) });
        },
      );
  };

  const busy = phase.kind === 'reading' || phase.kind === 'comparing' || phase.kind === 'restoring';
  return (
    <section aria-labelledby="backup-restore">
      <h2 id="backup-restore">{t('backup.restoreHeading')}</h2>
      <p>{t('backup.restoreIntro')}</p>
      <button
        type="button"
        onClick={() => {
          choose().catch((error: unknown) => {
            setPhase({ kind: 'failed', changed: false, detail: error instanceof Error ? error.message : String(error) });
          });
        }}
        disabled={busy || phase.kind === 'planned'}
      >
        {t('backup.chooseFile')}
      </button>
      <div role="status">
        {busy && <progress aria-label={t('backup.restoreHeading')} />}
        {phase.kind === 'reading' && <p>{t('backup.reading')}</p>}
        {phase.kind === 'comparing' && <p>{t('backup.comparing')}</p>}
        {phase.kind === 'restoring' && phase.step === 'reading' && <p>{t('backup.stepReading')}</p>}
        {phase.kind === 'restoring' && phase.step === 'responses' && <p>{t('backup.stepResponses')}</p>}
        {phase.kind === 'restoring' && (phase.step === 'other' || phase.step === 'done') && <p>{t('backup.stepOther')}</p>}
        {phase.kind === 'restored' && <p>{t('backup.restored', { responses: phase.result.responses, rows: phase.result.rows })}</p>}
        {phase.kind === 'cancelled' && <p>{t('backup.cancelled')}</p>}
      </div>
      {phase.kind === 'refused' && (
        <div role="alert" className="notice error block">
          <p>{t('backup.refused', { reason: t(`backup.problem.${phase.problem}`) })}</p>
          <p className="meta">{t('backup.detail', { detail: phase.detail })}</p>
        </div>
      )}
      {phase.kind === 'failed' && (
        <div role="alert" className="notice error block">
          <p>{phase.changed ? t('backup.changed') : t('backup.restoreFailed')}</p>
          {!phase.changed && <p className="meta">{t('backup.detail', { detail: phase.detail })}</p>}
        </div>
      )}
      {phase.kind === 'planned' && (
        <PlanView
          backup={phase.backup}
          plan={phase.plan}
          replaceNewer={replaceNewer}
          onReplaceNewer={setReplaceNewer}
          onConfirm={() => { confirm(phase.backup, phase.plan, phase.bundled); }}
          onCancel={() => { setPhase({ kind: 'cancelled' }); }}
        />
      )}
    </section>
  );
}

function countsText(t: TFunction, key: 'backup.planResponses' | 'backup.planOther', counts: PlanCounts): string {
  // Not `replace`: i18next reads an option of that name as the whole interpolation object.
  return t(key, { added: counts.add, replaced: counts.replace, kept: counts.keep, same: counts.identical });
}

interface PlanViewProps {
  readonly backup: BackupFile;
  readonly plan: RestorePlan;
  readonly replaceNewer: boolean;
  readonly onReplaceNewer: (value: boolean) => void;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/** The summary the person confirms: counts per kind, and every response with both sides' last change. */
function PlanView({ backup, plan, replaceNewer, onReplaceNewer, onConfirm, onCancel }: PlanViewProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const checkboxId = useId();
  const summary = summarizePlan(plan, replaceNewer);
  const asIs = summarizePlan(plan, false);
  // Rows that the checkbox would replace (definitions are never replaceable, so they do not count).
  const replaceable = summarizePlan(plan, true);
  const newerHere = replaceable.responses.replace - asIs.responses.replace + replaceable.other.replace - asIs.other.replace;
  return (
    <section aria-labelledby="restore-plan" className="restore-plan">
      <h3 id="restore-plan">{t('backup.planHeading')}</h3>
      <p className="meta">{t('backup.planFrom', { date: formatDateTime(Date.parse(backup.createdAt), language), version: backup.app.version })}</p>
      <p data-testid="plan-responses">{countsText(t, 'backup.planResponses', summary.responses)}</p>
      <p data-testid="plan-other">{countsText(t, 'backup.planOther', summary.other)}</p>
      {plan.responses.length > 0 && (
        <table className="responses">
          <caption>{t('backup.responsesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('backup.respondent')}</th>
              <th scope="col">{t('home.questionnaire')}</th>
              <th scope="col">{t('backup.inBackup')}</th>
              <th scope="col">{t('backup.onDevice')}</th>
              <th scope="col">{t('backup.action')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.responses.map((entry) => (
              <tr key={entry.id}>
                <th scope="row">
                  {`${entry.respondent.place} — ${entry.respondent.organisation}`}
                  <div className="meta">{entry.respondent.focalPointName}</div>
                </th>
                <td>{`${entry.questionnaireId} (${entry.questionnaireVersion})`}</td>
                <td>{formatDateTime(entry.backupUpdatedAt, language)}</td>
                <td>{entry.localUpdatedAt === undefined ? t('backup.notOnDevice') : formatDateTime(entry.localUpdatedAt, language)}</td>
                <td>{t(`backup.kind.${effectiveKind(entry, replaceNewer)}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {newerHere > 0 && (
        <div className="field">
          <span>
            <input id={checkboxId} type="checkbox" checked={replaceNewer} aria-describedby={`${checkboxId}-help`} onChange={(event) => { onReplaceNewer(event.target.checked); }} />{' '}
            <label htmlFor={checkboxId}>{t('backup.replaceNewer', { number: newerHere })}</label>
          </span>
          <span id={`${checkboxId}-help`} className="meta">
            {t('backup.replaceNewerHelp')}
          </span>
        </div>
      )}
      {summary.nothingToDo ? (
        <>
          <p>{t('backup.nothingToDo')}</p>
          <button type="button" onClick={onCancel}>
            {t('backup.cancel')}
          </button>
        </>
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={onConfirm}>
            {t('backup.confirm')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('backup.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
