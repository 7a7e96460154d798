import { checkEvidenceUrl } from '../evidence/evidence-url';
import { evaluateCondition, visibleRowQuestions } from '../engine/relevance';
import type { AnswerLookup } from '../engine/relevance';
import type { Finding } from '../engine/validation/findings';
import { validateResponse } from '../engine/validation/validator';
import { AppError } from '../errors';
import { localize } from '../questionnaire/localize';
import type { AnswerValue, GroupRow } from '../schemas/answers';
import { isGroupRows } from '../schemas/answers';
import type { EvidenceItem } from '../schemas/evidence';
import type { Condition, GroupQuestion, Question, QuestionnaireDefinition, ScalarQuestion } from '../schemas/questionnaire';
import type { SampleProfile } from './profile';
import type { Random } from './random';
import { evidencePage } from './text';
import type { Bounds, ValueContext } from './values';
import { scalarValue } from './values';

/** The sample could not be made valid: a definition whose rules the generator cannot satisfy. */
export class SampleGenerationError extends AppError {
  constructor(definitionId: string, findings: readonly Finding[]) {
    const list = findings.slice(0, 5).map((f) => `${f.questionId} (${f.problem.code})`).join(', ');
    super('INTERNAL', `Could not make a valid sample for "${definitionId}": ${list}${findings.length > 5 ? ', …' : ''}`);
  }
}

export interface DraftResponse {
  readonly answers: Map<string, AnswerValue>;
  readonly evidence: Map<string, EvidenceItem[]>;
  readonly acknowledged: Set<string>;
}

interface Environment {
  readonly definition: QuestionnaireDefinition;
  readonly profile: SampleProfile;
  readonly random: Random;
  readonly surveyYear: number;
  /** ISO dates the response was started and last changed: evidence was looked at in between. */
  readonly started: string;
  readonly today: string;
  readonly bounds: ReadonlyMap<string, Bounds>;
  readonly questions: ReadonlyMap<string, Question>;
}

const MAX_REPAIR_ROUNDS = 10;

/**
 * Answers a definition the way a diligent focal point would: every shown question, in order,
 * deciding visibility as it goes (so a follow-up is answered only when its condition holds), then
 * checks the result with the validation engine and repairs what a rule or policy still finds wrong.
 * Warnings that remain are acknowledged, as the person would in the check panel.
 */
export function draftResponse(
  definition: QuestionnaireDefinition,
  profile: SampleProfile,
  random: Random,
  options: { readonly surveyYear: number; readonly started: string; readonly today: string },
): DraftResponse {
  const questions = new Map<string, Question>();
  for (const section of definition.sections) for (const question of section.questions) questions.set(question.id, question);
  const env: Environment = { definition, profile, random, ...options, bounds: ruleBounds(definition), questions };
  const answers = new Map<string, AnswerValue>();
  const evidence = new Map<string, EvidenceItem[]>();

  fillShownQuestions(env, answers, evidence, 0);
  repair(env, answers, evidence);
  const { visibility, findings } = validateResponse(definition, answers, evidence);
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) throw new SampleGenerationError(definition.id, errors);
  // Hidden answers would stay in the file but never be exported; a clean sample has none.
  for (const id of [...answers.keys()]) if (!visibility.questions.has(id)) answers.delete(id);
  for (const id of [...evidence.keys()]) if (!visibility.questions.has(id)) evidence.delete(id);
  const acknowledged = new Set(validateResponse(definition, answers, evidence).findings.filter((f) => f.severity === 'warning').map((f) => f.key));
  return { answers, evidence, acknowledged };
}

function englishLabel(env: Environment, question: Question | ScalarQuestion): string {
  return localize(question.label, 'en', env.definition.languages[0] ?? 'en').toLowerCase();
}

/** The label of the question a condition refers to first: what a follow-up is about. */
function parentLabel(env: Environment, condition: Condition | undefined): string {
  if (!condition) return '';
  if ('all' in condition) return parentLabel(env, condition.all[0]);
  if ('any' in condition) return parentLabel(env, condition.any[0]);
  if ('not' in condition) return parentLabel(env, condition.not);
  const parent = env.questions.get(condition.question);
  return parent ? englishLabel(env, parent) : '';
}

function valueContext(env: Environment, question: Question | ScalarQuestion, random: Random, extra: Partial<ValueContext> = {}): ValueContext {
  return {
    profile: env.profile,
    random,
    surveyYear: env.surveyYear,
    label: englishLabel(env, question),
    parentLabel: parentLabel(env, question.relevant),
    bounds: env.bounds.get(question.id) ?? {},
    today: env.today,
    ...extra,
  };
}

