import { memo, useId, useState } from 'react';
import { useUiText } from './use-ui-text';
import type { Finding } from '../../../../shared/engine/validation/findings';
import type { ScalarAnswer } from '../../../../shared/schemas/answers';
import type { ScalarQuestion } from '../../../../shared/schemas/questionnaire';
import { localize } from '../../../../shared/questionnaire/localize';
import { openExternalLink } from '../../components/ExternalLink';
import { findingMessage } from '../validation/finding-message';
import { QuestionInfo } from './QuestionInfo';

export interface FieldProps {
  readonly question: ScalarQuestion;
  readonly value: ScalarAnswer | undefined;
  readonly onChange: (value: ScalarAnswer | undefined) => void;
  readonly onBlur: () => void;
  /** Content language and the definition's default, for questionnaire text. */
  readonly language: string;
  readonly defaultLanguage: string;
  /** Extra context for the accessible name, e.g. "Ministry 2". */
  readonly context?: string | undefined;
  /** Criterion or subindex code of the section (e.g. "IF"), shown with indicator codes. */
  readonly criterion?: string | undefined;
  /** Findings about this field's answer (evidence findings are shown by the evidence list). */
  readonly findings: readonly Finding[];
  /** Show findings even before the field has been left (the person asked for a check). */
  readonly reveal: boolean;
}

/** Parses typed text into a number; text that is not one is kept as typed (nothing is dropped). */
export function parseNumberInput(text: string, kind: 'integer' | 'decimal' | 'year'): ScalarAnswer | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const normalised = kind === 'decimal' ? trimmed.replace(',', '.') : trimmed;
  const pattern = kind === 'decimal' ? /^-?\d+(\.\d+)?$/ : /^-?\d+$/;
  return pattern.test(normalised) ? Number(normalised) : trimmed;
}

/** One question of any scalar type, with its label, help, indicator codes and problem message. */
export const ScalarField = memo(function ScalarField(props: FieldProps) {
  const { question, value, language, defaultLanguage, context, criterion, findings, reveal } = props;
  const { t, language: uiLanguage } = useUiText();
  const [touched, setTouched] = useState(false);
  const baseId = useId();
  const labelText = localize(question.label, language, defaultLanguage);
  const hasHelp = question.help !== undefined;
  const helpId = `${baseId}-help`;
  const problemId = `${baseId}-problem`;
  // Shown once the person has left the field or asked for a check, never while they type the first characters.
  const shown = touched || reveal ? findings.filter((f) => f.place.kind !== 'evidence' && f.problem.code !== 'evidenceRequired') : [];
  const problem = shown.some((f) => f.severity === 'error') ? shown : undefined;
  const describedBy = [hasHelp ? helpId : undefined, shown.length > 0 ? problemId : undefined].filter(Boolean).join(' ') || undefined;
  const blur = () => {
    setTouched(true);
    props.onBlur();
  };

  const label = (
    <>
      {labelText}
      {context && <span className="visually-hidden"> ({context})</span>}
      {question.required && <span className="required-mark"> {t('common.requiredMark')}</span>}
    </>
  );
  const decorations = (
    <QuestionInfo question={question} criterion={criterion} helpId={helpId} language={language} defaultLanguage={defaultLanguage} />
  );
  const languages = { ui: uiLanguage, content: language, contentDefault: defaultLanguage };
  const problemLine = shown.length > 0 && (
    <div id={problemId} className="field-findings">
      {shown.map((finding) => (
        <p key={finding.key} className={`field-${finding.severity}`}>
          <span className="visually-hidden">{t(`severity.${finding.severity}`)}: </span>
          {findingMessage(t, finding, languages)}
        </p>
      ))}
    </div>
  );
  const shared = { ...props, blur, describedBy, invalid: problem !== undefined, inputId: `${baseId}-input` };

  switch (question.type) {
    case 'yesNo':
    case 'yesNoNa':
    case 'singleChoice': {
      const options =
        question.type === 'singleChoice'
          ? question.options.map((o) => ({ value: o.value, label: localize(o.label, language, defaultLanguage) }))
          : [
              { value: 'yes', label: t('answer.yes') },
              { value: 'no', label: t('answer.no') },
              ...(question.type === 'yesNoNa' ? [{ value: 'na', label: t('answer.notApplicable') }] : []),
            ];
      return (
        <fieldset
          className="question"
          role="radiogroup"
          aria-required={question.required || undefined}
          aria-describedby={describedBy}
          aria-invalid={problem ? true : undefined}
        >
          <legend>{label}</legend>
          {decorations}
          <div className="options">
            {options.map((option) => (
              <label key={option.value} className="option">
                <input
                  type="radio"
                  name={baseId}
                  value={option.value}
                  checked={value === option.value}
                  onChange={() => { props.onChange(option.value); }}
                  onBlur={blur}
                />
                {option.label}
              </label>
            ))}
          </div>
          {value !== undefined && (
            <button type="button" className="link-button" onClick={() => { props.onChange(undefined); }}>
              {t('answer.clear')}
              <span className="visually-hidden">: {labelText}</span>
            </button>
          )}
          {problemLine}
        </fieldset>
      );
    }
    case 'multipleChoice': {
      const selected = Array.isArray(value) ? value : [];
      return (
        <fieldset className="question" aria-describedby={describedBy} aria-invalid={problem ? true : undefined}>
          <legend>{label}</legend>
          {decorations}
          <div className="options">
            {question.options.map((option) => (
              <label key={option.value} className="option">
                <input
                  type="checkbox"
                  value={option.value}
                  checked={selected.includes(option.value)}
                  onChange={(event) => {
                    const next = event.target.checked ? [...selected, option.value] : selected.filter((v) => v !== option.value);
                    // Keep the definition's order, whatever order the boxes were ticked in.
                    props.onChange(question.options.map((o) => o.value).filter((v) => next.includes(v)));
                  }}
                  onBlur={blur}
                />
                {localize(option.label, language, defaultLanguage)}
              </label>
            ))}
          </div>
          {problemLine}
        </fieldset>
      );
    }
    default:
      return (
        <div className="question">
          <label htmlFor={shared.inputId}>{label}</label>
          {decorations}
          <SingleInput {...shared} />
          {problemLine}
        </div>
      );
  }
});

