import type { Answers } from '../../schemas/answers';
import type { EvidenceByQuestion } from '../../schemas/evidence';
import type { QuestionnaireDefinition } from '../../schemas/questionnaire';
import type { Visibility } from '../relevance';
import { progressBySection } from '../progress';
import type { Finding } from './findings';

/**
 * The ready-to-submit check: a summary per visible section and one verdict with its reasons. The
 * export (issue 5) uses `status` as its gate: errors block, warnings must be acknowledged first.
 */
export interface SectionReadiness {
  readonly sectionId: string;
  /** Shown questions with an answer, out of all shown questions. */
  readonly answered: number;
  readonly total: number;
  /** Shown required questions still without an answer. */
  readonly missing: number;
  /** Errors other than a missing required answer. */
  readonly errors: number;
  readonly warnings: number;
  /** Evidence links on shown questions. */
  readonly evidence: number;
}

export type ReadinessReason =
  | { readonly code: 'nothingAnswered' }
  | { readonly code: 'missing'; readonly count: number }
  | { readonly code: 'errors'; readonly count: number }
  | { readonly code: 'warningsToAcknowledge'; readonly count: number };

export type ReadinessStatus = 'ready' | 'needsAcknowledgement' | 'notReady';

export interface Readiness {
  readonly status: ReadinessStatus;
  readonly reasons: readonly ReadinessReason[];
  readonly sections: readonly SectionReadiness[];
  readonly totals: Omit<SectionReadiness, 'sectionId'>;
  /** Warnings not yet acknowledged, in definition order. */
  readonly unacknowledged: readonly Finding[];
}

export function isMissingAnswer(finding: Finding): boolean {
  return finding.problem.code === 'required' && finding.place.kind === 'question';
}

export function assessReadiness(
  definition: QuestionnaireDefinition,
  answers: Answers,
  evidence: EvidenceByQuestion,
  visibility: Visibility,
  findings: readonly Finding[],
  acknowledged: ReadonlySet<string> = new Set(),
): Readiness {
  const bySection = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = bySection.get(finding.sectionId);
    if (list) list.push(finding);
    else bySection.set(finding.sectionId, [finding]);
  }
  const progress = progressBySection(definition, answers, visibility);
  const sections: SectionReadiness[] = [];
  for (const section of definition.sections) {
    const { answered, total } = progress.get(section.id) ?? { answered: 0, total: 0 };
    if (!visibility.sections.has(section.id)) continue;
    const links = section.questions
      .filter((question) => visibility.questions.has(question.id))
      .reduce((sum, question) => sum + (evidence.get(question.id)?.length ?? 0), 0);
    const own = bySection.get(section.id) ?? [];
    const missing = own.filter(isMissingAnswer).length;
    const errors = own.filter((f) => f.severity === 'error').length - missing;
    const warnings = own.filter((f) => f.severity === 'warning').length;
    sections.push({ sectionId: section.id, answered, total, missing, errors, warnings, evidence: links });
  }
  const totals = sections.reduce(
    (sum, s) => ({
      answered: sum.answered + s.answered,
      total: sum.total + s.total,
      missing: sum.missing + s.missing,
      errors: sum.errors + s.errors,
      warnings: sum.warnings + s.warnings,
      evidence: sum.evidence + s.evidence,
    }),
    { answered: 0, total: 0, missing: 0, errors: 0, warnings: 0, evidence: 0 },
  );
  const unacknowledged = findings.filter((f) => f.severity === 'warning' && !acknowledged.has(f.key));
  const reasons: ReadinessReason[] = [];
  if (totals.answered === 0) reasons.push({ code: 'nothingAnswered' });
  if (totals.missing > 0) reasons.push({ code: 'missing', count: totals.missing });
  if (totals.errors > 0) reasons.push({ code: 'errors', count: totals.errors });
  if (unacknowledged.length > 0) reasons.push({ code: 'warningsToAcknowledge', count: unacknowledged.length });
  const blocked = totals.answered === 0 || totals.missing > 0 || totals.errors > 0;
  const status: ReadinessStatus = blocked ? 'notReady' : unacknowledged.length > 0 ? 'needsAcknowledgement' : 'ready';
  return { status, reasons, sections, totals, unacknowledged };
}
