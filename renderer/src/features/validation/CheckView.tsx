import { useId, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Finding } from '../../../../shared/engine/validation/findings';
import { assessReadiness } from '../../../../shared/engine/validation/readiness';
import type { Readiness, ReadinessReason } from '../../../../shared/engine/validation/readiness';
import type { GroupQuestion, QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import { localize } from '../../../../shared/questionnaire/localize';
import { routeHref, useKeptLayout } from '../../app/router';
import { reportError } from '../../app/notices';
import type { AnswerStore } from '../answering/answer-store';
import type { EvidenceStore } from '../answering/evidence-store';
import { findingMessage } from './finding-message';
import type { MessageLanguages } from './finding-message';
import { checkEvidenceLinks } from './link-check';
import type { ValidationStore } from './validation-store';
import type { ResponseRow } from '../../db';
import type { SubmissionDocument } from '../../../../shared/submission/document';
import { SubmitPanel } from '../submit/SubmitPanel';

interface CheckViewProps {
  readonly row: ResponseRow;
  readonly contentHash: string;
  readonly readOnly: boolean;
  readonly onSubmitted: (document: SubmissionDocument) => void;
  readonly responseId: string;
  readonly definition: QuestionnaireDefinition;
  readonly store: AnswerStore;
  readonly evidence: EvidenceStore;
  readonly validation: ValidationStore;
  readonly acknowledged: ReadonlySet<string>;
  readonly onAcknowledge: (key: string, checked: boolean) => void;
  readonly languages: MessageLanguages;
}

type LinkCheckState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly done: number; readonly total: number }
  | { readonly kind: 'done'; readonly total: number; readonly ok: number }
  | { readonly kind: 'none' | 'offline' | 'unavailable' | 'failed' };

/**
 * The validation panel and ready-to-submit check: the verdict and its reasons, a summary per
 * section, every finding grouped by section with a link to its question, acknowledgement of
 * warnings, and the evidence link check.
 */
export function CheckView(props: CheckViewProps) {
  const { responseId, definition, store, evidence, validation, acknowledged, onAcknowledge, languages, readOnly } = props;
  const { t } = useTranslation();
  const findings = useSyncExternalStore((l) => validation.subscribeAll(l), () => validation.all());
  const visibility = useSyncExternalStore((l) => validation.subscribeAll(l), () => validation.visibility());
  const answers = useSyncExternalStore((l) => store.subscribeAll(l), () => store.snapshot());
  const links = useSyncExternalStore((l) => evidence.subscribeAll(l), () => evidence.snapshot());
  const readiness = useMemo(
    () => assessReadiness(definition, answers, links, visibility, findings, acknowledged),
    [definition, answers, links, visibility, findings, acknowledged],
  );
  const titleOf = (id: string) => {
    const section = definition.sections.find((s) => s.id === id);
    return section ? localize(section.title, languages.content, languages.contentDefault) : id;
  };

  return (
    <div className="check-view">
      <p>{t('check.intro')}</p>
      <Verdict readiness={readiness} />
      <SummaryTable readiness={readiness} titleOf={titleOf} />
      <h2>{t('check.findingsHeading')}</h2>
      {findings.length === 0 ? (
        <p>{t('check.noFindings')}</p>
      ) : (
        readiness.sections
          .filter((section) => findings.some((f) => f.sectionId === section.sectionId))
          .map((section) => (
            <section key={section.sectionId} className="findings-section" aria-label={titleOf(section.sectionId)}>
              <h3>{titleOf(section.sectionId)}</h3>
              <ul className="findings">
                {findings
                  .filter((f) => f.sectionId === section.sectionId)
                  .map((finding) => (
                    <FindingItem
                      key={finding.key}
                      finding={finding}
                      responseId={responseId}
                      definition={definition}
                      languages={languages}
                      acknowledged={acknowledged.has(finding.key)}
                      onAcknowledge={onAcknowledge}
                      readOnly={readOnly}
                    />
                  ))}
              </ul>
            </section>
          ))
      )}
      {!readOnly && <LinkCheckPanel responseId={responseId} evidence={evidence} validation={validation} />}
      {!readOnly && (
        <SubmitPanel
          row={props.row}
          definition={definition}
          contentHash={props.contentHash}
          store={store}
          evidence={evidence}
          validation={validation}
          acknowledged={acknowledged}
          readiness={readiness}
          onSubmitted={props.onSubmitted}
        />
      )}
    </div>
  );
}

function reasonText(t: TFunction, reason: ReadinessReason): string {
  switch (reason.code) {
    case 'nothingAnswered':
      return t('check.reasonNothingAnswered');
    case 'missing':
      return t('check.reasonMissing', { count: reason.count });
    case 'errors':
      return t('check.reasonErrors', { count: reason.count });
    case 'warningsToAcknowledge':
      return t('check.reasonWarnings', { count: reason.count });
  }
}