interface SingleInputProps extends FieldProps {
  readonly blur: () => void;
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
  readonly inputId: string;
}

function SingleInput(props: SingleInputProps) {
  const { question, value, inputId, describedBy, invalid, blur, onChange, language, defaultLanguage } = props;
  const { t } = useUiText();
  const common = {
    id: inputId,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    'aria-required': question.required || undefined,
    onBlur: blur,
  };
  switch (question.type) {
    case 'longText': {
      const text = typeof value === 'string' ? value : '';
      return (
        <>
          <textarea {...common} rows={5} value={text} maxLength={question.maxLength} onChange={(event) => { onChange(event.target.value); }} />
          <p className="meta" aria-live="off">
            {t('answer.characters', { count: text.length, max: question.maxLength })}
          </p>
        </>
      );
    }
    case 'integer':
    case 'decimal':
    case 'year': {
      const unit = 'unit' in question && question.unit ? localize(question.unit, language, defaultLanguage) : undefined;
      return <NumberInput {...common} kind={question.type} value={value} unit={unit} onChange={onChange} />;
    }
    case 'date':
      return (
        <input
          {...common}
          type="date"
          value={typeof value === 'string' ? value : ''}
          min={question.min}
          max={question.max}
          onChange={(event) => { onChange(event.target.value || undefined); }}
        />
      );
    case 'url':
      return <UrlInput {...common} value={typeof value === 'string' ? value : ''} onChange={onChange} />;
    case 'email':
      return <input {...common} type="email" autoComplete="off" value={typeof value === 'string' ? value : ''} onChange={(event) => { onChange(event.target.value); }} />;
    default:
      return (
        <input
          {...common}
          type="text"
          value={typeof value === 'string' ? value : ''}
          maxLength={question.type === 'shortText' ? question.maxLength : undefined}
          onChange={(event) => { onChange(event.target.value); }}
        />
      );
  }
}

interface NumberInputProps {
  readonly id: string;
  readonly kind: 'integer' | 'decimal' | 'year';
  readonly value: ScalarAnswer | undefined;
  readonly unit: string | undefined;
  readonly onChange: (value: ScalarAnswer | undefined) => void;
  readonly onBlur: () => void;
}

/** A text box, not type=number: a number field silently empties itself on text it cannot parse. */
function NumberInput({ kind, value, unit, onChange, ...rest }: NumberInputProps & Record<string, unknown>) {
  const [text, setText] = useState(() => (value === undefined ? '' : String(value)));
  return (
    <span className="with-unit">
      <input
        {...rest}
        type="text"
        inputMode={kind === 'decimal' ? 'decimal' : 'numeric'}
        maxLength={kind === 'year' ? 4 : 30}
        size={kind === 'year' ? 6 : 14}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          onChange(parseNumberInput(event.target.value, kind));
        }}
      />
      {unit && <span className="unit">{unit}</span>}
    </span>
  );
}

function UrlInput({ value, onChange, ...rest }: { readonly value: string; readonly onChange: (value: ScalarAnswer | undefined) => void } & Record<string, unknown>) {
  const { t } = useUiText();
  const open = () => {
    openExternalLink(value);
  };
  return (
    <span className="with-action">
      <input {...rest} type="url" inputMode="url" autoComplete="off" spellCheck={false} value={value} onChange={(event) => { onChange(event.target.value); }} />
      <button type="button" onClick={open} disabled={value.trim() === ''}>
        {t('answer.openLink')}
      </button>
    </span>
  );
}
