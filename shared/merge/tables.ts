import { localize } from '../questionnaire/localize';
import type { AnswerValue, GroupRow, ScalarAnswer } from '../schemas/answers';
import { isAnswered, isGroupRows } from '../schemas/answers';
import type { EvidenceItem } from '../schemas/evidence';
import type { Question, QuestionnaireDefinition, ScalarQuestion } from '../schemas/questionnaire';
import { scoreIfPossible } from '../scoring/score';
import type { ScoreSummary } from '../scoring/summary';
import { scoreSummaryOf } from '../scoring/summary';
import { naturalCompare } from './merge';
import type { ClassifiedFile, Contribution, FileStanding, MergedAnswer, MergedRespondent, MergeResult } from './model';

/**
 * The consolidated dataset as plain tables, the one source of the CSV files and the workbook's
 * sheets (shapes documented for analysts in shared/merge/README.md). Pure: the same merge result
 * always gives the same tables, so the CSV, the workbook and the app's preview never disagree.
 */

export type TableCell = string | number | null;

export interface Table {
  /** The sheet name in the workbook (`Wide`, `Wide 2`, `Long`, …). */
  readonly name: string;
  /** One line saying what the table holds (the workbook's About sheet lists them). */
  readonly title: string;
  /** Column ids: the CSV's only header row, and what R or pandas name the columns. */
  readonly columns: readonly string[];
  /**
   * The workbook's first header row when it differs from `columns`: a wide sheet adds each
   * question's indicator codes (`A.1 [OSI #342]`), which would make awkward names in R or pandas.
   */
  readonly headers?: readonly string[];
  /** A second header row of human labels (wide sheets: the question labels). */
  readonly labels?: readonly string[];
  readonly rows: readonly (readonly TableCell[])[];
  /** The CSV file name when it is not the lower-cased `name` and `.csv` (wide tables name their questionnaire). */
  readonly csvName?: string;
}

export interface ConsolidatedTables {
  /** One wide table per questionnaire id and version present, sorted by id then version. */
  readonly wide: readonly Table[];
  readonly long: Table;
  readonly files: Table;
  readonly conflicts: Table;
  readonly codebook: Table;
  /**
   * One row per respondent of a scored instrument (OSI, LOSI): the indicative self-assessment
   * scores of the merged answers. Absent when no respondent's questionnaire has a scoring method.
   */
  readonly scores?: Table;
}

export const WIDE_LEADING_COLUMNS = ['respondent', 'questionnaire', 'version', 'kind', 'place', 'organisations', 'contributions', 'open_conflicts'] as const;
const WIDE_LEADING_LABELS = ['Respondent key', 'Questionnaire', 'Version', 'Respondent kind', 'Place', 'Organisations', 'Contributions', 'Open conflicts'];

export const LONG_COLUMNS = [
  'respondent',
  'questionnaire',
  'version',
  'place',
  'question',
  'indicators',
  'row',
  'sub_question',
  'value',
  'status',
  'evidence_urls',
  'source_files',
  'signers',
  'signed',
  'verification',
  'resolution_reason',
] as const;

export const FILES_COLUMNS = [
  'file',
  'format',
  'file_hash',
  'verification',
  'trusted',
  'reason',
  'standing',
  'standing_detail',
  'needs_decision',
  'submission_id',
  'respondent',
  'questionnaire',
  'version',
  'place',
  'organisation',
  'signer',
  'signer_email',
  'signer_key_id',
  'signed',
] as const;

export const CONFLICTS_COLUMNS = ['respondent', 'place', 'question', 'status', 'candidates', 'chosen_value', 'resolution', 'reason', 'decided_by', 'decided_at'] as const;

export const CODEBOOK_COLUMNS = ['questionnaire', 'version', 'column', 'question', 'indicators', 'label', 'type', 'option_value', 'option_label', 'group_sub_question'] as const;

