import { useId, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ClassifiedFile, FileChoice } from '../../../../shared/merge/model';
import { reportError } from '../../app/notices';
import { storage } from '../../db';
import { saveFileChoice } from './merge-actions';
import { PAGE_SIZE, Pager, pageCount } from './Pager';
import { MAX_REASON_LENGTH } from '../../../../shared/merge/decisions';

export type FileFilter = 'all' | 'needsDecision' | 'problems';

export function matchesFilter(file: ClassifiedFile, filter: FileFilter): boolean {
  if (filter === 'needsDecision') return file.needsDecision;
  if (filter === 'problems') return file.file.report.status !== 'valid';
  return true;
}

/** What verification found, in a sentence. */
export function verificationText(t: TFunction, file: ClassifiedFile): string {
  const { report } = file.file;
  switch (report.status) {
    case 'valid':
      return t('merge.files.valid');
    case 'signatureInvalid':
      return t('merge.files.signatureInvalid', { why: t(`verify.problem.${report.problem}`) });
    case 'changed': {
      const shown = report.changes.slice(0, 3).map((change) => change.where);
      const more = report.changes.length - shown.length;
      const parts = more > 0 ? t('merge.files.andMore', { parts: shown.join(', '), count: more }) : shown.join(', ');
      return t('merge.files.changed', { parts });
    }
    case 'unreadable':
      return t('merge.files.unreadable', { reason: report.reason });
  }
}

/** The file's standing in the merge, in a sentence; duplicates and superseded files name the other file. */
export function standingText(t: TFunction, file: ClassifiedFile, nameOf: (index: number) => string, choice: FileChoice | undefined): string {
  const { standing } = file;
  switch (standing.kind) {
    case 'merged':
      return choice?.include ? t('merge.files.mergedByChoice', { reason: choice.reason }) : t('merge.files.merged');
    case 'duplicate':
      return t('merge.files.duplicate', { file: nameOf(standing.of) });
    case 'superseded':
      return t('merge.files.superseded', { file: nameOf(standing.by) });
    case 'keptOut':
      return t('merge.files.keptOut');
    case 'includedDespiteProblem':
      return t('merge.files.included', { reason: standing.reason });
    case 'excluded':
      return t('merge.files.excluded', { reason: standing.reason });
    case 'unreadable':
      return t('merge.files.cannotMerge');
  }
}

interface Editing {
  readonly fileHash: string;
  readonly include: boolean;
}

