import { z } from 'zod';
import type { DefinitionProblem } from '../errors';
import { QuestionnaireDefinitionError } from '../errors';
import { formatPath } from '../parse';
import type { Condition, LeafCondition, Question, QuestionnaireDefinition, ScalarQuestion } from '../schemas/questionnaire';
import { compileTextPattern, patternProblem } from './text-pattern';
import { questionnaireDefinitionSchema } from '../schemas/questionnaire';

/** Largest definition file accepted; the biggest real instrument is well under 1 MB. */
export const MAX_DEFINITION_BYTES = 5 * 1024 * 1024;

/** Parses definition JSON text from a file; every failure names the file, the path and the problem. */
export function parseQuestionnaireJson(text: string, file: string): QuestionnaireDefinition {
  return loadQuestionnaireDefinition(readDefinitionJson(text, file), file);
}

/**
 * The JSON value of a definition file's text, not yet checked as a definition (the content hash is
 * taken of this value); too large or not JSON: a QuestionnaireDefinitionError naming the file.
 */
export function readDefinitionJson(text: string, file: string): unknown {
  if (text.length > MAX_DEFINITION_BYTES) {
    throw new QuestionnaireDefinitionError([
      { file, path: '', problem: `the file is larger than ${String(MAX_DEFINITION_BYTES / 1024 / 1024)} MB` },
    ]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new QuestionnaireDefinitionError([{ file, path: '', problem: `not valid JSON (${detail})` }]);
  }
  return data;
}

/**
 * Validates a definition against the schema and then checks what a schema cannot: ids are unique,
 * option values are unique, and every condition refers to an earlier question that exists, with
 * an operator and value that make sense for that question.
 */
export function loadQuestionnaireDefinition(input: unknown, file: string): QuestionnaireDefinition {
  const parsed = questionnaireDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    throw new QuestionnaireDefinitionError(
      parsed.error.issues.map((issue) => ({ file, path: formatPath(issue.path), problem: issue.message })),
    );
  }
  const problems = checkReferences(parsed.data, file);
  if (problems.length > 0) throw new QuestionnaireDefinitionError(problems);
  return parsed.data;
}

function checkReferences(definition: QuestionnaireDefinition, file: string): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const report = (path: string, problem: string) => problems.push({ file, path, problem });
  const declared = new Map<string, Question>();
  const sectionIds = new Set<string>();
  const allIds = new Set<string>();
  for (const section of definition.sections) for (const q of section.questions) allIds.add(q.id);

  definition.sections.forEach((section, s) => {
    const sectionPath = `sections[${String(s)}]`;
    if (sectionIds.has(section.id)) report(`${sectionPath}.id`, `section id "${section.id}" is used twice`);
    sectionIds.add(section.id);
    if (section.relevant) checkCondition(section.relevant, `${sectionPath}.relevant`, declared, allIds, report);

    section.questions.forEach((question, q) => {
      const path = `${sectionPath}.questions[${String(q)}]`;
      if (declared.has(question.id)) report(`${path}.id`, `question id "${question.id}" is used twice`);
      if (question.relevant) {
        if (refersTo(question.relevant, question.id)) report(`${path}.relevant`, `question "${question.id}" cannot depend on itself`);
        else checkCondition(question.relevant, `${path}.relevant`, declared, allIds, report);
      }
      checkQuestionShape(question, path, report);
      if (question.type === 'group') {
        const siblings = new Map<string, Question>();
        const siblingIds = new Set(question.questions.map((sub) => sub.id));
        question.questions.forEach((sub, i) => {
          const subPath = `${path}.questions[${String(i)}]`;
          if (siblings.has(sub.id)) report(`${subPath}.id`, `sub-question id "${sub.id}" is used twice in group "${question.id}"`);
          if (sub.relevant) {
            const scope = new Map([...declared, ...siblings]);
            checkCondition(sub.relevant, `${subPath}.relevant`, scope, new Set([...allIds, ...siblingIds]), report);
          }
          checkQuestionShape(sub, subPath, report);
          siblings.set(sub.id, sub);
        });
      }
      declared.set(question.id, question);
    });
  });
  checkRules(definition, declared, report);
  return problems;
}

