import { memo, useCallback } from 'react';
import type { AnswerLookup } from '../../../../shared/engine/relevance';
import type { GroupRow, ScalarAnswer } from '../../../../shared/schemas/answers';
import { isGroupRows } from '../../../../shared/schemas/answers';
import type { Question } from '../../../../shared/schemas/questionnaire';
import { useAnswer, useAnswerContext, useFindings } from './answer-context';
import { EvidenceList } from './evidence/EvidenceList';
import { GroupField } from './GroupField';
import { ScalarField } from './ScalarField';
import { ReviewNoteLine } from './ReviewNoteLine';

const noAnswers: AnswerLookup = () => undefined;

/** Id of the element that wraps a question, for jumping to it from the validation panel. */
export function questionElementId(questionId: string): string {
  return `question-${questionId}`;
}

/**
 * One top-level question, subscribed to its own answer and its own findings: typing in it
 * re-renders it alone, and a change elsewhere does not re-render it (memo on stable props).
 */
interface QuestionBlockProps {
  readonly question: Question;
  /** Code of the section's criterion or subindex (e.g. "IF"), shown with the indicator codes. */
  readonly criterion: string | undefined;
  readonly outer: AnswerLookup | undefined;
}

export const QuestionBlock = memo(function QuestionBlock({ question, criterion, outer }: QuestionBlockProps) {
  const { store, change, flush, language, defaultLanguage, validation, reveal, reviewNotes, groupHeadingLevel } = useAnswerContext();
  const reviewNote = reviewNotes.get(question.id);
  const value = useAnswer(store, question.id);
  const findings = useFindings(validation, question.id);
  const onChange = useCallback((next: ScalarAnswer | GroupRow[] | undefined) => { change(question.id, next); }, [change, question.id]);

  let field;
  if (question.type === 'group') {
    const rows = value !== undefined && isGroupRows(value) ? value : [];
    field = (
      <GroupField
        question={question}
        rows={rows}
        onChange={onChange}
        onBlur={flush}
        outer={outer ?? noAnswers}
        criterion={criterion}
        language={language}
        defaultLanguage={defaultLanguage}
        findings={findings}
        reveal={reveal}
        headingLevel={groupHeadingLevel}
      />
    );
  } else {
    const scalar = value !== undefined && !isGroupRows(value) ? value : undefined;
    field = (
      <ScalarField
        question={question}
        criterion={criterion}
        value={scalar}
        onChange={onChange}
        onBlur={flush}
        language={language}
        defaultLanguage={defaultLanguage}
        findings={findings}
        reveal={reveal}
      />
    );
  }
  return (
    <div className="question-block" id={questionElementId(question.id)} data-question-id={question.id}>
      {reviewNote && <ReviewNoteLine note={reviewNote} />}
      {field}
      <EvidenceList question={question} findings={findings} />
    </div>
  );
});
