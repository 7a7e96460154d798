import { useId, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { MergedAnswer, MergedRespondent, ResolutionChoice } from '../../../../shared/merge/model';
import { combineValues } from '../../../../shared/merge/value-key';
import { localize } from '../../../../shared/questionnaire/localize';
import type { AnswerValue } from '../../../../shared/schemas/answers';
import type { Question } from '../../../../shared/schemas/questionnaire';
import { reportError } from '../../app/notices';
import { useUnsavedDraft } from '../../app/pending-work';
import { ExternalLink } from '../../components/ExternalLink';
import { formatDateTime } from '../../i18n/format';
import type { TextLanguages } from '../review/answer-text';
import { saveConflictDecision } from './merge-actions';
import { valueLines } from './value-text';
import type { WrittenProblem } from './written-value';
import { optionsOf, parseWrittenValue, writtenShape } from './written-value';
import { MAX_REASON_LENGTH } from '../../../../shared/merge/decisions';

/** Longest part of a value quoted in a radio button's label; the full value is shown above it. */
const LABEL_VALUE_CHARS = 80;

function short(text: string): string {
  return text.length > LABEL_VALUE_CHARS ? `${text.slice(0, LABEL_VALUE_CHARS - 1)}…` : text;
}

export function problemText(t: TFunction, problem: WrittenProblem): string {
  switch (problem.kind) {
    case 'unknownOptions':
      return t('merge.conflict.problem.unknownOptions', { options: problem.options.join(', ') });
    default:
      return t(`merge.conflict.problem.${problem.kind}`);
  }
}

interface CardProps {
  readonly respondent: MergedRespondent;
  readonly answer: MergedAnswer;
  readonly question: Question | undefined;
  readonly languages: TextLanguages;
  readonly onSaved: (question: string) => void;
}

/**
 * One question where the contributions differ: each value as people read it, with its evidence and
 * who gave it (organisation, signer, file, when signed); then the decision, or the form to make it.
 */
export function ConflictCard({ respondent, answer, question, languages, onSaved }: CardProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [changing, setChanging] = useState(false);
  const label = question ? localize(question.label, languages.content, languages.contentDefault) : undefined;
  const { resolution } = answer;
  const lines = (value: AnswerValue) => valueLines(t, question, value, languages);
  const saved = () => {
    setChanging(false);
    onSaved(answer.questionId);
    heading.current?.focus();
  };
  return (
    <article className={`conflict-card ${answer.status}`} aria-labelledby={headingId} data-question={answer.questionId} data-status={answer.status}>
      <h4 id={headingId} ref={heading} tabIndex={-1}>
        <span className="question-id">{answer.questionId}</span>
        {label && ` ${label}`}
      </h4>
      {question && question.indicators.length > 0 && (
        <p className="indicators">
          <span className="visually-hidden">{t('answer.indicators')} </span>
          {question.indicators.map((code) => (
            <span key={code} className="badge">
              {code}
            </span>
          ))}
        </p>
      )}
      <p className={`conflict-status ${answer.status}`}>{t(answer.status === 'resolved' ? 'merge.conflict.statusResolved' : 'merge.conflict.statusOpen', { count: answer.candidates.length })}</p>
      <ol className="candidates">
        {answer.candidates.map((candidate, i) => (
          <li key={candidate.key} className="candidate">
            <p className="candidate-title">{t('merge.conflict.valueNumber', { n: i + 1 })}</p>
            <div className="candidate-value">
              {lines(candidate.value).map((line, l) => (
                <p key={l}>{line}</p>
              ))}
            </div>
            <p className="meta">{t('merge.conflict.givenBy')}</p>
            <ul className="authors">
              {candidate.contributions.map((position) => {
                const c = respondent.contributions[position];
                if (!c) return null;
                return (
                  <li key={position}>
                    {t('merge.conflict.author', {
                      organisation: c.organisation,
                      name: c.signer.name,
                      file: c.fileName,
                      date: formatDateTime(Date.parse(c.signed), languages.ui),
                    })}
                  </li>
                );
              })}
            </ul>
            {candidate.evidence.length > 0 && (
              <>
                <p className="meta">{t('merge.conflict.evidence')}</p>
                <ul className="evidence-items">
                  {candidate.evidence.map((item, index) => (
                    // Ids are only unique within one file; two contributors may reuse one.
                    <li key={`${String(index)}-${item.id}`}>
                      <ExternalLink url={item.url}>{item.title || item.url}</ExternalLink>
                      {item.note && <span className="evidence-note"> — {item.note}</span>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </li>
        ))}
      </ol>
      {resolution && answer.value !== null && !changing && (
        <div className="resolution">
          <p className="resolution-value">
            {t(`merge.conflict.resolvedBy.${resolution.choice.kind}`)} {lines(answer.value).join(' / ')}
          </p>
          <p>{t('merge.conflict.reasonGiven', { reason: resolution.reason })}</p>
          <p className="meta">
            {resolution.decidedBy
              ? t('merge.conflict.decidedByOn', { name: resolution.decidedBy, date: formatDateTime(Date.parse(resolution.decidedAt), languages.ui) })
              : t('merge.conflict.decidedOn', { date: formatDateTime(Date.parse(resolution.decidedAt), languages.ui) })}
          </p>
          <button type="button" onClick={() => { setChanging(true); }}>
            {t('merge.conflict.change')}
            <span className="visually-hidden"> {answer.questionId}</span>
          </button>
        </div>
      )}
      {(answer.status === 'conflict' || changing) && (
        // Keyed by the values in conflict: if they change while the form is open, it starts afresh
        // rather than saving a choice that is no longer among them.
        <DecisionForm key={answer.fingerprint} respondent={respondent} answer={answer} question={question} languages={languages} onSaved={saved} onCancel={changing ? () => { setChanging(false); } : undefined} />
      )}
    </article>
  );
}

interface FormProps {
  readonly respondent: MergedRespondent;
  readonly answer: MergedAnswer;
  readonly question: Question | undefined;
  readonly languages: TextLanguages;
  readonly onSaved: () => void;
  readonly onCancel?: (() => void) | undefined;
}

/** A written value back as the text that was typed (numbers unformatted, so they parse again). */
function writtenText(value: AnswerValue): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return value.map((item) => (typeof item === 'string' ? item : '')).filter(Boolean).join(', ');
}

function initialChoice(answer: MergedAnswer): string {
  const choice = answer.resolution?.choice;
  if (choice === undefined) return '';
  if (choice.kind === 'choose') return `choose:${choice.key}`;
  return choice.kind;
}

interface FormErrors {
  readonly choice?: string | undefined;
  readonly written?: string | undefined;
  readonly reason?: string | undefined;
}

function DecisionForm({ respondent, answer, question, languages, onSaved, onCancel }: FormProps) {
  const { t } = useTranslation();
  const id = useId();
  const previous = answer.resolution;
  const [selected, setSelected] = useState(() => initialChoice(answer));
  const [written, setWritten] = useState(() => (previous?.choice.kind === 'write' ? writtenText(previous.choice.value) : ''));
  const [reason, setReason] = useState(previous?.reason ?? '');
  const [errors, setErrors] = useState<FormErrors>({});
  const [saving, setSaving] = useState(false);
  // A written value or reason not yet saved: an app update is refused until it is (app/pending-work.ts).
  useUnsavedDraft(written !== (previous?.choice.kind === 'write' ? writtenText(previous.choice.value) : '') || reason !== (previous?.reason ?? ''), 'update.draft.decision');
  const values = answer.candidates.map((c) => c.value);
  const canCombine = combineValues(values) !== undefined;
  const shape = writtenShape(question, values);
  const options = optionsOf(question);
  const help =
    shape === 'options' || shape === 'option'
      ? t(shape === 'options' ? 'merge.conflict.writeOptions' : 'merge.conflict.writeOption', {
          options: options ? options.map((o) => o.value).join(', ') : t('merge.conflict.anyOption'),
        })
      : shape === 'number' || shape === 'integer'
        ? t(shape === 'integer' ? 'merge.conflict.writeInteger' : 'merge.conflict.writeNumber')
        : undefined;

  const submit = () => {
    const next: { choice?: string; written?: string; reason?: string } = {};
    let choice: ResolutionChoice | undefined;
    if (selected.startsWith('choose:')) choice = { kind: 'choose', key: selected.slice('choose:'.length) };
    else if (selected === 'combine') choice = { kind: 'combine' };
    else if (selected === 'write') {
      const parsed = parseWrittenValue(written, question, values, languages);
      if (parsed.ok) choice = { kind: 'write', value: parsed.value };
      else next.written = problemText(t, parsed.problem);
    } else next.choice = t('merge.conflict.chooseRequired');
    if (reason.trim() === '') next.reason = t('merge.conflict.reasonRequired');
    setErrors(next);
    if (choice === undefined || next.reason !== undefined || next.written !== undefined) return;
    setSaving(true);
    saveConflictDecision({ respondent: respondent.key, question: answer.questionId, fingerprint: answer.fingerprint, choice, reason }).then(
      () => {
        setSaving(false);
        onSaved();
      },
      (error: unknown) => {
        setSaving(false);
        reportError('merge.conflict.saveFailed', error);
      },
    );
  };

  const radio = (value: string, label: string) => (
    <label className="option" key={value}>
      <input
        type="radio"
        name={`${id}-choice`}
        value={value}
        checked={selected === value}
        aria-describedby={errors.choice ? `${id}-choice-error` : undefined}
        onChange={() => {
          setSelected(value);
          setErrors((e) => ({ ...e, choice: undefined }));
        }}
      />
      {label}
    </label>
  );

  return (
    <form
      className="decision-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <fieldset>
        <legend>{t('merge.conflict.yourDecision', { question: answer.questionId })}</legend>
        <div className="decision-options">
          {answer.candidates.map((candidate, i) => {
            const who = [...new Set(candidate.contributions.map((p) => respondent.contributions[p]?.organisation).filter((o): o is string => o !== undefined))].join(', ');
            return radio(`choose:${candidate.key}`, t('merge.conflict.useValue', { n: i + 1, value: short(valueLines(t, question, candidate.value, languages).join(' / ')), who }));
          })}
          {canCombine && radio('combine', t('merge.conflict.combine'))}
          {shape !== 'notWritable' && radio('write', t('merge.conflict.write'))}
        </div>
        {shape === 'notWritable' && <p className="meta">{t('merge.conflict.cannotWrite')}</p>}
        {errors.choice && (
          <p id={`${id}-choice-error`} className="field-error">
            {errors.choice}
          </p>
        )}
        {selected === 'write' && (
          <div className="field">
            <label htmlFor={`${id}-value`}>{t('merge.conflict.value')}</label>
            {help && (
              <p id={`${id}-value-help`} className="help">
                {help}
              </p>
            )}
            <input
              id={`${id}-value`}
              type="text"
              value={written}
              aria-invalid={errors.written !== undefined}
              aria-describedby={[help ? `${id}-value-help` : '', errors.written ? `${id}-value-error` : ''].filter(Boolean).join(' ') || undefined}
              onChange={(event) => { setWritten(event.target.value); }}
            />
            {errors.written && (
              <p id={`${id}-value-error`} className="field-error">
                {errors.written}
              </p>
            )}
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-reason`}>
            {t('merge.conflict.reason')} <span className="required-mark">{t('common.requiredMark')}</span>
          </label>
          <textarea
            id={`${id}-reason`}
            rows={2}
            maxLength={MAX_REASON_LENGTH}
            value={reason}
            aria-invalid={errors.reason !== undefined}
            aria-describedby={errors.reason ? `${id}-reason-error` : undefined}
            onChange={(event) => { setReason(event.target.value); }}
          />
          {errors.reason && (
            <p id={`${id}-reason-error`} className="field-error">
              {errors.reason}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={saving}>
            {t('merge.conflict.save')}
            <span className="visually-hidden"> {answer.questionId}</span>
          </button>
          {onCancel && (
            <button type="button" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </fieldset>
    </form>
  );
}