/** Rules run after visibility, so unlike relevance they may refer to any top-level question. */
function checkRules(
  definition: QuestionnaireDefinition,
  questions: ReadonlyMap<string, Question>,
  report: (path: string, problem: string) => void,
): void {
  const ruleIds = new Set<string>();
  const everywhere = new Set(questions.keys());
  definition.rules.forEach((rule, r) => {
    const path = `rules[${String(r)}]`;
    if (ruleIds.has(rule.id)) report(`${path}.id`, `rule id "${rule.id}" is used twice`);
    ruleIds.add(rule.id);
    if (!questions.has(rule.question)) report(`${path}.question`, `the rule is shown at question "${rule.question}", which does not exist`);
    if (rule.when) checkCondition(rule.when, `${path}.when`, questions, everywhere, report);
    checkCondition(rule.check, `${path}.check`, questions, everywhere, report);
  });
}

function checkQuestionShape(question: Question, path: string, report: (path: string, problem: string) => void): void {
  if (question.evidence === 'requiredWhenYes' && question.type !== 'yesNo' && question.type !== 'yesNoNa') {
    report(`${path}.evidence`, `"requiredWhenYes" needs a yes/no question, but "${question.id}" is ${question.type}`);
  }
  if (question.type === 'singleChoice' || question.type === 'multipleChoice') {
    const seen = new Set<string>();
    question.options.forEach((option, i) => {
      if (seen.has(option.value)) report(`${path}.options[${String(i)}].value`, `option value "${option.value}" is used twice`);
      seen.add(option.value);
    });
  }
  if ('min' in question && 'max' in question && question.min !== undefined && question.max !== undefined && question.min > question.max) {
    report(`${path}.min`, `min (${String(question.min)}) is greater than max (${String(question.max)})`);
  }
  if ((question.type === 'shortText' || question.type === 'longText') && question.minLength !== undefined && question.minLength > question.maxLength) {
    report(`${path}.minLength`, `minLength (${String(question.minLength)}) is greater than maxLength (${String(question.maxLength)})`);
  }
  if (question.type === 'shortText' && question.pattern) {
    const problem = patternProblem(question.pattern.regex);
    if (problem) report(`${path}.pattern.regex`, problem);
    else compileTextPattern(question.pattern.regex);
  }
  if (question.type === 'group') {
    question.questions.forEach((sub, i) => {
      if (sub.evidence !== 'none') report(`${path}.questions[${String(i)}].evidence`, `evidence belongs to the whole group "${question.id}", not to a sub-question`);
    });
  }
  if (question.type === 'group' && question.minRows > question.maxRows) {
    report(`${path}.minRows`, `minRows (${String(question.minRows)}) is greater than maxRows (${String(question.maxRows)})`);
  }
}

function refersTo(condition: Condition, id: string): boolean {
  if ('all' in condition) return condition.all.some((c) => refersTo(c, id));
  if ('any' in condition) return condition.any.some((c) => refersTo(c, id));
  if ('not' in condition) return refersTo(condition.not, id);
  return condition.question === id;
}

function checkCondition(
  condition: Condition,
  path: string,
  earlier: ReadonlyMap<string, Question>,
  everywhere: ReadonlySet<string>,
  report: (path: string, problem: string) => void,
): void {
  if ('all' in condition) {
    condition.all.forEach((c, i) => {
      checkCondition(c, `${path}.all[${String(i)}]`, earlier, everywhere, report);
    });
    return;
  }
  if ('any' in condition) {
    condition.any.forEach((c, i) => {
      checkCondition(c, `${path}.any[${String(i)}]`, earlier, everywhere, report);
    });
    return;
  }
  if ('not' in condition) {
    checkCondition(condition.not, `${path}.not`, earlier, everywhere, report);
    return;
  }
  const target = earlier.get(condition.question);
  if (!target) {
    report(`${path}.question`, unknownReference(condition.question, everywhere));
    return;
  }
  if ('otherQuestion' in condition) {
    const other = earlier.get(condition.otherQuestion);
    if (!other) {
      report(`${path}.otherQuestion`, unknownReference(condition.otherQuestion, everywhere));
      return;
    }
    const problem = crossComparisonProblem(condition.op, target, other);
    if (problem) report(path, problem);
    return;
  }
  const problem = operatorProblem(condition, target);
  if (problem) report(path, problem);
}