function answerQuestion(
  env: Environment,
  question: Question,
  answers: Map<string, AnswerValue>,
  evidence: Map<string, EvidenceItem[]>,
  lookup: AnswerLookup,
  attempt = 0,
): void {
  // Each question draws from its own stream, so one changed question never reshuffles the rest.
  const random = env.random.fork(attempt === 0 ? question.id : `${question.id}#${String(attempt)}`);
  const value = question.type === 'group' ? groupRows(env, question, random, lookup) : scalarValue(question, valueContext(env, question, random));
  if (value === undefined) answers.delete(question.id);
  else answers.set(question.id, value);
  const items = evidenceItems(env, question, value, random);
  if (items.length > 0) evidence.set(question.id, items);
  else evidence.delete(question.id);
}

function evidenceItems(env: Environment, question: Question, value: AnswerValue | undefined, random: Random): EvidenceItem[] {
  const wanted =
    question.evidence === 'requiredWhenYes' ? (value === 'yes' ? (random.chance(0.2) ? 2 : 1) : 0)
    : question.evidence === 'required' ? (value === undefined ? 0 : 1)
    : question.evidence === 'optional' ? (value !== undefined && value !== 'no' && random.chance(0.5) ? 1 : 0)
    : 0;
  const context = valueContext(env, question, random);
  return Array.from({ length: wanted }, (_, index) => makeEvidence(env, context, question.id, index));
}

function makeEvidence(env: Environment, context: ValueContext, questionId: string, index: number): EvidenceItem {
  const page = evidencePage(context, index);
  const checked = checkEvidenceUrl(page.url);
  const from = Date.parse(`${env.started}T00:00:00Z`);
  const days = Math.max(0, Math.floor((Date.parse(`${env.today}T00:00:00Z`) - from) / 86_400_000));
  return {
    id: `${questionId.slice(0, 56)}-e${String(index + 1)}`,
    url: checked.ok ? checked.url : page.url,
    title: page.title,
    accessed: new Date(from + context.random.int(0, days) * 86_400_000).toISOString().slice(0, 10),
    // No link-check result: `.example` addresses cannot be checked, and a made-up "ok" would mislead.
  };
}

/** Rows of a repeatable group; each row is about a different option of its first choice, if any. */
function groupRows(env: Environment, question: GroupQuestion, random: Random, outer: AnswerLookup, extraRows = 0): GroupRow[] | undefined {
  const count = Math.min(question.maxRows, Math.max(question.minRows, random.int(2, 4)) + extraRows);
  const themeQuestion = question.questions.find((q) => q.type === 'singleChoice');
  const themes = themeQuestion?.type === 'singleChoice' ? random.shuffle(themeQuestion.options.filter((o) => o.value !== 'other')) : [];
  const rows: GroupRow[] = [];
  for (let index = 0; index < count; index += 1) {
    const option = themes.length > 0 ? themes[index % themes.length] : undefined;
    const rowTheme = option ? { value: option.value, label: localize(option.label, 'en', env.definition.languages[0] ?? 'en') } : undefined;
    rows.push(groupRow(env, question, `row-${String(index + 1)}`, random.fork(`row-${String(index + 1)}`), outer, rowTheme, themeQuestion?.id));
  }
  return rows.length > 0 ? rows : undefined;
}

function groupRow(
  env: Environment,
  question: GroupQuestion,
  rowId: string,
  random: Random,
  outer: AnswerLookup,
  rowTheme: { value: string; label: string } | undefined,
  themeQuestionId: string | undefined,
): GroupRow {
  const row: GroupRow = { rowId, answers: {} };
  for (const sub of question.questions) {
    // Decided cell by cell: a sub-question may depend on an earlier cell of the same row.
    if (!visibleRowQuestions(question.questions, row, outer).has(sub.id)) continue;
    const value = sub.id === themeQuestionId && rowTheme ? rowTheme.value : scalarValue(sub, valueContext(env, sub, random.fork(sub.id), { rowTheme }));
    if (value !== undefined) row.answers[sub.id] = value;
  }
  return row;
}

/**
 * Limits the rules put on single numbers ("A.2.2 ≤ 2024"), so numbers are drawn inside them in
 * the first place. Only what must hold is used: comparisons at the top of a check or under `all`.
 */
