import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import type { ScoreResult } from '../../../../shared/scoring/model';
import type { PlanItem } from '../../../../shared/scoring/plan';
import { platform } from '../../platform';
import { planFileName } from './score-model';

export interface PlanExportInput {
  readonly definition: QuestionnaireDefinition;
  readonly result: ScoreResult;
  readonly plan: readonly PlanItem[];
  readonly title: string;
  readonly place: string;
  readonly respondent: string;
  readonly createdAt: Date;
  readonly language: string;
  /** The save dialog's title and file-type name, in the person's language (the caller translates). */
  readonly dialog: { readonly title: string; readonly filter: string };
}

/**
 * Writes the improvement plan workbook and saves it like the app's other exports. Returns the saved
 * file's name, or undefined when the person cancelled the save dialog.
 */
export async function exportPlanWorkbook(input: PlanExportInput): Promise<string | undefined> {
  // Loaded on demand: the workbook writer (and exceljs behind it) stays out of the main chunk.
  const { renderPlanWorkbook } = await import('../../../../shared/scoring/plan-workbook');
  const bytes = await renderPlanWorkbook(input.definition, input.result, input.plan, {
    title: input.title,
    respondent: input.respondent,
    createdAt: input.createdAt.toISOString(),
    language: input.language,
  });
  const suggestedName = planFileName(input.place, input.definition.id, input.createdAt);
  // A copy over a plain ArrayBuffer, as the save contract takes.
  const saved = await platform().saveFile({
    title: input.dialog.title,
    suggestedName,
    filters: [{ name: input.dialog.filter, extensions: ['xlsx'] }],
    data: new Uint8Array(bytes),
  });
  return saved.saved ? (saved.fileName ?? suggestedName) : undefined;
}