function unknownReference(id: string, everywhere: ReadonlySet<string>): string {
  return everywhere.has(id)
    ? `refers to "${id}", which comes later; a condition may only refer to an earlier question`
    : `refers to question "${id}", which does not exist`;
}

/** Which answers can be compared with each other, and by which operators. */
function comparableKind(question: Question): 'number' | 'date' | 'choice' | 'text' | undefined {
  if (NUMERIC_TYPES.has(question.type)) return 'number';
  if (question.type === 'date') return 'date';
  if (question.type === 'yesNo' || question.type === 'yesNoNa' || question.type === 'singleChoice') return 'choice';
  if (question.type === 'shortText' || question.type === 'url' || question.type === 'email') return 'text';
  return undefined;
}

function crossComparisonProblem(op: string, left: Question, right: Question): string | undefined {
  const a = comparableKind(left);
  const b = comparableKind(right);
  if (a === undefined || b === undefined) {
    const which = a === undefined ? left : right;
    return `"${which.id}" (${which.type}) cannot be compared with another answer`;
  }
  if (a !== b) return `"${left.id}" (${left.type}) and "${right.id}" (${right.type}) hold different kinds of answer`;
  const ordered = op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte';
  if (ordered && a !== 'number' && a !== 'date') return `"${op}" needs numbers, years or dates, but "${left.id}" is ${left.type}`;
  return undefined;
}

const NUMERIC_TYPES = new Set<Question['type']>(['integer', 'decimal', 'year']);

function operatorProblem(condition: LeafCondition, target: Question): string | undefined {
  if (!('value' in condition)) return undefined;
  if (target.type === 'group') return `group "${target.id}" can only be tested with answered / notAnswered`;
  const { op } = condition;
  const values = Array.isArray(condition.value) ? condition.value : [condition.value];
  if (op === 'includes') {
    if (target.type !== 'multipleChoice') return `"includes" needs a multiple-choice question, but "${target.id}" is ${target.type}`;
  } else if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') {
    return NUMERIC_TYPES.has(target.type) ? undefined : `"${op}" needs a number or year question, but "${target.id}" is ${target.type}`;
  } else if (target.type === 'multipleChoice') {
    return `use "includes" to test multiple-choice question "${target.id}"`;
  }
  for (const value of values) {
    const problem = valueProblem(value, target);
    if (problem) return problem;
  }
  return undefined;
}

function allowedValues(question: ScalarQuestion): readonly string[] | undefined {
  switch (question.type) {
    case 'yesNo':
      return ['yes', 'no'];
    case 'yesNoNa':
      return ['yes', 'no', 'na'];
    case 'singleChoice':
    case 'multipleChoice':
      return question.options.map((o) => o.value);
    default:
      return undefined;
  }
}

function valueProblem(value: string | number | boolean, target: Question): string | undefined {
  if (target.type === 'group') return undefined;
  const allowed = allowedValues(target);
  if (allowed && !allowed.includes(String(value))) {
    return `"${String(value)}" is not an answer of "${target.id}" (expected one of ${allowed.join(', ')})`;
  }
  if (NUMERIC_TYPES.has(target.type) && typeof value !== 'number') return `"${target.id}" holds numbers; compare it with a number`;
  return undefined;
}

/** The definition format as JSON Schema, for authors and external tools. */
export function questionnaireJsonSchema(): unknown {
  return z.toJSONSchema(questionnaireDefinitionSchema, { io: 'input', unrepresentable: 'any' });
}