export function ruleBounds(definition: QuestionnaireDefinition): Map<string, Bounds> {
  const bounds = new Map<string, Bounds>();
  const visit = (condition: Condition) => {
    if ('all' in condition) {
      condition.all.forEach(visit);
      return;
    }
    if ('any' in condition || 'not' in condition || 'otherQuestion' in condition) return;
    if (condition.op !== 'gt' && condition.op !== 'gte' && condition.op !== 'lt' && condition.op !== 'lte') return;
    const current = bounds.get(condition.question) ?? {};
    const value = condition.value;
    // Strict limits keep a margin of one unit: years and counts are whole, shares have decimals.
    const next =
      condition.op === 'lte' ? { ...current, max: Math.min(current.max ?? Infinity, value) }
      : condition.op === 'lt' ? { ...current, max: Math.min(current.max ?? Infinity, value - 1) }
      : condition.op === 'gte' ? { ...current, min: Math.max(current.min ?? -Infinity, value) }
      : { ...current, min: Math.max(current.min ?? -Infinity, value + 1) };
    bounds.set(condition.question, next);
  };
  for (const rule of definition.rules) visit(rule.check);
  return bounds;
}

/**
 * Walks the definition in order and answers every shown question that has no answer yet, deciding
 * visibility as it goes: a follow-up is answered only once the answer it depends on says so.
 */
function fillShownQuestions(env: Environment, answers: Map<string, AnswerValue>, evidence: Map<string, EvidenceItem[]>, attempt: number): void {
  const visible = new Set<string>();
  const lookup: AnswerLookup = (id) => (visible.has(id) ? answers.get(id) : undefined);
  for (const section of env.definition.sections) {
    if (section.relevant && !evaluateCondition(section.relevant, lookup)) continue;
    for (const question of section.questions) {
      if (question.relevant && !evaluateCondition(question.relevant, lookup)) continue;
      visible.add(question.id);
      if (!answers.has(question.id)) answerQuestion(env, question, answers, evidence, lookup, attempt);
    }
  }
}

/** Fixes what validation still finds wrong, a few rounds at most (a fix may show new questions). */
function repair(env: Environment, answers: Map<string, AnswerValue>, evidence: Map<string, EvidenceItem[]>): void {
  for (let round = 1; round <= MAX_REPAIR_ROUNDS; round += 1) {
    const { visibility, findings } = validateResponse(env.definition, answers, evidence);
    const errors = findings.filter((f) => f.severity === 'error');
    if (errors.length === 0) return;
    const lookup: AnswerLookup = (id) => (visibility.questions.has(id) ? answers.get(id) : undefined);
    for (const finding of errors) fixFinding(env, finding, answers, evidence, lookup, round);
    fillShownQuestions(env, answers, evidence, round);
  }
}

function fixFinding(
  env: Environment,
  finding: Finding,
  answers: Map<string, AnswerValue>,
  evidence: Map<string, EvidenceItem[]>,
  lookup: AnswerLookup,
  round: number,
): void {
  const question = env.questions.get(finding.questionId);
  if (!question) return;
  const random = env.random.fork(`repair#${String(round)}#${finding.key}`);
  switch (finding.problem.code) {
    case 'rule': {
      const ruleId = finding.problem.ruleId;
      const rule = env.definition.rules.find((r) => r.id === ruleId);
      if (rule) satisfy(env, rule.check, answers, lookup, random, true);
      return;
    }
    case 'evidenceRequired':
    case 'evidenceUrlRefused': {
      const context = valueContext(env, question, random);
      evidence.set(question.id, [makeEvidence(env, context, question.id, round)]);
      return;
    }
    case 'tooFewRows':
      if (question.type === 'group') setOrDelete(answers, question.id, groupRows(env, question, random, lookup, question.minRows));
      return;
    default:
      if (finding.place.kind === 'cell' && question.type === 'group') {
        fixCell(env, question, finding.place.rowId, finding.place.subQuestionId, answers, random);
        return;
      }
      answerQuestion(env, question, answers, evidence, lookup, round);
  }
}

function fixCell(env: Environment, question: GroupQuestion, rowId: string, subId: string, answers: Map<string, AnswerValue>, random: Random): void {
  const value = answers.get(question.id);
  const sub = question.questions.find((q) => q.id === subId);
  if (value === undefined || !isGroupRows(value) || !sub) return;
  const rows = value.map((row) => {
    if (row.rowId !== rowId) return row;
    const cell = scalarValue(sub, valueContext(env, sub, random));
    const rest = Object.fromEntries(Object.entries(row.answers).filter(([id]) => id !== subId));
    return { rowId, answers: cell === undefined ? rest : { ...rest, [subId]: cell } };
  });
  answers.set(question.id, rows);
}

function setOrDelete(answers: Map<string, AnswerValue>, id: string, value: AnswerValue | undefined): void {
  if (value === undefined) answers.delete(id);
  else answers.set(id, value);
}

/**
 * Changes answers so that a rule's check holds (or, with `want` false, fails): the smallest
 * change per leaf, such as lowering a year to the limit or giving a missing answer.
 */
