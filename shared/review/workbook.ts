import { formatKeyIdForReading } from '../crypto/key-id';
import { AppError } from '../errors';
import type { Question, QuestionnaireDefinition, Section } from '../schemas/questionnaire';
import type { SubmissionDocument } from '../submission/document';
import { english, formatAnswer } from '../workbook/format';
import type { RowModel, SheetModel, WorkbookModel } from '../workbook/model';
import { cellSafeText, splitText } from '../workbook/text';
import { definitionMatches } from '../workbook/verify';
import { writeXlsx } from '../workbook/xlsx';
import { bindReviewToSubmission } from './bind';
import type { ReviewDocument, ReviewNote } from './document';

/**
 * The review as a workbook, for people who live in Excel: a cover (who reviewed which submission,
 * the general comment) and a "Queries" sheet with one line per note, next to the question and the
 * answer it is about. Written with the submission workbook's writer, so every cell is text and a
 * comment such as `=HYPERLINK(…)` is never a formula.
 *
 * Unlike the submission workbook it is not signed and never verified: the signed artefact is the
 * JSON review file, and the cover says so. It is a pure function of the review, the submission it
 * is bound to and the questionnaire definition.
 */

export const REVIEW_COVER_SHEET = 'Cover';
export const QUERIES_SHEET = 'Queries';
export const QUERY_COLUMNS = ['Question id', 'Section', 'Question', 'Submitted answer', 'Status', 'Comment'] as const;
const QUERY_WIDTHS = [12, 30, 60, 50, 12, 60];

const STATUS_TEXT: Readonly<Record<ReviewNote['status'], string>> = { accepted: 'Accepted', query: 'Query' };

export const REVIEW_WORKBOOK_NOTICE =
  'This workbook is a copy for reading. It is not signed and is not checked: an edit to it goes unnoticed, and EGov Desk cannot open it. The signed review is the JSON file exported with it (format egov-desk/review); send and keep that file.';

interface Located {
  readonly question: Question;
  readonly section: Section;
  /** Position in the questionnaire, for ordering the notes as the questions are asked. */
  readonly order: number;
}

/** Every question of the definition by id, sub-questions of groups included. */
function locateQuestions(definition: QuestionnaireDefinition): Map<string, Located> {
  const located = new Map<string, Located>();
  for (const section of definition.sections) {
    for (const question of section.questions) {
      located.set(question.id, { question, section, order: located.size });
      if (question.type === 'group') for (const sub of question.questions) located.set(sub.id, { question: sub, section, order: located.size });
    }
  }
  return located;
}

const get = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

function queriesSheet(review: ReviewDocument, submission: SubmissionDocument, definition: QuestionnaireDefinition): SheetModel {
  const defaultLanguage = definition.languages[0] ?? 'en';
  const located = locateQuestions(definition);
  // Questionnaire order; notes on questions the definition lacks come last, by id.
  const notes = [...review.notes].sort((a, b) => {
    const x = located.get(a.questionId)?.order ?? Number.MAX_SAFE_INTEGER;
    const y = located.get(b.questionId)?.order ?? Number.MAX_SAFE_INTEGER;
    return x !== y ? x - y : a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0;
  });
  const rows: RowModel[] = [{ cells: [...QUERY_COLUMNS], style: 'header' }];
  for (const note of notes) {
    const where = located.get(note.questionId);
    const sectionText = where ? cellSafeText(english(where.section.title, defaultLanguage)) : '';
    const questionPieces = splitText(where ? cellSafeText(english(where.question.label, defaultLanguage)) : '(not in the questionnaire definition)');
    const answerPieces = splitText(formatAnswer(get(submission.answers, note.questionId), where?.question, defaultLanguage));
    const commentPieces = splitText(cellSafeText(note.comment ?? ''));
    // A long answer continues in the rows below; each row repeats the question id, so sorting or
    // filtering in Excel never separates a piece from its question.
    const count = Math.max(1, questionPieces.length, answerPieces.length, commentPieces.length);
    for (let i = 0; i < count; i += 1) {
      rows.push({
        cells: [
          note.questionId,
          i === 0 ? sectionText : '',
          questionPieces[i] ?? '',
          answerPieces[i] ?? '',
          i === 0 ? STATUS_TEXT[note.status] : '',
          commentPieces[i] ?? '',
        ],
        style: 'body',
        questionId: note.questionId,
      });
    }
  }
  return { name: QUERIES_SHEET, widths: QUERY_WIDTHS, frozenRows: 1, rows };
}

function coverSheet(review: ReviewDocument, submission: SubmissionDocument): SheetModel {
  const rows: RowModel[] = [];
  const heading = (text: string) => rows.push({ cells: [text], style: 'heading' });
  const field = (label: string, value: string) => {
    splitText(cellSafeText(value)).forEach((piece, i) => rows.push({ cells: [i === 0 ? label : '', piece], style: 'label', label }));
  };
  const blank = () => rows.push({ cells: [], style: 'body' });
  const { reviewer: r, submission: s } = review;
  const queries = review.notes.filter((note) => note.status === 'query').length;

  rows.push({ cells: ['EGov Desk review'], style: 'title' });
  blank();
  rows.push({ cells: ['Note', REVIEW_WORKBOOK_NOTICE], style: 'label', label: 'Note' });
  blank();
  heading('Review');
  field('Review id', review.reviewId);
  field('Created (UTC)', review.createdAt);
  field('Queries', String(queries));
  field('Accepted', String(review.notes.length - queries));
  blank();
  heading('Reviewer');
  field('Name', r.name);
  field('Organisation', r.organisation);
  field('E-mail', r.email);
  field('Key id', r.keyId);
  field('Key id, read aloud', formatKeyIdForReading(r.keyId));
  blank();
  heading('Submission reviewed');
  field('Submission id', s.submissionId);
  field('Content hash', s.contentHash);
  field('Questionnaire', `${submission.questionnaire.title} (${s.questionnaire.id} ${s.questionnaire.version})`);
  field(submission.respondent.kind === 'city' ? 'City' : 'Country', s.respondent.place);
  field('Organisation', s.respondent.organisation);
  field('Signed by key id', s.signerKeyId);
  blank();
  heading('General comment');
  field('Comment', review.generalComment ?? '(none)');
  return { name: REVIEW_COVER_SHEET, widths: [24, 100], frozenRows: 0, rows };
}

/** The visible review workbook as plain data (what `renderReviewWorkbook` writes). */
export function reviewWorkbookModel(review: ReviewDocument, submission: SubmissionDocument, definition: QuestionnaireDefinition): WorkbookModel {
  return { sheets: [coverSheet(review, submission), queriesSheet(review, submission, definition)] };
}

/**
 * The .xlsx file of a review. `submission` must be the one the review is bound to (same id and
 * content hash) and `definition` the questionnaire it answers; otherwise the sheet would show
 * comments next to answers they were not written about, so it throws an `AppError` instead.
 */
export async function renderReviewWorkbook(review: ReviewDocument, submission: SubmissionDocument, definition: QuestionnaireDefinition): Promise<Uint8Array> {
  const binding = await bindReviewToSubmission(review, submission);
  if (!binding.bound) throw new AppError('INVALID_PAYLOAD', `The review is not about this submission (${binding.reason}).`);
  if (!definitionMatches(definition, submission)) {
    throw new AppError(
      'INVALID_PAYLOAD',
      `The submission answers questionnaire ${submission.questionnaire.id} ${submission.questionnaire.version}, not ${definition.id} ${definition.version}.`,
    );
  }
  return writeXlsx(reviewWorkbookModel(review, submission, definition), [], new Date(review.createdAt));
}
