import type { EvidenceUrlRefusal } from '../../evidence/evidence-url';
import type { LinkStatus } from '../../schemas/evidence';
import type { LocalizedText } from '../../schemas/questionnaire';
import type { AnswerProblem } from '../answer-check';

/**
 * A finding is one thing wrong (error) or worth a second look (warning) with a response. It says
 * where (section, question, and the group row or evidence item when there is one) and what, as a
 * code with parameters; the UI turns it into words through i18n, and a declared rule brings its
 * own message from the definition.
 */
export type Severity = 'error' | 'warning';

export type FindingProblem =
  | AnswerProblem
  | { readonly code: 'required' }
  | { readonly code: 'tooFewRows'; readonly min: number }
  | { readonly code: 'tooManyRows'; readonly max: number }
  | { readonly code: 'evidenceRequired'; readonly when: 'yes' | 'answered' }
  | { readonly code: 'evidenceUrlRefused'; readonly refusal: EvidenceUrlRefusal }
  | { readonly code: 'evidenceDuplicate'; readonly firstIndex: number }
  | { readonly code: 'evidenceLocal' }
  | { readonly code: 'linkProblem'; readonly status: Exclude<LinkStatus, 'ok'>; readonly httpStatus?: number; readonly finalUrl?: string }
  | { readonly code: 'rule'; readonly ruleId: string; readonly message: LocalizedText };

export type FindingCode = FindingProblem['code'];

/** Where inside a question: a cell of a group row, or one evidence item. */
export type FindingPlace =
  | { readonly kind: 'question' }
  | { readonly kind: 'cell'; readonly rowId: string; readonly rowIndex: number; readonly subQuestionId: string }
  | { readonly kind: 'evidence'; readonly evidenceId: string; readonly evidenceIndex: number };

export interface Finding {
  /**
   * Stable identity of the finding across re-evaluations: acknowledging a warning stores this key,
   * and the same warning keeps it until what it is about changes.
   */
  readonly key: string;
  readonly severity: Severity;
  readonly sectionId: string;
  readonly questionId: string;
  readonly place: FindingPlace;
  readonly problem: FindingProblem;
}

/** Type-level problems are errors: a value that is not what the question asks cannot be exported. */
export function findingKey(questionId: string, place: FindingPlace, problem: FindingProblem): string {
  const where =
    place.kind === 'cell' ? `row:${place.rowId}:${place.subQuestionId}` : place.kind === 'evidence' ? `evidence:${place.evidenceId}` : 'question';
  const what = problem.code === 'rule' ? `rule:${problem.ruleId}` : problem.code === 'linkProblem' ? `link:${problem.status}` : problem.code;
  return `${questionId}|${where}|${what}`;
}

export function makeFinding(
  severity: Severity,
  sectionId: string,
  questionId: string,
  place: FindingPlace,
  problem: FindingProblem,
): Finding {
  return { key: findingKey(questionId, place, problem), severity, sectionId, questionId, place, problem };
}