function satisfy(env: Environment, condition: Condition, answers: Map<string, AnswerValue>, lookup: AnswerLookup, random: Random, want: boolean): void {
  if ('all' in condition) {
    if (want) for (const c of condition.all) satisfy(env, c, answers, lookup, random, true);
    else if (condition.all[0]) satisfy(env, condition.all[0], answers, lookup, random, false);
    return;
  }
  if ('any' in condition) {
    if (!want) for (const c of condition.any) satisfy(env, c, answers, lookup, random, false);
    else if (condition.any[0]) satisfy(env, condition.any[0], answers, lookup, random, true);
    return;
  }
  if ('not' in condition) {
    satisfy(env, condition.not, answers, lookup, random, !want);
    return;
  }
  if (evaluateCondition(condition, lookup) === want) return;
  const question = env.questions.get(condition.question);
  if (!question || question.type === 'group') return;
  const id = condition.question;
  const current = answers.get(id);
  if ('otherQuestion' in condition) {
    const other = lookup(condition.otherQuestion);
    if (typeof other !== 'number' && typeof other !== 'string') return;
    const op = want ? condition.op : NEGATED[condition.op];
    const step = typeof other === 'number' ? 1 : 0;
    const target = op === 'gt' && typeof other === 'number' ? other + step : op === 'lt' && typeof other === 'number' ? other - step : other;
    if (op === 'notEquals') answers.set(id, otherOptionThan(question, other, random) ?? current ?? other);
    else answers.set(id, target);
    return;
  }
  const op = condition.op;
  const positive = want ? op : NEGATED_LEAF[op];
  switch (positive) {
    case 'answered': {
      const value = scalarValue(question, valueContext(env, question, random));
      if (value !== undefined) answers.set(id, value);
      return;
    }
    case 'notAnswered':
      answers.delete(id);
      return;
    case 'equals':
    case 'in':
      if ('value' in condition) answers.set(id, asAnswer(Array.isArray(condition.value) ? condition.value[0] : condition.value));
      return;
    case 'notEquals':
    case 'notIn': {
      const avoid = 'value' in condition ? (Array.isArray(condition.value) ? condition.value : [condition.value]) : [];
      const next = otherOptionThan(question, avoid, random);
      if (next !== undefined) answers.set(id, next);
      return;
    }
    case 'includes':
      if ('value' in condition && typeof condition.value === 'string') answers.set(id, [...(Array.isArray(current) ? current.filter((v): v is string => typeof v === 'string') : []), condition.value]);
      return;
    case 'excludes':
      if (Array.isArray(current) && 'value' in condition) answers.set(id, current.filter((v) => v !== condition.value) as string[]);
      return;
    case 'lte':
    case 'lt':
    case 'gte':
    case 'gt':
      if ('value' in condition && typeof condition.value === 'number') {
        const margin = question.type === 'decimal' ? 0.1 : 1;
        const v = condition.value;
        answers.set(id, positive === 'lte' ? v : positive === 'lt' ? v - margin : positive === 'gte' ? v : v + margin);
      }
      return;
  }
}

type CrossOp = 'equals' | 'notEquals' | 'gt' | 'gte' | 'lt' | 'lte';
const NEGATED: Readonly<Record<CrossOp, CrossOp>> = { equals: 'notEquals', notEquals: 'equals', gt: 'lte', gte: 'lt', lt: 'gte', lte: 'gt' };
type LeafOp = 'answered' | 'notAnswered' | 'equals' | 'notEquals' | 'in' | 'notIn' | 'includes' | 'gt' | 'gte' | 'lt' | 'lte';
const NEGATED_LEAF: Readonly<Record<LeafOp, LeafOp | 'excludes'>> = {
  answered: 'notAnswered',
  notAnswered: 'answered',
  equals: 'notEquals',
  notEquals: 'equals',
  in: 'notIn',
  notIn: 'in',
  includes: 'excludes',
  gt: 'lte',
  gte: 'lt',
  lt: 'gte',
  lte: 'gt',
};

function asAnswer(value: string | number | boolean | undefined): AnswerValue {
  return typeof value === 'boolean' ? String(value) : (value ?? '');
}

/** Another allowed answer of a choice question, avoiding the given values. */
function otherOptionThan(question: ScalarQuestion, avoid: string | number | readonly (string | number | boolean)[], random: Random): string | undefined {
  const excluded = new Set((Array.isArray(avoid) ? avoid : [avoid]).map(String));
  const values =
    question.type === 'yesNo' ? ['yes', 'no']
    : question.type === 'yesNoNa' ? ['yes', 'no', 'na']
    : question.type === 'singleChoice' ? question.options.map((o) => o.value)
    : [];
  const left = values.filter((v) => !excluded.has(v));
  return left.length > 0 ? random.pick(left) : undefined;
}
