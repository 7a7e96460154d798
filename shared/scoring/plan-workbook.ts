import type * as ExcelJsModule from 'exceljs';
import { AppError } from '../errors';
import { localize } from '../questionnaire/localize';
import type { QuestionnaireDefinition } from '../schemas/questionnaire';
import { loadExcelJs, ooxmlText } from '../workbook/xlsx';
import type { IndicatorStatus, Level, MethodProvenance, ScoreResult, ScoringMethod } from './model';
import type { PlanItem } from './plan';

/**
 * The improvement plan as an Excel workbook, for the team that maintains the portal: one sheet
 * with who, when, the index, the level and what the score is worth (the indicative note), then one
 * row per indicator not met with its guidance, ready to sort, filter and assign. The renderer's
 * i18n catalogue is not reachable from shared/, so the sheet's few fixed words are here, in the
 * app's two languages; the questions and the guidance come from the plan, already localized.
 */

export const PLAN_SHEET_NAME = 'Improvement plan';

export interface PlanWorkbookInfo {
  readonly title: string;
  /** Who the plan is for, as shown: e.g. "Tallinn — Digital office". */
  readonly respondent: string;
  /** ISO 8601 date-time the plan was made. */
  readonly createdAt: string;
  /** The language of the sheet's own words (`en` or `fr`; others fall back to English). */
  readonly language: string;
}

/** What the workbook was asked to write makes no sense (a date that is not a date). */
export class PlanWorkbookError extends AppError {
  constructor(message: string) {
    super('INVALID_PAYLOAD', message);
  }
}

interface Words {
  readonly respondent: string;
  readonly date: string;
  readonly questionnaire: string;
  readonly index: string;
  readonly level: string;
  readonly met: (met: number, total: number) => string;
  readonly note: string;
  readonly columns: readonly [string, string, string, string, string, string];
  readonly referenceShare: (year: number | undefined) => string;
  readonly allMet: string;
  readonly levels: Readonly<Record<Level, string>>;
  readonly statuses: Readonly<Record<IndicatorStatus, string>>;
  readonly provenance: Readonly<Record<MethodProvenance, string>>;
  readonly notes: {
    readonly indicative: string;
    readonly shareIndex: (provenance: string) => string;
    readonly weightedIndex: (provenance: string) => string;
    readonly bands: (provenance: string) => string;
    readonly reference: (year: number, provenance: string) => string;
    readonly evidence: string;
  };
}

const EN: Words = {
  respondent: 'Respondent',
  date: 'Date',
  questionnaire: 'Questionnaire',
  index: 'Index',
  level: 'Level',
  met: (met, total) => `${String(met)} of ${String(total)} indicators met`,
  note: 'Note',
  columns: ['Criterion', 'Indicator', 'Question', 'Status', 'What counts', 'How to satisfy it'],
  referenceShare: (year) => (year === undefined ? 'Reference share' : `${String(year)} share`),
  allMet: 'Every indicator is met: nothing to improve.',
  levels: { veryHigh: 'Very high', high: 'High', middle: 'Middle', low: 'Low' },
  statuses: { met: 'Met', yesWithoutEvidence: 'Yes, without evidence', notMet: 'Not met', unanswered: 'Not answered' },
  provenance: { verified: 'official', 'third-party-copy': 'from a third-party copy of UN material', reconstructed: 'reconstructed, not official' },
  notes: {
    indicative: 'Indicative self-assessment, not the official UN index.',
    shareIndex: (p) => `Index: share of all indicators met, equally weighted (${p}).`,
    weightedIndex: (p) =>
      `Index: subindex shares weighted by the subindex weights (${p}; confirm before relying on them), without the UN's rescaling across countries; a subindex without a weight is outside the index.`,
    bands: (p) => `Level bands: Very high above 75%, High from 50%, Middle from 25%, Low below (${p}).`,
    reference: (year, p) => `Reference shares: cities assessed in ${String(year)} that met the indicator (matching to current codes ${p}).`,
    evidence: 'An indicator answered Yes counts as met only with its evidence link.',
  },
};

