import { memo, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { visibleRowQuestions } from '../../../../shared/engine/relevance';
import type { AnswerLookup } from '../../../../shared/engine/relevance';
import type { GroupRow, ScalarAnswer } from '../../../../shared/schemas/answers';
import type { GroupQuestion } from '../../../../shared/schemas/questionnaire';
import type { Finding } from '../../../../shared/engine/validation/findings';
import { findingMessage } from '../validation/finding-message';
import { localize } from '../../../../shared/questionnaire/localize';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { QuestionInfo } from './QuestionInfo';
import { ScalarField } from './ScalarField';

interface GroupFieldProps {
  readonly question: GroupQuestion;
  readonly rows: readonly GroupRow[];
  readonly onChange: (rows: GroupRow[]) => void;
  readonly onBlur: () => void;
  readonly outer: AnswerLookup;
  readonly language: string;
  readonly defaultLanguage: string;
  readonly criterion: string | undefined;
  readonly findings: readonly Finding[];
  readonly reveal: boolean;
  /** 2 when the group sits under the page's h1; 3 on the one-page layout, under its section's h2. */
  readonly headingLevel: 2 | 3;
}

const NO_FINDINGS: readonly Finding[] = [];

/** A repeatable group: one fieldset per row, rows added and removed by the person. */
export const GroupField = memo(function GroupField(props: GroupFieldProps) {
  const { question, rows, onChange, onBlur, outer, language, defaultLanguage, criterion, findings, reveal, headingLevel } = props;
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const [toRemove, setToRemove] = useState<string | undefined>();
  const label = localize(question.label, language, defaultLanguage);
  const rowLabel = question.rowLabel ? localize(question.rowLabel, language, defaultLanguage) : t('answer.row');
  const helpId = `${headingId}-help`;
  const languages = { ui: i18n.resolvedLanguage ?? 'en', content: language, contentDefault: defaultLanguage };
  // Row-count and required findings: once rows exist, or when the person asked for a check.
  const groupFindings = reveal || rows.length > 0 ? findings.filter((f) => f.place.kind === 'question' && f.problem.code !== 'evidenceRequired') : NO_FINDINGS;

  const addRow = () => {
    onChange([...rows, { rowId: crypto.randomUUID(), answers: {} }]);
  };
  const setCell = (rowId: string, subId: string, value: ScalarAnswer | undefined) => {
    onChange(
      rows.map((row) => {
        if (row.rowId !== rowId) return row;
        const answers = Object.fromEntries(Object.entries(row.answers).filter(([id]) => id !== subId));
        if (value !== undefined) answers[subId] = value;
        return { ...row, answers };
      }),
    );
  };
  const removeRow = (rowId: string) => {
    const row = rows.find((r) => r.rowId === rowId);
    // Ask only when the row holds answers; an empty row goes at once.
    if (row && Object.keys(row.answers).length > 0) setToRemove(rowId);
    else onChange(rows.filter((r) => r.rowId !== rowId));
  };

  return (
    <section className="question group" aria-labelledby={headingId} aria-describedby={question.help ? helpId : undefined}>
      <Heading id={headingId} className="group-label">
        {label}
        {question.required && <span className="required-mark"> {t('common.requiredMark')}</span>}
      </Heading>
      <QuestionInfo question={question} criterion={criterion} helpId={helpId} language={language} defaultLanguage={defaultLanguage} />
      {rows.length === 0 && <p className="meta">{t('answer.noRows')}</p>}
      {groupFindings.map((finding) => (
        <p key={finding.key} className={`field-${finding.severity}`}>
          <span className="visually-hidden">{t(`severity.${finding.severity}`)}: </span>
          {findingMessage(t, finding, languages)}
        </p>
      ))}
      {rows.map((row, index) => {
        const name = `${rowLabel} ${String(index + 1)}`;
        return (
          <GroupRowFields
            key={row.rowId}
            question={question}
            row={row}
            name={name}
            outer={outer}
            language={language}
            defaultLanguage={defaultLanguage}
            onCell={(subId, value) => { setCell(row.rowId, subId, value); }}
            onBlur={onBlur}
            onRemove={() => { removeRow(row.rowId); }}
            findings={findings}
            reveal={reveal}
          />
        );
      })}
      <button type="button" onClick={addRow} disabled={rows.length >= question.maxRows}>
        {t('answer.addRow', { row: rowLabel })}
      </button>
      <ConfirmDialog
        open={toRemove !== undefined}
        title={t('answer.removeRowTitle')}
        message={t('answer.removeRowMessage')}
        confirmLabel={t('answer.removeRowConfirm')}
        onConfirm={() => {
          onChange(rows.filter((r) => r.rowId !== toRemove));
          setToRemove(undefined);
        }}
        onCancel={() => { setToRemove(undefined); }}
      />
    </section>
  );
});

interface GroupRowFieldsProps {
  readonly question: GroupQuestion;
  readonly row: GroupRow;
  readonly name: string;
  readonly outer: AnswerLookup;
  readonly language: string;
  readonly defaultLanguage: string;
  readonly onCell: (subId: string, value: ScalarAnswer | undefined) => void;
  readonly onBlur: () => void;
  readonly onRemove: () => void;
  readonly findings: readonly Finding[];
  readonly reveal: boolean;
}

function GroupRowFields({ question, row, name, outer, language, defaultLanguage, onCell, onBlur, onRemove, findings, reveal }: GroupRowFieldsProps) {
  const { t } = useTranslation();
  const visible = useMemo(() => visibleRowQuestions(question.questions, row, outer), [question.questions, row, outer]);
  return (
    <fieldset className="group-row">
      <legend>{name}</legend>
      {question.questions
        .filter((sub) => visible.has(sub.id))
        .map((sub) => (
          <ScalarField
            key={sub.id}
            question={sub}
            value={row.answers[sub.id]}
            onChange={(value) => { onCell(sub.id, value); }}
            onBlur={onBlur}
            language={language}
            defaultLanguage={defaultLanguage}
            context={name}
            findings={findings.filter((f) => f.place.kind === 'cell' && f.place.rowId === row.rowId && f.place.subQuestionId === sub.id)}
            reveal={reveal}
          />
        ))}
      <button type="button" className="danger" onClick={onRemove}>
        {t('answer.removeRow', { row: name })}
      </button>
    </fieldset>
  );
}
