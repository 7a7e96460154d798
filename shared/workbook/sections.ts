import type { AnswerValue } from '../schemas/answers';
import type { EvidenceItem } from '../schemas/evidence';
import type { Question, QuestionnaireDefinition } from '../schemas/questionnaire';
import type { SubmissionDocument, SubmissionFinding } from '../submission/document';
import { english, formatAnswer, formatEvidence, formatFindings } from './format';
import type { CellModel, RowModel, SheetModel } from './model';
import { OTHER_ANSWERS_SHEET, SheetNamer } from './sheet-names';
import { cellSafeText, splitText } from './text';

/** Columns of every question sheet, in order. */
export const QUESTION_COLUMNS = ['Question id', 'Indicators', 'Question', 'Answer', 'Evidence', 'Findings'] as const;
const WIDTHS = [12, 14, 60, 50, 50, 40];

const get = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

/**
 * The rows of one question. Excel holds one link per cell and at most 32,767 characters, so a
 * question takes as many rows as its longest part needs: one row per evidence link, and long
 * answers or findings continue in the rows below. Every row repeats the question id in column A,
 * so each row still says which question it belongs to after sorting or filtering.
 */
function questionRows(
  id: string,
  question: Question | undefined,
  answer: AnswerValue | undefined,
  evidence: readonly EvidenceItem[],
  findings: readonly SubmissionFinding[],
  defaultLanguage: string,
): RowModel[] {
  const answerPieces = splitText(formatAnswer(answer, question, defaultLanguage));
  const findingPieces = splitText(formatFindings(findings, question, answer, evidence, defaultLanguage));
  const indicators = question ? question.indicators.join(', ') : '';
  const textPieces = splitText(question ? cellSafeText(english(question.label, defaultLanguage)) : '(not in the questionnaire definition)');
  const count = Math.max(1, textPieces.length, answerPieces.length, evidence.length, findingPieces.length);
  const rows: RowModel[] = [];
  for (let i = 0; i < count; i += 1) {
    const item = evidence[i];
    const cells: CellModel[] = [
      id,
      i === 0 ? indicators : '',
      textPieces[i] ?? '',
      answerPieces[i] ?? '',
      item ? formatEvidence(item) : '',
      findingPieces[i] ?? '',
    ];
    rows.push({ cells, style: 'body', questionId: id });
  }
  return rows;
}

function header(title: string): RowModel[] {
  return [
    ...splitText(cellSafeText(title)).map((piece): RowModel => ({ cells: [piece], style: 'title' })),
    { cells: [...QUESTION_COLUMNS], style: 'header' },
  ];
}

/**
 * One sheet per section of the definition, every question listed (a blank answer: not answered,
 * or not asked because it did not apply), then an "Other answers" sheet for anything the signed
 * document holds that the definition does not name, so no signed answer is ever left out of view.
 */
export function questionSheets(document: SubmissionDocument, definition: QuestionnaireDefinition): SheetModel[] {
  const defaultLanguage = definition.languages[0] ?? 'en';
  const namer = new SheetNamer();
  const findingsOf = (id: string) => document.validation.findings.filter((f) => f.questionId === id);
  const known = new Set<string>();
  const sheets: SheetModel[] = definition.sections.map((section) => {
    const title = english(section.title, defaultLanguage);
    const rows = header(title);
    const frozenRows = rows.length;
    for (const question of section.questions) {
      known.add(question.id);
      const id = question.id;
      rows.push(...questionRows(id, question, get(document.answers, id), get(document.evidence, id) ?? [], findingsOf(id), defaultLanguage));
    }
    return { name: namer.name(title, section.id), widths: WIDTHS, frozenRows, rows };
  });

  const others = [...new Set([...Object.keys(document.answers), ...Object.keys(document.evidence), ...document.validation.findings.map((f) => f.questionId)])]
    .filter((id) => !known.has(id))
    .sort();
  if (others.length > 0) {
    const rows = header('Answers to questions this questionnaire definition does not contain');
    const frozenRows = rows.length;
    for (const id of others) {
      rows.push(...questionRows(id, undefined, get(document.answers, id), get(document.evidence, id) ?? [], findingsOf(id), defaultLanguage));
    }
    sheets.push({ name: OTHER_ANSWERS_SHEET, widths: WIDTHS, frozenRows, rows });
  }
  return sheets;
}