export const SCORES_LEADING_COLUMNS = ['respondent', 'questionnaire', 'version', 'place', 'index', 'level'] as const;
/** After the per-criterion columns (`<criterion>_share`, then `<criterion>_met` and `<criterion>_total`). */
export const SCORES_TRAILING_COLUMNS = ['indicators_met', 'indicators_total', 'yes_without_evidence', 'not_met', 'unanswered', 'open_conflicts', 'indicative', 'method', 'method_provenance'] as const;

/** Multiple choice answers in one text cell (long table, conflicts): option values joined by this. */
export const LIST_SEPARATOR = ';';

// ---------------------------------------------------------------------------------------------
// Values as cells and text

/** A scalar answer as a cell: numbers stay numbers, a list of options is joined, an empty one is no value. */
function scalarCell(value: ScalarAnswer): TableCell {
  if (typeof value === 'string' || typeof value === 'number') return value;
  return value.length === 0 ? null : value.join(LIST_SEPARATOR);
}

const answeredRows = (rows: readonly GroupRow[]): GroupRow[] => rows.filter((row) => Object.values(row.answers).some((cell) => isAnswered(cell)));

/** Group rows in one cell, for reading rather than analysis: `sub: value; sub: value | next row`. */
function groupRowsText(rows: readonly GroupRow[]): string {
  return answeredRows(rows)
    .map((row) =>
      Object.entries(row.answers)
        .filter(([, cell]) => isAnswered(cell))
        .map(([id, cell]) => `${id}: ${String(scalarCell(cell))}`)
        .join('; '),
    )
    .join(' | ');
}

/** Any answer as one cell, for places that show a whole value at once (conflicts, odd values). */
export function answerCell(value: AnswerValue | null): TableCell {
  if (value === null) return null;
  if (isGroupRows(value)) return groupRowsText(value);
  return scalarCell(value);
}

function answerText(value: AnswerValue | null): string {
  const cell = answerCell(value);
  return cell === null ? '' : String(cell);
}

const isStringList = (value: AnswerValue): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

const joinOrNull = (items: readonly string[], separator: string): string | null => (items.length === 0 ? null : items.join(separator));

// ---------------------------------------------------------------------------------------------
// Questionnaires present and their questions