function Verdict({ readiness }: { readonly readiness: Readiness }) {
  const { t } = useTranslation();
  const heading = readiness.status === 'ready' ? t('check.ready') : readiness.status === 'notReady' ? t('check.notReady') : t('check.needsAcknowledgement');
  return (
    <div className={`verdict ${readiness.status}`} role="status" data-status={readiness.status}>
      <p className="verdict-heading">{heading}</p>
      {readiness.reasons.length > 0 && (
        <ul>
          {readiness.reasons.map((reason) => (
            <li key={reason.code}>{reasonText(t, reason)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SummaryTable({ readiness, titleOf }: { readonly readiness: Readiness; readonly titleOf: (id: string) => string }) {
  const { t } = useTranslation();
  return (
    <table className="summary">
      <caption>{t('check.summaryCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('check.section')}</th>
          <th scope="col">{t('check.answered')}</th>
          <th scope="col">{t('check.missing')}</th>
          <th scope="col">{t('check.errors')}</th>
          <th scope="col">{t('check.warnings')}</th>
          <th scope="col">{t('check.evidence')}</th>
        </tr>
      </thead>
      <tbody>
        {readiness.sections.map((s) => (
          <tr key={s.sectionId}>
            <th scope="row">{titleOf(s.sectionId)}</th>
            <td>{`${String(s.answered)} / ${String(s.total)}`}</td>
            <td>{s.missing}</td>
            <td>{s.errors}</td>
            <td>{s.warnings}</td>
            <td>{s.evidence}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface FindingItemProps {
  readonly finding: Finding;
  readonly responseId: string;
  readonly definition: QuestionnaireDefinition;
  readonly languages: MessageLanguages;
  readonly acknowledged: boolean;
  readonly onAcknowledge: (key: string, checked: boolean) => void;
  readonly readOnly: boolean;
}

function FindingItem({ finding, responseId, definition, languages, acknowledged, onAcknowledge, readOnly }: FindingItemProps) {
  const keep = useKeptLayout();
  const { t } = useTranslation();
  const checkboxId = useId();
  const question = definition.sections.find((s) => s.id === finding.sectionId)?.questions.find((q) => q.id === finding.questionId);
  const label = question ? localize(question.label, languages.content, languages.contentDefault) : finding.questionId;
  const rowName =
    finding.place.kind === 'cell' && question?.type === 'group' ? rowNameOf(t, question, finding.place.rowIndex, languages) : undefined;
  return (
    <li className={`finding ${finding.severity}`}>
      <span className="finding-severity">{t(`severity.${finding.severity}`)}</span>{' '}
      <a href={routeHref({ name: 'response', responseId, sectionId: finding.sectionId, questionId: finding.questionId, ...keep })}>
        <span className="finding-question">{label}</span>
        <span className="visually-hidden"> — {t('check.goTo')}</span>
      </a>
      <span className="finding-message">{findingMessage(t, finding, languages, rowName)}</span>
      {finding.severity === 'warning' && (
        <span className="acknowledge">
          <input id={checkboxId} type="checkbox" checked={acknowledged} disabled={readOnly} onChange={(event) => { onAcknowledge(finding.key, event.target.checked); }} />
          <label htmlFor={checkboxId}>{t('check.acknowledge')}</label>
        </span>
      )}
    </li>
  );
}

function rowNameOf(t: TFunction, question: GroupQuestion, rowIndex: number, languages: MessageLanguages): string {
  const rowLabel = question.rowLabel ? localize(question.rowLabel, languages.content, languages.contentDefault) : t('answer.row');
  return `${rowLabel} ${String(rowIndex + 1)}`;
}

function LinkCheckPanel({ responseId, evidence, validation }: { readonly responseId: string; readonly evidence: EvidenceStore; readonly validation: ValidationStore }) {
  const { t } = useTranslation();
  const [state, setState] = useState<LinkCheckState>({ kind: 'idle' });
  const start = async () => {
    setState(await checkEvidenceLinks(responseId, evidence, validation, (done, total) => { setState({ kind: 'running', done, total }); }));
  };
  const running = state.kind === 'running';
  return (
    <section className="link-check" aria-labelledby="link-check-heading">
      <h2 id="link-check-heading">{t('check.linksHeading')}</h2>
      <p>{t('check.linksIntro')}</p>
      <button
        type="button"
        disabled={running}
        onClick={() => {
          start().catch((error: unknown) => {
            setState({ kind: 'failed' });
            reportError('check.linkCheckFailed', error);
          });
        }}
      >
        {t('check.checkLinks')}
      </button>
      <div role="status" className="link-check-status">
        {running && (
          <>
            <label htmlFor="link-check-progress">{t('check.checkingLinks', { done: state.done, total: state.total })}</label>
            <progress id="link-check-progress" max={state.total} value={state.done} />
          </>
        )}
        {state.kind === 'done' && <p>{t('check.linksChecked', { total: state.total, ok: state.ok, problems: state.total - state.ok })}</p>}
        {state.kind === 'none' && <p>{t('check.noLinks')}</p>}
        {state.kind === 'offline' && <p>{t('check.offline')}</p>}
        {state.kind === 'unavailable' && <p>{t('check.unavailable')}</p>}
      </div>
    </section>
  );
}