const FR: Words = {
  respondent: 'Répondant',
  date: 'Date',
  questionnaire: 'Questionnaire',
  index: 'Indice',
  level: 'Niveau',
  met: (met, total) => `${String(met)} indicateurs satisfaits sur ${String(total)}`,
  note: 'Remarque',
  columns: ['Critère', 'Indicateur', 'Question', 'Statut', 'Ce qui compte', 'Comment le satisfaire'],
  referenceShare: (year) => (year === undefined ? 'Part de référence' : `Part en ${String(year)}`),
  allMet: 'Tous les indicateurs sont satisfaits : rien à améliorer.',
  levels: { veryHigh: 'Très élevé', high: 'Élevé', middle: 'Moyen', low: 'Faible' },
  statuses: { met: 'Satisfait', yesWithoutEvidence: 'Oui, sans justificatif', notMet: 'Non satisfait', unanswered: 'Sans réponse' },
  provenance: { verified: 'officiel', 'third-party-copy': 'd’après une copie de documents de l’ONU publiée par un tiers', reconstructed: 'reconstitué, non officiel' },
  notes: {
    indicative: 'Autoévaluation indicative, et non l’indice officiel de l’ONU.',
    shareIndex: (p) => `Indice : part de l’ensemble des indicateurs satisfaits, tous de même poids (${p}).`,
    weightedIndex: (p) =>
      `Indice : parts des sous-indices pondérées par leurs poids (${p} ; à confirmer avant de s’y fier), sans la mise à l’échelle de l’ONU entre pays ; un sous-indice sans poids n’entre pas dans l’indice.`,
    bands: (p) => `Niveaux : Très élevé au-dessus de 75 %, Élevé à partir de 50 %, Moyen à partir de 25 %, Faible en dessous (${p}).`,
    reference: (year, p) => `Parts de référence : villes évaluées en ${String(year)} qui satisfaisaient l’indicateur (correspondance avec les codes actuels ${p}).`,
    evidence: 'Un indicateur avec la réponse Oui ne compte comme satisfait qu’avec son lien justificatif.',
  },
};

function wordsFor(language: string): Words {
  return language.split('-')[0]?.toLowerCase() === 'fr' ? FR : EN;
}

/** The indicative note: what the score is not, and the provenance of each part of the method. */
export function indicativeNote(method: ScoringMethod, language: string): string {
  const words = wordsFor(language);
  const p = (provenance: MethodProvenance) => words.provenance[provenance];
  const parts = [words.notes.indicative];
  parts.push(
    method.index.kind === 'shareOfIndicators'
      ? words.notes.shareIndex(p(method.provenance.index))
      : words.notes.weightedIndex(p(method.provenance.weights ?? method.provenance.index)),
  );
  parts.push(words.notes.bands(p(method.provenance.bands)));
  if (method.reference) parts.push(words.notes.reference(method.reference.year, p(method.reference.provenance)));
  parts.push(words.notes.evidence);
  return parts.join(' ');
}

/** A text cell, always text: never a formula, whatever the text starts with (`=`, `+`, `@`). */
function setText(cell: ExcelJsModule.Cell, text: string): void {
  cell.value = ooxmlText(text);
  cell.numFmt = '@';
  cell.alignment = { wrapText: true, vertical: 'top' };
}

function setShare(cell: ExcelJsModule.Cell, share: number): void {
  // Rounded as the signed summaries are, so the sheet shows the same number as the submission.
  cell.value = Math.round(share * 10_000) / 10_000;
  cell.numFmt = '0.0%';
  cell.alignment = { vertical: 'top' };
}

const WIDTHS = [30, 13, 55, 22, 55, 55, 12] as const;
const HEADER_FILL: ExcelJsModule.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };

