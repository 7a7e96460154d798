import { visibleRowQuestions } from '../engine/relevance';
import { assessReadiness } from '../engine/validation/readiness';
import { validateResponse } from '../engine/validation/validator';
import { localize } from '../questionnaire/localize';
import type { AnswerValue, Answers } from '../schemas/answers';
import { isGroupRows } from '../schemas/answers';
import type { EvidenceByQuestion, EvidenceItem } from '../schemas/evidence';
import type { QuestionnaireDefinition } from '../schemas/questionnaire';
import type { Respondent } from '../schemas/response';
import { respondentSchema } from '../schemas/response';
import { scoreIfPossible } from '../scoring/score';
import { scoreSummaryOf, scoreSummarySchema } from '../scoring/summary';
import { computeDigests } from './digests';
import type { Signer, SubmissionFinding, UnsignedSubmission } from './document';
import { SUBMISSION_FORMAT, SUBMISSION_FORMAT_VERSION, signerSchema, unsignedSubmissionSchema } from './document';

export interface SubmissionInput {
  readonly definition: QuestionnaireDefinition;
  readonly contentHash: string;
  readonly respondent: Respondent;
  readonly answers: Answers;
  readonly evidence: EvidenceByQuestion;
  readonly acknowledged: ReadonlySet<string>;
  readonly signer: Signer;
  /** Epoch milliseconds. */
  readonly started: number;
  readonly lastChanged: number;
  readonly signedAt: number;
  readonly submissionId: string;
  readonly revises?: string | undefined;
  /** The review this version answers: from `reviewReference` in shared/review. */
  readonly answersReview?: { readonly reviewId: string; readonly reviewHash: string } | undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Builds the document to sign from a response: answers and evidence of shown questions only
 * (hidden ones, and hidden cells of group rows, stay on the device but are not exported), the
 * validation summary, the score summary for instruments that have a scoring method (OSI, LOSI),
 * and the digests. The result is parsed with the format's own schema, so nothing that breaks the
 * published format is ever signed.
 */
export async function buildSubmission(input: SubmissionInput): Promise<UnsignedSubmission> {
  const { definition } = input;
  const defaultLanguage = definition.languages[0] ?? 'en';
  const { visibility, findings } = validateResponse(definition, input.answers, input.evidence);
  const readiness = assessReadiness(definition, input.answers, input.evidence, visibility, findings, input.acknowledged);
  const lookup = (id: string) => (visibility.questions.has(id) ? input.answers.get(id) : undefined);

  const answers: Record<string, AnswerValue> = {};
  const evidence: Record<string, EvidenceItem[]> = {};
  for (const section of definition.sections) {
    for (const question of section.questions) {
      if (!visibility.questions.has(question.id)) continue;
      const value = input.answers.get(question.id);
      if (value !== undefined) {
        answers[question.id] =
          question.type === 'group' && isGroupRows(value)
            ? value.map((row) => {
                const shown = visibleRowQuestions(question.questions, row, lookup);
                return { rowId: row.rowId, answers: Object.fromEntries(Object.entries(row.answers).filter(([id]) => shown.has(id))) };
              })
            : value;
      }
      const items = input.evidence.get(question.id);
      if (items && items.length > 0) evidence[question.id] = [...items];
    }
  }
  const submissionFindings: SubmissionFinding[] = findings.map((f) => ({
    key: f.key,
    severity: f.severity,
    sectionId: f.sectionId,
    questionId: f.questionId,
    code: f.problem.code,
    ...(f.problem.code === 'rule' ? { detail: localize(f.problem.message, defaultLanguage, defaultLanguage) } : {}),
    acknowledged: f.severity === 'warning' && input.acknowledged.has(f.key),
  }));
  // Scored from the exported answers and evidence, not the stored ones, so anyone holding the file
  // can recompute the same summary from what was signed.
  const score = scoreIfPossible(definition, answers, evidence);
  const parts = {
    format: SUBMISSION_FORMAT,
    formatVersion: SUBMISSION_FORMAT_VERSION,
    submissionId: input.submissionId,
    ...(input.revises === undefined ? {} : { revises: input.revises }),
    ...(input.answersReview === undefined ? {} : { answersReview: { reviewId: input.answersReview.reviewId, reviewHash: input.answersReview.reviewHash } }),
    questionnaire: {
      id: definition.id,
      version: definition.version,
      edition: definition.edition,
      title: localize(definition.title, defaultLanguage, defaultLanguage),
      contentHash: input.contentHash,
    },
    // Parsed (trimmed) before the digests are computed: the schema below trims again, and digests
    // over " Kenya " would not match the "Kenya" that is signed, so the file would verify as changed.
    respondent: respondentSchema.parse(input.respondent),
    signer: signerSchema.parse(input.signer),
    answers,
    evidence,
    validation: {
      status: readiness.status,
      answered: readiness.totals.answered,
      total: readiness.totals.total,
      errors: readiness.totals.errors + readiness.totals.missing,
      warnings: readiness.totals.warnings,
      findings: submissionFindings,
    },
    // Checked with the summary's own schema (counts add up), which the format's reader does not apply.
    ...(score === undefined ? {} : { scores: scoreSummarySchema.parse(scoreSummaryOf(score)) }),
    timestamps: { started: iso(input.started), lastChanged: iso(input.lastChanged), signed: iso(input.signedAt) },
  } as const;
  return unsignedSubmissionSchema.parse({ ...parts, digests: await computeDigests(parts) });
}
