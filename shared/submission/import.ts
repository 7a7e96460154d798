import type { AnswerValue } from '../schemas/answers';
import type { EvidenceItem } from '../schemas/evidence';
import type { Respondent } from '../schemas/response';
import type { SubmissionDocument } from './document';

/**
 * "Continue from a file" (issue 6): a focal point who has only an exported submission (theirs from
 * another device, or the one a review is about) makes a new draft from it and carries on. The
 * caller verifies the file first and shows the result before storing anything; this only turns a
 * submission document into what a new draft holds.
 */
export interface DraftFromSubmission {
  /** The questionnaire edition answered; the caller checks it is available (and the same text) here. */
  readonly questionnaire: { readonly id: string; readonly version: string; readonly contentHash: string };
  readonly respondent: Respondent;
  /**
   * The answers as signed. Only questions shown when it was signed are in a submission, so hidden
   * answers that stayed on the signing device are absent here too, not emptied.
   */
  readonly answers: Map<string, AnswerValue>;
  readonly evidence: Map<string, EvidenceItem[]>;
  /** Keys of the warnings acknowledged when it was signed; a warning still raised stays acknowledged. */
  readonly acknowledgedWarnings: Set<string>;
  /** The submission the next export revises: this one. */
  readonly revises: string;
}

/**
 * A deep copy of a JSON value. Answers and evidence are plain JSON, and the draft must own its
 * values: editing the draft must never alter the document that was verified and shown.
 */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function draftFromSubmission(document: SubmissionDocument): DraftFromSubmission {
  const { questionnaire } = document;
  return {
    questionnaire: { id: questionnaire.id, version: questionnaire.version, contentHash: questionnaire.contentHash },
    respondent: { ...document.respondent },
    answers: new Map(Object.entries(copy(document.answers))),
    evidence: new Map(Object.entries(copy(document.evidence))),
    // Only warnings can be acknowledged; an error marked so by a hand-edited file stays an error.
    acknowledgedWarnings: new Set(document.validation.findings.filter((f) => f.severity === 'warning' && f.acknowledged).map((f) => f.key)),
    revises: document.submissionId,
  };
}
