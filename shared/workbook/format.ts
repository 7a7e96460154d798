import { parseExternalUrl } from '../external-url';
import { localize } from '../questionnaire/localize';
import type { AnswerValue, GroupRow, ScalarAnswer } from '../schemas/answers';
import { isGroupRows } from '../schemas/answers';
import type { EvidenceItem, LinkStatus } from '../schemas/evidence';
import type { LocalizedText, Question, ScalarQuestion } from '../schemas/questionnaire';
import type { SubmissionFinding } from '../submission/document';
import type { CellModel } from './model';
import { cellSafeText } from './text';

/**
 * How values read in the workbook. The workbook is in English (the language of the survey's
 * reviewers); questionnaire content is shown in English when the definition has it, else in its
 * default language. Every function here is pure: the verifier calls them again to know what a cell
 * must show.
 */

/** English text of definition content. */
export function english(text: LocalizedText, defaultLanguage: string): string {
  return localize(text, 'en', defaultLanguage);
}

const YES_NO: Readonly<Record<string, string>> = { yes: 'Yes', no: 'No', na: 'Not applicable' };

/** One scalar value; `question` (when known) turns stored codes into the words a person chose. */
function formatScalar(value: ScalarAnswer, question: ScalarQuestion | undefined, defaultLanguage: string): string {
  if (typeof value === 'number') return String(value);
  const label = (code: string): string => {
    if (question === undefined) return code;
    switch (question.type) {
      case 'yesNo':
      case 'yesNoNa':
        return YES_NO[code] ?? code;
      case 'singleChoice':
      case 'multipleChoice': {
        const option = question.options.find((o) => o.value === code);
        return option ? english(option.label, defaultLanguage) : code;
      }
      default:
        return code;
    }
  };
  if (Array.isArray(value)) return value.map(label).join('; ');
  return label(value);
}

/** A group answer: one line per row, "Ministry 2: Name: …; Sector: Health". */
function formatRows(rows: readonly GroupRow[], question: Question | undefined, defaultLanguage: string): string {
  const group = question?.type === 'group' ? question : undefined;
  const rowLabel = group?.rowLabel === undefined ? 'Row' : english(group.rowLabel, defaultLanguage);
  return rows
    .map((row, index) => {
      const known = group?.questions ?? [];
      const parts: string[] = [];
      // Sub-questions in definition order, then anything the definition does not know, by id.
      for (const sub of known) {
        const cell = row.answers[sub.id];
        if (cell !== undefined) parts.push(`${english(sub.label, defaultLanguage)}: ${formatScalar(cell, sub, defaultLanguage)}`);
      }
      for (const [id, cell] of Object.entries(row.answers)) {
        if (!known.some((sub) => sub.id === id)) parts.push(`${id}: ${formatScalar(cell, undefined, defaultLanguage)}`);
      }
      return `${rowLabel} ${String(index + 1)}: ${parts.length > 0 ? parts.join('; ') : '(empty)'}`;
    })
    .join('\n');
}

/** The answer as a person reads it. Not yet split to fit cells (see `splitText`). */
export function formatAnswer(value: AnswerValue | undefined, question: Question | undefined, defaultLanguage: string): string {
  if (value === undefined) return '';
  if (isGroupRows(value)) return cellSafeText(formatRows(value, question, defaultLanguage));
  const scalar = question !== undefined && question.type !== 'group' ? question : undefined;
  return cellSafeText(formatScalar(value, scalar, defaultLanguage));
}

const LINK_STATUS: Readonly<Record<LinkStatus, string>> = {
  ok: 'working',
  redirected: 'working after a redirect',
  broken: 'broken',
  unreachable: 'unreachable',
  timeout: 'no answer in time',
  redirectLoop: 'redirect loop',
  tooManyRedirects: 'too many redirects',
  refusedRedirect: 'redirect refused',
};

/**
 * Only plain http(s) links become clickable: an evidence URL comes from a file that may be hostile,
 * and a spreadsheet would happily open `file:` or custom-scheme links. Anything else is shown as text.
 */
function clickable(url: string): boolean {
  try {
    parseExternalUrl(url);
    return true;
  } catch {
    return false;
  }
}

