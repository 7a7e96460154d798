import { useEffect, useId, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { MAX_BACKUP_BYTES } from '../../../../shared/backup/file';
import type { BackupFile } from '../../../../shared/backup/file';
import { NO_CHOICES, ROW_TABLE_NAMES, demotedIdentities, effectiveKind, summarizePlan } from '../../../../shared/backup/plan';
import type { OptIn, PlanCounts, PlanKind, PlanOptions, PlanReason, RestoreChoices, RestorePlan, RowPlanEntry, RowTableName } from '../../../../shared/backup/plan';
import type { BackupProblem, ReadStage } from '../../../../shared/backup/read';
import { announceRestore, announceRestoring } from '../../app/data-broadcast';
import { useScreenHeading } from '../../components/useFocusOnMount';
import { storage } from '../../db';
import type { RestoreResult, RestoreStep } from '../../db';
import { formatDateTime } from '../../i18n/format';
import { platform } from '../../platform';
import { formatBytes } from './backup-model';
import { ErrorText } from './backup-errors';
import { BackupStateText } from './BackupStateText';
import { lastBackupText } from './last-backup-text';
import { bundledDefinitionHashes, readBackupFile } from './restore-actions';
import { requestPersistence } from './storage-persistence';
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
      <p data-testid="last-backup">{lastBackupText(t, lastBackup, now, language)}</p>
      <button type="button" className="primary" onClick={run} disabled={state.kind === 'working'}>
        {t('backup.backupNow')}
      </button>
      <BackupStateText state={state} />
    </section>
  );
}

type RestorePhase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading'; readonly stage: ReadStage | 'opening' }
  | { readonly kind: 'comparing' }
  | { readonly kind: 'refused'; readonly problem: BackupProblem; readonly where: string | undefined }
  | { readonly kind: 'planned'; readonly backup: BackupFile; readonly plan: RestorePlan; readonly options: PlanOptions }
  | { readonly kind: 'restoring'; readonly step: RestoreStep }
  | { readonly kind: 'restored'; readonly result: RestoreResult }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'cancelled' };

/** Phases that end with a message the focus moves to (after the person's action). */
const ENDINGS: ReadonlySet<RestorePhase['kind']> = new Set(['refused', 'restored', 'failed', 'cancelled']);

function RestoreSection() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<RestorePhase>({ kind: 'idle' });
  const [choices, setChoices] = useState<RestoreChoices>(NO_CHOICES);
  const planHeading = useRef<HTMLHeadingElement>(null);
  const outcome = useRef<HTMLDivElement>(null);

  // Focus follows the work: to the plan's heading when it appears, to the message when it ends.
  useEffect(() => {
    if (phase.kind === 'planned') planHeading.current?.focus();
    else if (ENDINGS.has(phase.kind)) outcome.current?.focus();
    // The phase object, not its kind: a second refused file moves the focus to its message again.
  }, [phase]);

  const choose = async () => {
    const [file] = await platform().openFiles({ title: t('backup.fileTitle'), filters: [{ name: t('backup.fileType'), extensions: ['json'] }], multiple: false, maxBytes: MAX_BACKUP_BYTES });
    if (!file) return;
    setChoices(NO_CHOICES);
    setPhase({ kind: 'reading', stage: 'opening' });
    const read = await readBackupFile(file.data, (stage) => { setPhase({ kind: 'reading', stage }); });
    if (!read.ok) {
      setPhase({ kind: 'refused', problem: read.problem, where: read.where });
      return;
    }
    setPhase({ kind: 'comparing' });
    const options: PlanOptions = { bundledDefinitions: await bundledDefinitionHashes(), backupCreatedAt: Date.parse(read.backup.createdAt), now: Date.now() };
    const plan = await storage().backup.plan(read.backup.tables, options);
    setPhase({ kind: 'planned', backup: read.backup, plan, options });
  };

  const confirm = (backup: BackupFile, plan: RestorePlan, options: PlanOptions) => {
    setPhase({ kind: 'restoring', step: 'reading' });
    // Other tabs stop writing first (app/data-broadcast.ts); a write they had already started is
    // seen by the restore's own check and refused as a change made after the plan.
    announceRestoring()
      .then(() => storage().backup.restore(backup.tables, { ...options, expected: plan, choices, onStep: (step) => { setPhase({ kind: 'restoring', step }); } }))
      .then(
        (result) => {
          // Other tabs may hold the old data in memory: they reload (app/data-broadcast.ts).
          if (result.responses + result.rows > 0) announceRestore();
          setPhase({ kind: 'restored', result });
        },
        (error: unknown) => { setPhase({ kind: 'failed', error }); },
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
          choose().catch((error: unknown) => { setPhase({ kind: 'failed', error }); });
        }}
        disabled={busy || phase.kind === 'planned'}
      >
        {t('backup.chooseFile')}
      </button>
      <div role="status">
        {busy && <progress aria-label={t('backup.restoreHeading')} />}
        {phase.kind === 'reading' && <p>{t(`backup.readStage.${phase.stage}`)}</p>}
        {phase.kind === 'comparing' && <p>{t('backup.comparing')}</p>}
        {phase.kind === 'planned' && <p>{t('backup.planReady')}</p>}
        {phase.kind === 'restoring' && phase.step === 'reading' && <p>{t('backup.stepReading')}</p>}
        {phase.kind === 'restoring' && phase.step === 'responses' && <p>{t('backup.stepResponses')}</p>}
        {phase.kind === 'restoring' && (phase.step === 'other' || phase.step === 'done') && <p>{t('backup.stepOther')}</p>}
        {phase.kind === 'restored' && (
          <div ref={outcome} tabIndex={-1}>
            <p>{t('backup.restored', { responses: t('backup.responseCount', { count: phase.result.responses }), rows: t('backup.recordCount', { count: phase.result.rows }) })}</p>
          </div>
        )}
        {phase.kind === 'cancelled' && (
          <div ref={outcome} tabIndex={-1}>
            <p>{t('backup.cancelled')}</p>
          </div>
        )}
      </div>
      {phase.kind === 'refused' && (
        <div role="alert" className="notice error block" ref={outcome} tabIndex={-1}>
          <p>{t('backup.refused', { reason: t(`backup.problem.${phase.problem}`) })}</p>
          {phase.where !== undefined && <p className="meta">{t('backup.where', { where: phase.where })}</p>}
        </div>
      )}
      {phase.kind === 'failed' && (
        <div role="alert" className="notice error block" ref={outcome} tabIndex={-1}>
          <p>{t('backup.restoreFailed')}</p>
          <ErrorText error={phase.error} />
        </div>
      )}
      {phase.kind === 'planned' && (
        <PlanView
          heading={planHeading}
          backup={phase.backup}
          plan={phase.plan}
          choices={choices}
          onChoices={setChoices}
          onConfirm={() => { confirm(phase.backup, phase.plan, phase.options); }}
          onCancel={() => { setPhase({ kind: 'cancelled' }); }}
        />
      )}
    </section>
  );
}

