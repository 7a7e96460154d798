import { progressBySection, totalProgress } from '../../../../shared/engine/progress';
import { computeVisibility } from '../../../../shared/engine/relevance';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import type { SubmissionDocument } from '../../../../shared/submission/document';
import { draftFromSubmission } from '../../../../shared/submission/import';
import { storage } from '../../db';
import type { ResponseRow } from '../../db';

/**
 * "Continue from a file": a verified submission becomes a new, editable draft on this device (its
 * answers, evidence and acknowledged warnings), recording the submission it revises. One
 * transaction: the draft is complete or absent.
 */
export async function continueFromSubmission(document: SubmissionDocument, definition: QuestionnaireDefinition): Promise<ResponseRow> {
  const draft = draftFromSubmission(document);
  const progress = totalProgress(progressBySection(definition, draft.answers, computeVisibility(definition, draft.answers)));
  return storage().responses.createFromDraft({
    questionnaireId: draft.questionnaire.id,
    questionnaireVersion: draft.questionnaire.version,
    questionnaireHash: draft.questionnaire.contentHash,
    respondent: draft.respondent,
    answers: draft.answers,
    evidence: draft.evidence,
    acknowledgedWarnings: [...draft.acknowledgedWarnings],
    revises: draft.revises,
    progress,
  });
}