/**
 * Writes the plan. The columns: Criterion, Indicator, Question, Status, What counts, How to satisfy
 * it, and the reference edition's share of cities meeting the indicator (blank where none is known).
 * The table's header row is bold, frozen and filtered; long texts wrap.
 */
export async function renderPlanWorkbook(definition: QuestionnaireDefinition, result: ScoreResult, plan: readonly PlanItem[], info: PlanWorkbookInfo): Promise<Uint8Array> {
  const created = new Date(info.createdAt);
  if (Number.isNaN(created.getTime())) throw new PlanWorkbookError(`The plan's date "${info.createdAt}" is not an ISO 8601 date.`);
  const words = wordsFor(info.language);
  const defaultLanguage = definition.languages[0] ?? 'en';
  const sectionTitles = new Map(definition.sections.map((s) => [s.id, localize(s.title, info.language, defaultLanguage)]));

  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'EGov Desk';
  workbook.title = info.title;
  workbook.created = created;
  workbook.modified = created;

  const facts: [string, (cell: ExcelJsModule.Cell) => void][] = [
    [words.respondent, (cell) => { setText(cell, info.respondent); }],
    [words.date, (cell) => { setText(cell, info.createdAt.slice(0, 10)); }],
    [words.questionnaire, (cell) => { setText(cell, `${localize(definition.title, info.language, defaultLanguage)} (${definition.edition}, ${definition.version})`); }],
    [words.index, (cell) => { setShare(cell, result.index); }],
    [words.level, (cell) => { setText(cell, `${words.levels[result.level]} — ${words.met(result.totals.met, result.totals.indicators)}`); }],
    [words.note, (cell) => { setText(cell, indicativeNote(result.method, info.language)); }],
  ];
  const headerRow = facts.length + 3;
  const sheet = workbook.addWorksheet(PLAN_SHEET_NAME, { views: [{ state: 'frozen', ySplit: headerRow }] });
  WIDTHS.forEach((width, i) => { sheet.getColumn(i + 1).width = width; });

  const titleCell = sheet.getCell(1, 1);
  setText(titleCell, info.title);
  titleCell.font = { bold: true, size: 14 };
  titleCell.alignment = { vertical: 'top' };
  facts.forEach(([label, write], i) => {
    const row = i + 2;
    const labelCell = sheet.getCell(row, 1);
    setText(labelCell, label);
    labelCell.font = { bold: true };
    write(sheet.getCell(row, 2));
    // The values read across the table's width rather than in one narrow column.
    sheet.mergeCells(row, 2, row, WIDTHS.length);
  });
  // The note is several sentences: give its merged row room to show them.
  sheet.getRow(facts.length + 1).height = 60;

  const headers = [...words.columns, words.referenceShare(result.method.reference?.year)];
  headers.forEach((text, i) => {
    const cell = sheet.getCell(headerRow, i + 1);
    setText(cell, text);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  });

  plan.forEach((item, i) => {
    const row = headerRow + 1 + i;
    const title = sectionTitles.get(item.sectionId);
    setText(sheet.getCell(row, 1), title === undefined ? item.criterion : `${item.criterion} — ${title}`);
    setText(sheet.getCell(row, 2), item.code);
    setText(sheet.getCell(row, 3), item.label);
    setText(sheet.getCell(row, 4), words.statuses[item.status]);
    if (item.what !== undefined) setText(sheet.getCell(row, 5), item.what);
    if (item.how !== undefined) setText(sheet.getCell(row, 6), item.how);
    if (item.referenceShare !== undefined) setShare(sheet.getCell(row, 7), item.referenceShare);
  });
  if (plan.length === 0) setText(sheet.getCell(headerRow + 1, 1), words.allMet);
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow + Math.max(plan.length, 1), column: headers.length } };

  const data: unknown = await workbook.xlsx.writeBuffer();
  // exceljs returns a Node Buffer under Node and an ArrayBuffer or Uint8Array in the browser build.
  if (data instanceof Uint8Array) return new Uint8Array(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw new PlanWorkbookError('exceljs returned something other than bytes.');
}