function ChoiceForm({ file, include, onDone }: { readonly file: ClassifiedFile; readonly include: boolean; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState(false);
  const name = file.file.name;
  return (
    <form
      className="choice-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim() === '') {
          setError(true);
          return;
        }
        saveFileChoice({ fileHash: file.file.fileHash, include, reason }).then(onDone, (e: unknown) => { reportError('merge.files.choiceFailed', e); });
      }}
    >
      <label htmlFor={`${id}-reason`}>
        {t(include ? 'merge.files.whyInclude' : 'merge.files.whyLeaveOut', { file: name })} <span className="required-mark">{t('common.requiredMark')}</span>
      </label>
      <textarea
        id={`${id}-reason`}
        rows={2}
        maxLength={MAX_REASON_LENGTH}
        value={reason}
        autoFocus
        aria-invalid={error}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          setReason(event.target.value);
          if (event.target.value.trim() !== '') setError(false);
        }}
      />
      {error && (
        <p id={`${id}-error`} className="field-error">
          {t('merge.files.reasonRequired')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary">
          {t(include ? 'merge.files.saveInclude' : 'merge.files.saveLeaveOut')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function FileActions({ file, choice, onEdit }: { readonly file: ClassifiedFile; readonly choice: FileChoice | undefined; readonly onEdit: (editing: Editing) => void }) {
  const { t } = useTranslation();
  const { fileHash, name } = file.file;
  const button = (label: string, include: boolean) => (
    <button type="button" onClick={() => { onEdit({ fileHash, include }); }}>
      {label}
      <span className="visually-hidden"> {name}</span>
    </button>
  );
  const undo = choice && (
    <button
      type="button"
      className="link-button"
      onClick={() => { storage().merge.forgetFileChoice(choice.fileHash).catch((e: unknown) => { reportError('merge.files.choiceFailed', e); }); }}
    >
      {t('merge.files.undoChoice')}
      <span className="visually-hidden"> {name}</span>
    </button>
  );
  const valid = file.file.report.status === 'valid';
  switch (file.standing.kind) {
    case 'merged':
      return <>{button(t('merge.files.exclude'), false)}{undo}</>;
    case 'superseded':
      return button(t('merge.files.includeAnyway'), true);
    case 'keptOut':
      return <>{button(t('merge.files.include'), true)}{button(t('merge.files.keepOut'), false)}</>;
    case 'includedDespiteProblem':
      return <>{button(t('merge.files.keepOut'), false)}{undo}</>;
    case 'excluded':
      return <>{!valid && button(t('merge.files.include'), true)}{undo}</>;
    case 'duplicate':
      return null;
    case 'unreadable':
      return <span className="meta">{t('merge.files.cannotInclude')}</span>;
  }
}

/** Every file of the intake with its verification and standing, filterable and paged. */
export function FilesTable({ files, choices }: { readonly files: readonly ClassifiedFile[]; readonly choices: readonly FileChoice[] }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<FileFilter>('all');
  const [page, setPage] = useState(0);
  const [editing, setEditing] = useState<Editing | undefined>();
  // A file's choice: its own, else one made about a copy of it (which the merge applies to it too).
  const choiceOf = useMemo(() => {
    const byHash = new Map(choices.map((c) => [c.fileHash, c]));
    const byIndex = new Map<number, FileChoice>();
    for (const f of files) {
      const own = byHash.get(f.file.fileHash);
      if (own) byIndex.set(f.file.index, own);
    }
    for (const f of files) {
      const copy = f.standing.kind === 'duplicate' ? byHash.get(f.file.fileHash) : undefined;
      if (copy && f.standing.kind === 'duplicate' && !byIndex.has(f.standing.of)) byIndex.set(f.standing.of, copy);
    }
    return byIndex;
  }, [files, choices]);
  const names = useMemo(() => new Map(files.map((f) => [f.file.index, f.file.name])), [files]);
  const nameOf = (index: number) => names.get(index) ?? `#${String(index + 1)}`;
  const counts = useMemo(
    () => ({ all: files.length, needsDecision: files.filter((f) => f.needsDecision).length, problems: files.filter((f) => matchesFilter(f, 'problems')).length }),
    [files],
  );
  const shown = useMemo(() => files.filter((f) => matchesFilter(f, filter)), [files, filter]);
  const pages = pageCount(shown.length);
  const current = Math.min(page, pages - 1);
  const rows = shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const filters: readonly FileFilter[] = ['all', 'needsDecision', 'problems'];

  return (
    <section aria-labelledby="merge-files">
      <h2 id="merge-files">{t('merge.files.title')}</h2>
      <fieldset className="file-filter">
        <legend>{t('merge.files.show')}</legend>
        <div className="options">
          {filters.map((option) => (
            <label key={option} className="option">
              <input
                type="radio"
                name="merge-file-filter"
                value={option}
                checked={filter === option}
                onChange={() => {
                  setFilter(option);
                  setPage(0);
                }}
              />
              {t(`merge.files.filter.${option}`, { count: counts[option] })}
            </label>
          ))}
        </div>
      </fieldset>
      {shown.length === 0 ? (
        <p className="meta">{t('merge.files.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="merge-files" aria-labelledby="merge-files">
            <thead>
              <tr>
                <th scope="col">{t('merge.files.file')}</th>
                <th scope="col">{t('merge.files.respondent')}</th>
                <th scope="col">{t('home.questionnaire')}</th>
                <th scope="col">{t('merge.files.signer')}</th>
                <th scope="col">{t('merge.files.verification')}</th>
                <th scope="col">{t('merge.files.standing')}</th>
                <th scope="col">{t('merge.files.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((file) => {
                const { report } = file.file;
                const document = report.status === 'unreadable' ? undefined : report.document;
                const choice = file.standing.kind === 'duplicate' ? undefined : choiceOf.get(file.file.index);
                const open = editing?.fileHash === file.file.fileHash ? editing : undefined;
                return (
                  <tr key={file.file.index} data-standing={file.standing.kind} data-verification={file.file.report.status}>
                    <th scope="row">
                      {file.file.name}
                      <span className="meta block">{file.file.format === 'xlsx' ? 'Excel' : 'JSON'}</span>
                    </th>
                    <td>
                      {document ? (
                        <>
                          {document.respondent.place}
                          <span className="meta block">{document.respondent.organisation}</span>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>{document ? `${document.questionnaire.title} ${document.questionnaire.version}` : '—'}</td>
                    <td>
                      {document ? (
                        <>
                          {document.signer.name} ({document.signer.organisation})
                          {report.status === 'valid' && <span className={`meta block ${report.trusted ? 'trusted' : 'untrusted'}`}>{t(report.trusted ? 'merge.files.trusted' : 'merge.files.untrusted')}</span>}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className={report.status === 'valid' ? 'ok' : 'problem'}>{verificationText(t, file)}</td>
                    <td className={file.needsDecision ? 'needs-decision' : undefined}>{standingText(t, file, nameOf, choice)}</td>
                    <td>
                      {open ? (
                        <ChoiceForm file={file} include={open.include} onDone={() => { setEditing(undefined); }} />
                      ) : (
                        <div className="row-actions">
                          <FileActions file={file} choice={choice} onEdit={setEditing} />
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager label={t('merge.files.pages')} page={current} pages={pages} onPage={setPage} />
    </section>
  );
}
