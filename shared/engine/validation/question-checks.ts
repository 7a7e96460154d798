import { checkAnswer } from '../answer-check';
import { checkEvidenceUrl, evidenceUrlKey } from '../../evidence/evidence-url';
import type { AnswerValue } from '../../schemas/answers';
import { isAnswered, isGroupRows } from '../../schemas/answers';
import type { EvidenceItem } from '../../schemas/evidence';
import type { GroupQuestion, Question, ScalarQuestion } from '../../schemas/questionnaire';
import type { AnswerLookup } from '../relevance';
import { visibleRowQuestions } from '../relevance';
import type { Finding, FindingPlace } from './findings';
import { makeFinding } from './findings';

const QUESTION: FindingPlace = { kind: 'question' };

/**
 * Findings about one visible top-level question's answer: required, type and range problems, and
 * for a group its row count and each visible cell. Hidden questions never reach this function.
 */
export function checkQuestionAnswer(question: Question, sectionId: string, value: AnswerValue | undefined, outer: AnswerLookup): Finding[] {
  if (question.type === 'group') return checkGroup(question, sectionId, value, outer);
  if (!isAnswered(value) || value === undefined) {
    return question.required ? [makeFinding('error', sectionId, question.id, QUESTION, { code: 'required' })] : [];
  }
  const problem = checkAnswer(question, value);
  return problem ? [makeFinding('error', sectionId, question.id, QUESTION, problem)] : [];
}

function checkGroup(question: GroupQuestion, sectionId: string, value: AnswerValue | undefined, outer: AnswerLookup): Finding[] {
  const rows = value !== undefined && isGroupRows(value) ? value : [];
  const findings: Finding[] = [];
  if (!isAnswered(value)) {
    if (question.required) findings.push(makeFinding('error', sectionId, question.id, QUESTION, { code: 'required' }));
  } else if (rows.length < question.minRows) {
    findings.push(makeFinding('error', sectionId, question.id, QUESTION, { code: 'tooFewRows', min: question.minRows }));
  }
  if (rows.length > question.maxRows) {
    findings.push(makeFinding('error', sectionId, question.id, QUESTION, { code: 'tooManyRows', max: question.maxRows }));
  }
  rows.forEach((row, rowIndex) => {
    const visible = visibleRowQuestions(question.questions, row, outer);
    for (const sub of question.questions) {
      if (!visible.has(sub.id)) continue;
      const place: FindingPlace = { kind: 'cell', rowId: row.rowId, rowIndex, subQuestionId: sub.id };
      const problem = checkCell(sub, row.answers[sub.id]);
      if (problem) findings.push(makeFinding('error', sectionId, question.id, place, problem));
    }
  });
  return findings;
}

function checkCell(question: ScalarQuestion, value: AnswerValue | undefined) {
  if (!isAnswered(value) || value === undefined) return question.required ? ({ code: 'required' } as const) : undefined;
  return checkAnswer(question, value);
}

/**
 * Findings about the evidence of one visible question: the definition's policy (a missing link is
 * an error), each URL against the URL policy (a stored URL that fails it is an error; one only
 * reachable inside the focal point's network is a warning), duplicates, and the last link check
 * (broken or redirected links are warnings).
 */
export function checkQuestionEvidence(
  question: Question,
  sectionId: string,
  value: AnswerValue | undefined,
  items: readonly EvidenceItem[],
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, number>();
  let usable = 0;
  items.forEach((item, evidenceIndex) => {
    const place: FindingPlace = { kind: 'evidence', evidenceId: item.id, evidenceIndex };
    const url = checkEvidenceUrl(item.url);
    if (!url.ok) {
      findings.push(makeFinding('error', sectionId, question.id, place, { code: 'evidenceUrlRefused', refusal: url.refusal }));
      return;
    }
    usable += 1;
    if (url.local) findings.push(makeFinding('warning', sectionId, question.id, place, { code: 'evidenceLocal' }));
    const key = evidenceUrlKey(url.url);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, evidenceIndex);
    else findings.push(makeFinding('warning', sectionId, question.id, place, { code: 'evidenceDuplicate', firstIndex: first }));
    const check = item.check;
    if (check && check.status !== 'ok') {
      findings.push(
        makeFinding('warning', sectionId, question.id, place, {
          code: 'linkProblem',
          status: check.status,
          ...(check.httpStatus === undefined ? {} : { httpStatus: check.httpStatus }),
          ...(check.finalUrl === undefined ? {} : { finalUrl: check.finalUrl }),
        }),
      );
    }
  });
  if (usable === 0) {
    const needs =
      question.evidence === 'requiredWhenYes' ? (value === 'yes' ? 'yes' : undefined)
      : question.evidence === 'required' ? (isAnswered(value) ? 'answered' : undefined)
      : undefined;
    if (needs) findings.unshift(makeFinding('error', sectionId, question.id, QUESTION, { code: 'evidenceRequired', when: needs }));
  }
  return findings;
}