/** "2 to add, 1 to replace, 3 kept, 1 already the same": the parts that are not zero, or "nothing". */
function countsText(t: TFunction, counts: PlanCounts): string {
  const parts = (['add', 'replace', 'keep', 'unclear', 'refuse', 'identical'] as const)
    .filter((kind) => counts[kind] > 0)
    .map((kind) => t(`backup.count.${kind}`, { count: counts[kind] }));
  return parts.length === 0 ? t('backup.count.none') : parts.join(', ');
}

/** What happens to one entry, with the reason when it is not written. */
function entryText(t: TFunction, entry: { readonly kind: PlanKind; readonly reason?: PlanReason; readonly optIn?: OptIn; readonly onDevice: boolean }, choices: RestoreChoices): string {
  const kind = effectiveKind(entry, choices);
  if (kind === 'add' || kind === 'replace' || kind === 'identical') return t(`backup.kind.${kind}`);
  return t(`backup.reason.${entry.reason ?? 'newerHere'}`);
}

interface PlanViewProps {
  readonly heading: RefObject<HTMLHeadingElement | null>;
  readonly backup: BackupFile;
  readonly plan: RestorePlan;
  readonly choices: RestoreChoices;
  readonly onChoices: (choices: RestoreChoices) => void;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/** The summary the person confirms: counts, every response, every other table's rows, and the choices. */
function PlanView({ heading, backup, plan, choices, onChoices, onConfirm, onCancel }: PlanViewProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const summary = summarizePlan(plan, choices);
  const demoted = demotedIdentities(plan, backup.tables, choices);
  const refused = plan.responses.filter((entry) => entry.kind === 'refuse');
  const fromBackup = plan.responses.filter((entry) => entry.editionFromBackup && entry.kind !== 'refuse');
  const who = (entry: (typeof plan.responses)[number]) => `${entry.respondent.place} — ${entry.respondent.organisation} (${entry.questionnaireId} ${entry.questionnaireVersion})`;
  return (
    <section aria-labelledby="restore-plan" className="restore-plan">
      <h3 id="restore-plan" ref={heading} tabIndex={-1}>
        {t('backup.planHeading')}
      </h3>
      <p className="meta">{t('backup.planFrom', { date: formatDateTime(Date.parse(backup.createdAt), language), version: backup.app.version })}</p>
      <p data-testid="plan-responses">{t('backup.planResponses', { counts: countsText(t, summary.responses) })}</p>
      <p data-testid="plan-other">{t('backup.planOther', { counts: countsText(t, summary.other) })}</p>
      {refused.length > 0 && (
        <div className="notice block" data-testid="plan-no-questionnaire">
          <p>{t('backup.noQuestionnaire', { count: refused.length })}</p>
          <ul>
            {refused.map((entry) => <li key={entry.id}>{who(entry)}</li>)}
          </ul>
        </div>
      )}
      {fromBackup.length > 0 && <p data-testid="plan-edition-from-backup">{t('backup.editionFromBackup', { count: fromBackup.length })}</p>}
      {demoted.length > 0 && (
        <p className="notice block" data-testid="plan-identities">
          {t('backup.identityAsReplaced', {
            count: demoted.length,
            names: demoted.map((row) => `${row.name} <${row.email}>`).join(', '),
            current: plan.currentIdentities.map((identity) => `${identity.name} <${identity.email}>`).join(', ') || t('backup.newestFromBackup'),
          })}
        </p>
      )}
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
                <td>
                  {formatDateTime(entry.backupUpdatedAt, language)}
                  {entry.backupSubmitted && <div className="meta">{t('backup.submitted')}</div>}
                </td>
                <td>
                  {entry.localUpdatedAt === undefined ? t('backup.notOnDevice') : formatDateTime(entry.localUpdatedAt, language)}
                  {entry.localSubmitted && <div className="meta">{t('backup.submitted')}</div>}
                </td>
                <td>{entryText(t, entry, choices)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <OtherTables plan={plan} choices={choices} />
      <Choices summary={summary.optIns} plan={plan} choices={choices} onChoices={onChoices} />
      {summary.nothingToDo ? (
        <>
          <p>{summary.allIdentical ? t('backup.nothingToDo') : t('backup.nothingWithChoices')}</p>
          <button type="button" onClick={onCancel}>
            {t('backup.close')}
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

/** Every table other than responses: its counts, and the rows that are not already the same. */
function OtherTables({ plan, choices }: { readonly plan: RestorePlan; readonly choices: RestoreChoices }) {
  const { t } = useTranslation();
  const tables = ROW_TABLE_NAMES.filter((table) => plan.rows[table].length > 0);
  if (tables.length === 0) return null;
  return (
    <div data-testid="plan-tables">
      <h4>{t('backup.otherHeading')}</h4>
      <ul className="plan-tables">
        {tables.map((table: RowTableName) => {
          const entries = plan.rows[table];
          const counts = summarizePlan({ ...plan, responses: [], rows: { ...emptyRows(), [table]: entries } }, choices).other;
          const listed = entries.filter((entry: RowPlanEntry) => entry.kind !== 'identical');
          return (
            <li key={table} data-testid={`plan-table-${table}`}>
              {listed.length === 0 ? (
                <span>{t('backup.tableCounts', { table: t(`backup.table.${table}`), counts: countsText(t, counts) })}</span>
              ) : (
                <details>
                  <summary>{t('backup.tableCounts', { table: t(`backup.table.${table}`), counts: countsText(t, counts) })}</summary>
                  <ul>
                    {listed.map((entry) => (
                      <li key={entry.key}>
                        <span className="plan-row-label">{entry.label}</span>: {entryText(t, entry, choices)}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function emptyRows(): Record<RowTableName, readonly RowPlanEntry[]> {
  return { settings: [], definitions: [], identities: [], trustedSigners: [], reviewDrafts: [], receivedReviews: [], mergeDecisions: [], mergeFileChoices: [] };
}

/** The opt-ins, each shown only when it would change something, each off until ticked. */
function Choices({ summary, plan, choices, onChoices }: { readonly summary: Readonly<Record<OptIn, number>>; readonly plan: RestorePlan; readonly choices: RestoreChoices; readonly onChoices: (choices: RestoreChoices) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const settings = plan.rows.settings.filter((entry) => entry.optIn === 'takeSettings').map((entry) => entry.label);
  const labels: Record<OptIn, string> = {
    replaceNewer: t('backup.replaceNewer', { count: summary.replaceNewer }),
    replaceUnclear: t('backup.replaceUnclear', { count: summary.replaceUnclear }),
    takeSettings: t('backup.takeSettings', { count: summary.takeSettings, keys: settings.join(', ') }),
  };
  const help: Record<OptIn, string> = {
    replaceNewer: t('backup.replaceNewerHelp'),
    replaceUnclear: t('backup.replaceUnclearHelp'),
    takeSettings: t('backup.takeSettingsHelp'),
  };
  const shown = (['replaceNewer', 'replaceUnclear', 'takeSettings'] as const).filter((optIn) => summary[optIn] > 0);
  if (shown.length === 0) return null;
  return (
    <>
      {shown.map((optIn) => (
        <div className="field" key={optIn}>
          <span>
            <input
              id={`${id}-${optIn}`}
              type="checkbox"
              checked={choices[optIn]}
              aria-describedby={`${id}-${optIn}-help`}
              onChange={(event) => { onChoices({ ...choices, [optIn]: event.target.checked }); }}
            />{' '}
            <label htmlFor={`${id}-${optIn}`}>{labels[optIn]}</label>
          </span>
          <span id={`${id}-${optIn}-help`} className="meta">
            {help[optIn]}
          </span>
        </div>
      ))}
    </>
  );
}