interface QuestionnaireGroup {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly definition: QuestionnaireDefinition | undefined;
  readonly respondents: readonly MergedRespondent[];
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function questionnaireGroups(result: MergeResult, definitions: readonly QuestionnaireDefinition[]): QuestionnaireGroup[] {
  const groups = new Map<string, { id: string; version: string; title: string; respondents: MergedRespondent[] }>();
  for (const respondent of result.respondents) {
    const { id, version, title } = respondent.questionnaire;
    const key = `${id}@${version}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { id, version, title, respondents: [] };
      groups.set(key, group);
    }
    group.respondents.push(respondent);
  }
  return [...groups.values()]
    .sort((a, b) => (a.id === b.id ? compareVersions(a.version, b.version) : a.id < b.id ? -1 : 1))
    .map((group) => ({ ...group, definition: definitions.find((d) => d.id === group.id && d.version === group.version) }));
}

/** How a question spreads over wide columns. */
type QuestionShape = 'scalar' | 'choice' | 'group';

interface Option {
  readonly value: string;
  readonly label: string;
}

interface QuestionPlan {
  readonly id: string;
  readonly question: Question | undefined;
  readonly shape: QuestionShape;
  readonly label: string;
  readonly indicators: readonly string[];
  /** Choice questions: the definition's options, then any other value found in the answers (sorted). */
  readonly options: readonly Option[];
  /**
   * A choice or group question that some respondent answered with a value of another shape (text
   * for a multiple choice, say): that value gets a column of its own, named by the bare question id,
   * so it is not lost.
   */
  readonly oddValues: boolean;
  /** Group questions: sub-questions in definition order, then any other found in the rows (sorted). */
  readonly subQuestions: readonly SubQuestionPlan[];
}

interface SubQuestionPlan {
  readonly id: string;
  readonly question: ScalarQuestion | undefined;
  readonly label: string;
  readonly indicators: readonly string[];
}

class Labeller {
  private readonly language: string;
  private readonly fallback: string;
  constructor(definition: QuestionnaireDefinition | undefined, language: string | undefined) {
    this.fallback = definition?.languages[0] ?? 'en';
    this.language = language ?? this.fallback;
  }
  text(text: Question['label']): string {
    return localize(text, this.language, this.fallback);
  }
}

function topLevelQuestions(definition: QuestionnaireDefinition | undefined): Question[] {
  return definition?.sections.flatMap((section) => section.questions) ?? [];
}

/** Ids found in answers but not in the definition, in the merge's natural order ("A.2" before "A.10"). */
const sortedNew = (found: Iterable<string>, known: ReadonlySet<string>): string[] =>
  [...new Set(found)].filter((id) => !known.has(id)).sort(naturalCompare);

function shapeOf(question: Question | undefined, values: readonly AnswerValue[]): QuestionShape {
  if (question !== undefined) return question.type === 'multipleChoice' ? 'choice' : question.type === 'group' ? 'group' : 'scalar';
  if (values.some((value) => isGroupRows(value))) return 'group';
  if (values.some((value) => isStringList(value) && value.length > 0)) return 'choice';
  return 'scalar';
}

function fitsShape(value: AnswerValue, shape: QuestionShape): boolean {
  if (shape === 'choice') return isStringList(value);
  if (shape === 'group') return isGroupRows(value) || (Array.isArray(value) && value.length === 0);
  return true;
}

function planQuestion(id: string, question: Question | undefined, values: readonly AnswerValue[], labeller: Labeller): QuestionPlan {
  const shape = shapeOf(question, values);
  const label = question === undefined ? id : labeller.text(question.label);
  const indicators = question?.indicators ?? [];

  const defined: Option[] = question?.type === 'multipleChoice' ? question.options.map((o) => ({ value: o.value, label: labeller.text(o.label) })) : [];
  const found = shape === 'choice' ? values.filter(isStringList).flat() : [];
  const options = [...defined, ...sortedNew(found, new Set(defined.map((o) => o.value))).map((value) => ({ value, label: value }))];

  const definedSubs: SubQuestionPlan[] =
    question?.type === 'group' ? question.questions.map((sub) => ({ id: sub.id, question: sub, label: labeller.text(sub.label), indicators: sub.indicators })) : [];
  // Rows given for a question of another shape still have their cells listed: nothing is dropped.
  const foundSubs = values.filter(isGroupRows).flatMap((rows) => rows.flatMap((row) => Object.keys(row.answers)));
  const subQuestions = [
    ...definedSubs,
    ...sortedNew(foundSubs, new Set(definedSubs.map((s) => s.id))).map((sub) => ({ id: sub, question: undefined, label: sub, indicators: [] })),
  ];

  const oddValues = shape !== 'scalar' && values.some((value) => !fitsShape(value, shape));
  return { id, question, shape, label, indicators, options, oddValues, subQuestions };
}

interface QuestionnairePlan {
  readonly group: QuestionnaireGroup;
  readonly questions: readonly QuestionPlan[];
  /** Each respondent's merged answers by question id, in the group's respondent order. */
  readonly answers: readonly ReadonlyMap<string, MergedAnswer>[];
}

function planQuestionnaire(group: QuestionnaireGroup, language: string | undefined): QuestionnairePlan {
  const labeller = new Labeller(group.definition, language);
  const answers = group.respondents.map((respondent) => new Map(respondent.answers.map((answer) => [answer.questionId, answer])));
  const values = new Map<string, AnswerValue[]>();
  for (const byQuestion of answers) {
    for (const [id, answer] of byQuestion) {
      const list = values.get(id) ?? [];
      // Candidates count too: a conflict's values are still the question's shape.
      for (const value of [answer.value, ...answer.candidates.map((c) => c.value)]) if (value !== null) list.push(value);
      values.set(id, list);
    }
  }
  const defined = topLevelQuestions(group.definition);
  const definedIds = new Set(defined.map((q) => q.id));
  const questions = [
    ...defined.map((q) => planQuestion(q.id, q, values.get(q.id) ?? [], labeller)),
    ...sortedNew(values.keys(), definedIds).map((id) => planQuestion(id, undefined, values.get(id) ?? [], labeller)),
  ];
  return { group, questions, answers };
}

// ---------------------------------------------------------------------------------------------
// Wide

interface WideColumn {
  readonly id: string;
  readonly header: string;
  readonly label: string;
  readonly cell: (answer: MergedAnswer | undefined) => TableCell;
}

const valueOf = (answer: MergedAnswer | undefined): AnswerValue | null => (answer === undefined || answer.status === 'conflict' ? null : answer.value);

function withIndicators(column: string, indicators: readonly string[]): string {
  return indicators.length === 0 ? column : `${column} [${indicators.join('; ')}]`;
}

function wideColumns(plan: QuestionPlan): WideColumn[] {
  const header = (column: string): string => withIndicators(column, plan.indicators);
  const bare: WideColumn = {
    id: plan.id,
    header: header(plan.id),
    label: plan.label,
    cell: (answer) => {
      const value = valueOf(answer);
      if (value === null) return null;
      return plan.shape === 'scalar' || !fitsShape(value, plan.shape) ? answerCell(value) : null;
    },
  };
  if (plan.shape === 'scalar') return [bare];
  const odd = plan.oddValues ? [bare] : [];
  if (plan.shape === 'group') {
    const id = `${plan.id}[rows]`;
    return [
      ...odd,
      {
        id,
        header: header(id),
        label: `${plan.label} — number of rows`,
        cell: (answer) => {
          const value = valueOf(answer);
          if (value === null || !isGroupRows(value)) return null;
          const count = answeredRows(value).length;
          return count === 0 ? null : count;
        },
      },
    ];
  }
  return [
    ...odd,
    ...plan.options.map((option): WideColumn => {
      const id = `${plan.id}[${option.value}]`;
      return {
        id,
        header: header(id),
        label: `${plan.label} — ${option.label}`,
        cell: (answer) => {
          const value = valueOf(answer);
          // 1 chosen, 0 answered without it, empty when the question has no answer at all.
          if (value === null || !isStringList(value) || value.length === 0) return null;
          return value.includes(option.value) ? 1 : 0;
        },
      };
    }),
  ];
}

function organisationsOf(respondent: MergedRespondent): string {
  return [...new Set(respondent.contributions.map((c) => c.organisation))].join('; ');
}

const openConflictsOf = (respondent: MergedRespondent): number => respondent.answers.filter((a) => a.status === 'conflict').length;

function wideTable(plan: QuestionnairePlan, name: string): Table {
  const { group } = plan;
  const columns = plan.questions.flatMap(wideColumns);
  const rows = group.respondents.map((respondent, r) => {
    const answers = plan.answers[r] ?? new Map<string, MergedAnswer>();
    const leading: TableCell[] = [
      respondent.key,
      respondent.questionnaire.id,
      respondent.questionnaire.version,
      respondent.kind,
      respondent.place,
      organisationsOf(respondent),
      respondent.contributions.length,
      openConflictsOf(respondent),
    ];
    return [...leading, ...columns.map((column) => column.cell(answers.get(questionIdOf(column.id))))];
  });
  const ids = [...WIDE_LEADING_COLUMNS, ...columns.map((c) => c.id)];
  const headers = [...WIDE_LEADING_COLUMNS, ...columns.map((c) => c.header)];
  const differs = headers.some((header, i) => header !== ids[i]);
  return {
    name,
    title: `Wide: one row per respondent of ${group.title} (${group.id} ${group.version}), one column per question`,
    columns: ids,
    ...(differs ? { headers } : {}),
    labels: [...WIDE_LEADING_LABELS, ...columns.map((c) => c.label)],
    rows,
    csvName: `wide-${group.id}-${group.version}.csv`,
  };
}

/** `B.1[web]` and `C.1[rows]` belong to B.1 and C.1; question ids never contain `[`. */
function questionIdOf(column: string): string {
  const bracket = column.indexOf('[');
  return bracket === -1 ? column : column.slice(0, bracket);
}

// ---------------------------------------------------------------------------------------------
// Long

function verificationText(contribution: Contribution): string {
  switch (contribution.verification) {
    case 'valid':
      return contribution.trusted ? 'valid, trusted' : 'valid';
    case 'signatureInvalid':
      return 'signature invalid (included)';
    case 'changed':
      return 'changed after signing (included)';
  }
}

const signerText = (contribution: Contribution): string => `${contribution.signer.name} (${contribution.signer.organisation})`;

/** The provenance cells of an answer: one entry per source contribution, in the same order in every column. */
function provenanceCells(respondent: MergedRespondent, answer: MergedAnswer): TableCell[] {
  const sources = answer.sources.map((i) => respondent.contributions[i]).filter((c): c is Contribution => c !== undefined);
  return [
    joinOrNull(sources.map((c) => c.fileName), '; '),
    joinOrNull(sources.map(signerText), '; '),
    joinOrNull(sources.map((c) => c.signed), '; '),
    joinOrNull(sources.map(verificationText), '; '),
  ];
}

/** Every merged answer of a questionnaire's respondents, in respondent then question order. */
function forEachAnswer(plan: QuestionnairePlan, visit: (respondent: MergedRespondent, question: QuestionPlan, answer: MergedAnswer) => void): void {
  plan.group.respondents.forEach((respondent, r) => {
    const answers = plan.answers[r];
    if (answers === undefined) return;
    for (const question of plan.questions) {
      const answer = answers.get(question.id);
      if (answer !== undefined) visit(respondent, question, answer);
    }
  });
}

function longRows(plan: QuestionnairePlan): TableCell[][] {
  const out: TableCell[][] = [];
  forEachAnswer(plan, (respondent, question, answer) => {
    const head: TableCell[] = [respondent.key, respondent.questionnaire.id, respondent.questionnaire.version, respondent.place, question.id];
    // Evidence urls never contain spaces once normalised, so a space separates them unambiguously.
    const tail: TableCell[] = [
      answer.status,
      joinOrNull(answer.evidence.map((e) => e.url), ' '),
      ...provenanceCells(respondent, answer),
      answer.resolution?.reason ?? null,
    ];
    const rows = answer.value !== null && isGroupRows(answer.value) ? answeredRows(answer.value) : [];
    if (rows.length === 0) {
      const value = answer.value === null || isGroupRows(answer.value) ? null : scalarCell(answer.value);
      out.push([...head, joinOrNull(question.indicators, '; '), null, null, value, ...tail]);
      return;
    }
    rows.forEach((row, index) => {
      for (const sub of question.subQuestions) {
        // Own cells only: a sub-question id such as `constructor` must not find Object's function.
        const cell = Object.hasOwn(row.answers, sub.id) ? row.answers[sub.id] : undefined;
        if (cell === undefined || !isAnswered(cell)) continue;
        const indicators = [...new Set([...question.indicators, ...sub.indicators])];
        out.push([...head, joinOrNull(indicators, '; '), index + 1, sub.id, scalarCell(cell), ...tail]);
      }
    });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Files

const PROBLEM_TEXT: Readonly<Record<string, string>> = {
  keyIdMismatch: 'the key id does not match the public key in the signature',
  signerKeyMismatch: "the key that signed is not the signer's key",
  malformed: 'the signature block is malformed',
  badSignature: 'the signature does not match the content',
};

const CHANGES_LISTED = 10;

/** Why a file is not plainly valid, in one line (null for a valid file). */
export function fileReason(file: ClassifiedFile): string | null {
  const report = file.file.report;
  switch (report.status) {
    case 'valid':
      return null;
    case 'unreadable':
      return report.reason;
    case 'signatureInvalid':
      return PROBLEM_TEXT[report.problem] ?? report.problem;
    case 'changed': {
      const listed = report.changes.slice(0, CHANGES_LISTED).map((change) => change.where);
      const more = report.changes.length - listed.length;
      return `changed after signing: ${listed.join(', ')}${more > 0 ? ` and ${String(more)} more` : ''}`;
    }
  }
}

const STANDING_TEXT: Readonly<Record<FileStanding['kind'], string>> = {
  merged: 'merged',
  duplicate: 'duplicate',
  superseded: 'superseded',
  keptOut: 'kept out',
  includedDespiteProblem: 'included despite problem',
  excluded: 'excluded',
  unreadable: 'unreadable',
};

/** The standing as a word, and what it refers to (the other file, or the coordinator's reason). */
export function standingText(standing: FileStanding, nameOf: (index: number) => string): { text: string; detail: string | null } {
  const text = STANDING_TEXT[standing.kind];
  switch (standing.kind) {
    case 'duplicate':
      return { text, detail: `duplicate of ${nameOf(standing.of)}` };
    case 'superseded':
      return { text, detail: `superseded by ${nameOf(standing.by)}` };
    case 'includedDespiteProblem':
    case 'excluded':
      return { text, detail: standing.reason };
    default:
      return { text, detail: null };
  }
}

/** Every file's name by intake index, for "duplicate of" and "superseded by". */
export function fileNamer(files: readonly ClassifiedFile[]): (index: number) => string {
  const names = new Map(files.map((f) => [f.file.index, f.file.name]));
  return (index) => names.get(index) ?? `file ${String(index + 1)}`;
}

function filesTable(result: MergeResult): Table {
  const nameOf = fileNamer(result.files);
  const rows = result.files.map((classified): TableCell[] => {
    const { file } = classified;
    const report = file.report;
    const document = report.status === 'unreadable' ? undefined : report.document;
    const standing = standingText(classified.standing, nameOf);
    return [
      file.name,
      file.format,
      file.fileHash,
      report.status,
      report.status === 'valid' ? (report.trusted ? 'yes' : 'no') : null,
      fileReason(classified),
      standing.text,
      standing.detail,
      classified.needsDecision ? 'yes' : 'no',
      document?.submissionId ?? null,
      classified.respondentKey ?? null,
      document?.questionnaire.id ?? null,
      document?.questionnaire.version ?? null,
      document?.respondent.place ?? null,
      document?.respondent.organisation ?? null,
      document?.signer.name ?? null,
      document?.signer.email ?? null,
      document?.signer.keyId ?? null,
      document?.timestamps.signed ?? null,
    ];
  });
  return { name: 'Files', title: 'Files: every file given, its verification and what happened to it in the merge', columns: FILES_COLUMNS, rows };
}

// ---------------------------------------------------------------------------------------------
// Conflicts

function conflictRows(plan: QuestionnairePlan): TableCell[][] {
  const out: TableCell[][] = [];
  forEachAnswer(plan, (respondent, question, answer) => {
    if (answer.status !== 'conflict' && answer.status !== 'resolved') return;
    const candidates = answer.candidates.map((candidate) => {
      const authors = candidate.contributions
        .map((i) => respondent.contributions[i])
        .filter((c): c is Contribution => c !== undefined)
        .map((c) => `${signerText(c)}, ${c.fileName}`);
      return `${answerText(candidate.value)} — ${authors.join('; ')}`;
    });
    const resolution = answer.status === 'resolved' ? answer.resolution : undefined;
    out.push([
      respondent.key,
      respondent.place,
      question.id,
      answer.status === 'conflict' ? 'open' : 'resolved',
      candidates.join('\n'),
      resolution === undefined ? null : answerCell(answer.value),
      resolution?.choice.kind ?? null,
      resolution?.reason ?? null,
      resolution?.decidedBy ?? null,
      resolution?.decidedAt ?? null,
    ]);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Codebook

const YES_NO: readonly Option[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];
const YES_NO_NA: readonly Option[] = [...YES_NO, { value: 'na', label: 'Not applicable' }];

/** The fixed values a scalar question's answers take, with their labels (none for free answers). */
function valueOptions(question: ScalarQuestion | Question | undefined, labeller: Labeller): readonly Option[] {
  if (question === undefined) return [];
  switch (question.type) {
    case 'yesNo':
      return YES_NO;
    case 'yesNoNa':
      return YES_NO_NA;
    case 'singleChoice':
    case 'multipleChoice':
      return question.options.map((o) => ({ value: o.value, label: labeller.text(o.label) }));
    default:
      return [];
  }
}

function typeOf(plan: QuestionPlan): string {
  if (plan.question !== undefined) return plan.question.type;
  return plan.shape === 'choice' ? 'multipleChoice' : plan.shape === 'group' ? 'group' : 'unknown';
}

function codebookRows(plan: QuestionnairePlan, language: string | undefined): TableCell[][] {
  const { id: questionnaire, version } = plan.group;
  const labeller = new Labeller(plan.group.definition, language);
  const out: TableCell[][] = [];
  const row = (column: string | null, question: QuestionPlan, type: string, option: Option | null, sub: SubQuestionPlan | null): void => {
    const indicators = sub === null ? question.indicators : [...new Set([...question.indicators, ...sub.indicators])];
    out.push([questionnaire, version, column, question.id, joinOrNull(indicators, '; '), sub?.label ?? question.label, type, option?.value ?? null, option?.label ?? null, sub?.id ?? null]);
  };
  for (const question of plan.questions) {
    const type = typeOf(question);
    if (question.shape === 'scalar') {
      const options = valueOptions(question.question, labeller);
      if (options.length === 0) row(question.id, question, type, null, null);
      for (const option of options) row(question.id, question, type, option, null);
      continue;
    }
    if (question.oddValues) row(question.id, question, type, null, null);
    if (question.shape === 'choice') {
      for (const option of question.options) row(`${question.id}[${option.value}]`, question, type, option, null);
      continue;
    }
    row(`${question.id}[rows]`, question, type, null, null);
    // Sub-questions live in the long table only (its `sub_question` column), so they name no wide column.
    for (const sub of question.subQuestions) {
      const subType = sub.question?.type ?? 'unknown';
      const options = valueOptions(sub.question, labeller);
      if (options.length === 0) row(null, question, subType, null, sub);
      for (const option of options) row(null, question, subType, option, sub);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scores

const definitionOf = (respondent: MergedRespondent, definitions: readonly QuestionnaireDefinition[]): QuestionnaireDefinition | undefined =>
  definitions.find((d) => d.id === respondent.questionnaire.id && d.version === respondent.questionnaire.version);

/**
 * The indicative score summary of a respondent's merged answers, when its questionnaire's
 * definition is given and has a scoring method (OSI, LOSI); undefined otherwise.
 *
 * Scored from the merged values and their evidence, not from any contribution's own signed
 * summary: the merge is what the coordinator publishes. An open conflict has no value yet, so its
 * indicator counts as unanswered until the coordinator decides (the README says so); evidence given
 * without an answer changes nothing, since only a yes can be met.
 */
export function respondentScores(respondent: MergedRespondent, definitions: readonly QuestionnaireDefinition[]): ScoreSummary | undefined {
  const definition = definitionOf(respondent, definitions);
  if (definition === undefined) return undefined;
  const answers = new Map<string, AnswerValue>();
  const evidence = new Map<string, readonly EvidenceItem[]>();
  for (const answer of respondent.answers) {
    if (answer.status !== 'conflict' && answer.value !== null) answers.set(answer.questionId, answer.value);
    if (answer.evidence.length > 0) evidence.set(answer.questionId, answer.evidence);
  }
  const result = scoreIfPossible(definition, answers, evidence);
  return result === undefined ? undefined : scoreSummaryOf(result);
}

function scoresTable(result: MergeResult, definitions: readonly QuestionnaireDefinition[]): Table | undefined {
  // Respondents in the wide tables' order: by questionnaire id and version, then merge order.
  const scored = questionnaireGroups(result, definitions).flatMap((group) =>
    group.respondents.flatMap((respondent) => {
      const summary = respondentScores(respondent, definitions);
      return summary === undefined ? [] : [{ respondent, summary }];
    }),
  );
  if (scored.length === 0) return undefined;
  // Criteria in the order first met (section order): with LOSI and OSI merged, the union of both.
  const criteria = [...new Set(scored.flatMap(({ summary }) => summary.criteria.map((c) => c.criterion)))];
  const rows = scored.map(({ respondent, summary }): TableCell[] => {
    const byCriterion = new Map(summary.criteria.map((c) => [c.criterion, c]));
    const { totals } = summary;
    return [
      respondent.key,
      respondent.questionnaire.id,
      respondent.questionnaire.version,
      respondent.place,
      summary.index,
      summary.level,
      ...criteria.map((criterion) => byCriterion.get(criterion)?.share ?? null),
      ...criteria.flatMap((criterion) => {
        const c = byCriterion.get(criterion);
        return c === undefined ? [null, null] : [c.met, c.total];
      }),
      totals.met,
      totals.indicators,
      totals.yesWithoutEvidence,
      totals.notMet,
      totals.unanswered,
      openConflictsOf(respondent),
      // Every summary is indicative (a self-assessment is never the official index); the column
      // says so in the data itself, so a chart made from the CSV carries it along.
      'yes',
      summary.method,
      // Which parts of the method are official and which reconstructed, in the data itself.
      Object.entries(summary.provenance).map(([part, provenance]) => `${part} ${provenance}`).join('; '),
    ];
  });
  return {
    name: 'Scores',
    title: 'Scores: one row per respondent of a scored instrument (OSI, LOSI), the indicative self-assessment index, level and share of indicators met per criterion, from the merged answers',
    columns: [
      ...SCORES_LEADING_COLUMNS,
      ...criteria.map((criterion) => `${criterion}_share`),
      ...criteria.flatMap((criterion) => [`${criterion}_met`, `${criterion}_total`]),
      ...SCORES_TRAILING_COLUMNS,
    ],
    rows,
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * The consolidated tables of a merge. `definitions` supply labels, indicator codes, question order
 * and the options of multiple choice questions, and make the scores of OSI and LOSI respondents; a
 * questionnaire without its definition still gets every answer, with ids standing in for labels
 * (but no scores). `language` picks the labels (default: each
 * definition's first language).
 */
export function consolidatedTables(result: MergeResult, definitions: readonly QuestionnaireDefinition[], language?: string): ConsolidatedTables {
  const plans = questionnaireGroups(result, definitions).map((group) => planQuestionnaire(group, language));
  const wide = plans.map((plan, i) => wideTable(plan, plans.length === 1 ? 'Wide' : `Wide ${String(i + 1)}`));
  const scores = scoresTable(result, definitions);
  return {
    wide,
    long: {
      name: 'Long',
      title: 'Long: one row per respondent and question (and, for repeatable groups, per row and sub-question), with evidence and provenance',
      columns: LONG_COLUMNS,
      rows: plans.flatMap(longRows),
    },
    files: filesTable(result),
    conflicts: {
      name: 'Conflicts',
      title: 'Conflicts: every question where contributions differed, open or resolved, with each value and its author',
      columns: CONFLICTS_COLUMNS,
      rows: plans.flatMap(conflictRows),
    },
    codebook: {
      name: 'Codebook',
      title: 'Codebook: what each wide column and each long question or sub-question means',
      columns: CODEBOOK_COLUMNS,
      rows: plans.flatMap((plan) => codebookRows(plan, language)),
    },
    ...(scores === undefined ? {} : { scores }),
  };
}
