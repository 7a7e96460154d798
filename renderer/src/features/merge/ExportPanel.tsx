import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictDecision, FileChoice, MergeResult } from '../../../../shared/merge/model';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import { reportError } from '../../app/notices';
import { routeHref } from '../../app/router';
import type { IdentityRow } from '../../db';
import { exportCsv, exportSignedJson, exportWorkbook, loadDecisionsFile, saveDecisionsFile } from './merge-actions';

/** The counts a coordinator checks before exporting. */
export function MergeSummary({ result }: { readonly result: MergeResult }) {
  const { t } = useTranslation();
  const count = (kind: string) => result.files.filter((f) => f.standing.kind === kind).length;
  const items: readonly [string, number][] = [
    ['files', result.files.length],
    ['merged', count('merged') + count('includedDespiteProblem')],
    ['duplicates', count('duplicate')],
    ['superseded', count('superseded')],
    ['keptOut', count('keptOut')],
    ['excluded', count('excluded')],
    ['unreadable', count('unreadable')],
    ['respondents', result.respondents.length],
    ['openConflicts', result.openConflicts],
    ['filesNeedingDecision', result.filesNeedingDecision],
  ];
  return (
    <section aria-labelledby="merge-summary">
      <h2 id="merge-summary">{t('merge.summary.title')}</h2>
      <dl className="merge-summary">
        {items.map(([key, value]) => (
          <div key={key} className={(key === 'openConflicts' || key === 'filesNeedingDecision') && value > 0 ? 'needs-decision' : undefined}>
            <dt>{t(`merge.summary.${key}`)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

interface DecisionsProps {
  readonly result: MergeResult;
  readonly choices: readonly FileChoice[];
  readonly decisions: readonly ConflictDecision[];
}

/** The decisions file: the same file the command line's `merge --decisions` reads. */
export function DecisionsFilePanel({ result, choices, decisions }: DecisionsProps) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const save = () => {
    saveDecisionsFile(result, choices, decisions, { title: t('merge.dialogs.decisionsSave'), filter: t('merge.dialogs.decisionsFilter') }).then(
      (name) => { setMessage(name ? t('merge.decisionsFile.saved', { file: name }) : ''); },
      (error: unknown) => { reportError('merge.decisionsFile.saveFailed', error); },
    );
  };
  const load = () => {
    loadDecisionsFile({ title: t('merge.decisionsFile.pickTitle'), filter: t('merge.dialogs.decisionsFilter') }).then(
      (outcome) => {
        if (outcome.kind === 'cancelled') return;
        if (outcome.kind === 'refused') setMessage(t('merge.decisionsFile.refused', { file: outcome.file, reason: outcome.reason }));
        else setMessage(t('merge.decisionsFile.loaded', { file: outcome.file, decisions: outcome.decisions, choices: outcome.choices, undecided: outcome.undecided }));
      },
      (error: unknown) => { reportError('merge.decisionsFile.loadFailed', error); },
    );
  };
  return (
    <section aria-labelledby="merge-decisions-file">
      <h2 id="merge-decisions-file">{t('merge.decisionsFile.title')}</h2>
      <p>{t('merge.decisionsFile.intro')}</p>
      <div className="actions">
        <button type="button" onClick={save} disabled={result.files.length === 0}>
          {t('merge.decisionsFile.save')}
        </button>
        <button type="button" onClick={load}>
          {t('merge.decisionsFile.load')}
        </button>
      </div>
      <div role="status">{message && <p>{message}</p>}</div>
    </section>
  );
}

interface ExportProps {
  readonly result: MergeResult;
  readonly definitions: readonly QuestionnaireDefinition[];
  readonly identity: IdentityRow | undefined;
}

/** Workbook, CSV and signed JSON of the consolidated dataset; open questions are said, not blocking. */
export function ExportPanel({ result, definitions, identity }: ExportProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const needsIdentityId = useId();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const run = (preparing: string, work: () => Promise<string>) => {
    setBusy(true);
    setMessage(preparing);
    work().then(
      (done) => {
        setBusy(false);
        setMessage(done);
      },
      (error: unknown) => {
        setBusy(false);
        setMessage('');
        reportError('merge.export.failed', error);
      },
    );
  };
  const saved = (name: string | undefined) => (name ? t('merge.export.saved', { file: name }) : t('merge.export.notSaved'));
  return (
    <section aria-labelledby="merge-export">
      <h2 id="merge-export">{t('merge.export.title')}</h2>
      <p>{t('merge.export.intro')}</p>
      {result.openConflicts > 0 && <p className="field-warning">{t('merge.export.openConflicts', { count: result.openConflicts })}</p>}
      {result.filesNeedingDecision > 0 && <p className="field-warning">{t('merge.export.filesUndecided', { count: result.filesNeedingDecision })}</p>}
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => { run(t('merge.export.preparing'), async () => saved(await exportWorkbook(result, definitions, language, { title: t('merge.dialogs.workbook'), filter: t('merge.dialogs.workbookFilter') }))); }}>
          {t('merge.export.workbook')}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            run(t('merge.export.preparing'), async () => {
              const { saved: names, cancelled } = await exportCsv(result, definitions, language, { title: t('merge.dialogs.csv'), filter: t('merge.dialogs.csvFilter') });
              const list = names.join(', ');
              return cancelled ? t('merge.export.csvStopped', { count: names.length, files: list }) : t('merge.export.csvSaved', { count: names.length, files: list });
            });
          }}
        >
          {t('merge.export.csv')}
        </button>
        <button
          type="button"
          disabled={busy || !identity}
          aria-describedby={identity ? undefined : needsIdentityId}
          onClick={() => {
            if (identity) run(t('merge.export.signing'), async () => saved(await exportSignedJson(result, definitions, identity, { title: t('merge.dialogs.json'), filter: t('merge.dialogs.jsonFilter') })));
          }}
        >
          {t('merge.export.json')}
        </button>
      </div>
      {!identity && (
        <p id={needsIdentityId}>
          {t('merge.export.needsIdentity')} <a href={routeHref({ name: 'identity' })}>{t('merge.export.identityLink')}</a>
        </p>
      )}
      <div role="status">{message && <p>{message}</p>}</div>
    </section>
  );
}