/** One evidence item: title, address, dates and last check, as one clickable cell. */
export function formatEvidence(item: EvidenceItem): CellModel {
  const lines = [item.title.trim() === '' ? item.url : item.title];
  if (item.title.trim() !== '') lines.push(item.url);
  lines.push(`Accessed ${item.accessed}`);
  if (item.check) {
    const { status, httpStatus, finalUrl, checkedAt } = item.check;
    const http = httpStatus === undefined ? '' : ` (HTTP ${String(httpStatus)})`;
    const final = finalUrl === undefined ? '' : `, ends at ${finalUrl}`;
    lines.push(`Link checked ${new Date(checkedAt).toISOString()}: ${LINK_STATUS[status]}${http}${final}`);
  }
  if (item.note !== undefined && item.note.trim() !== '') lines.push(`Note: ${item.note}`);
  const text = cellSafeText(lines.join('\n'));
  return clickable(item.url) ? { text, url: item.url } : text;
}

const FINDING_TEXT: Readonly<Record<string, string>> = {
  required: 'an answer is required',
  tooFewRows: 'too few rows',
  tooManyRows: 'too many rows',
  evidenceRequired: 'evidence is required',
  evidenceUrlRefused: 'an evidence link is not a plain web address',
  evidenceDuplicate: 'the same evidence link is given twice',
  evidenceLocal: 'an evidence link points to a local or private address',
  linkProblem: 'an evidence link did not work when last checked',
  notANumber: 'the answer is not a number',
  notAWholeNumber: 'the answer is not a whole number',
  belowMin: 'the answer is below the minimum',
  aboveMax: 'the answer is above the maximum',
  tooLong: 'the answer is too long',
  tooShort: 'the answer is too short',
  patternMismatch: 'the answer does not have the expected form',
  notAYear: 'the answer is not a year',
  notADate: 'the answer is not a date',
  notAnEmail: 'the answer is not an e-mail address',
  notAUrl: 'the answer is not a web address',
  notAnOption: 'the answer is not one of the options',
  tooFewSelected: 'too few options are selected',
  tooManySelected: 'too many options are selected',
};

/** Where inside the question a finding is, from its key (`question|where|what`). */
function findingPlace(finding: SubmissionFinding, question: Question | undefined, rows: readonly GroupRow[], evidence: readonly EvidenceItem[], defaultLanguage: string): string {
  const rest = finding.key.startsWith(`${finding.questionId}|`) ? finding.key.slice(finding.questionId.length + 1) : '';
  const where = rest.slice(0, Math.max(0, rest.lastIndexOf('|')));
  if (where.startsWith('row:')) {
    const cut = where.lastIndexOf(':');
    const rowId = where.slice('row:'.length, cut);
    const subId = where.slice(cut + 1);
    const index = rows.findIndex((row) => row.rowId === rowId);
    const sub = question?.type === 'group' ? question.questions.find((q) => q.id === subId) : undefined;
    const subName = sub ? english(sub.label, defaultLanguage) : subId;
    return index >= 0 ? ` (row ${String(index + 1)}, ${subName})` : ` (${subName})`;
  }
  if (where.startsWith('evidence:')) {
    const index = evidence.findIndex((item) => item.id === where.slice('evidence:'.length));
    return index >= 0 ? ` (evidence link ${String(index + 1)})` : ' (evidence)';
  }
  return '';
}

/** The findings of one question, one per line: "Warning (acknowledged): …". */
export function formatFindings(
  findings: readonly SubmissionFinding[],
  question: Question | undefined,
  answer: AnswerValue | undefined,
  evidence: readonly EvidenceItem[],
  defaultLanguage: string,
): string {
  const rows = answer !== undefined && isGroupRows(answer) ? answer : [];
  const lines = findings.map((finding) => {
    const severity = finding.severity === 'error' ? 'Error' : finding.acknowledged ? 'Warning (acknowledged)' : 'Warning';
    const what = finding.code === 'rule' ? (finding.detail ?? 'a rule of the questionnaire is not met') : (FINDING_TEXT[finding.code] ?? finding.code);
    return `${severity}: ${what}${findingPlace(finding, question, rows, evidence, defaultLanguage)}`;
  });
  return cellSafeText(lines.join('\n'));
}
