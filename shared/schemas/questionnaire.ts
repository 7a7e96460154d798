import { z } from 'zod';

/**
 * The questionnaire definition format (schemaVersion 1). Definitions are data: relevance is
 * written as conditions, never as code, so a definition from a file can never run anything.
 * `shared/questionnaire/load.ts` adds the checks a schema cannot express (unique ids, references).
 */

export const DEFINITION_SCHEMA_VERSION = 1;

/** Stable identifier of a question, section or option value: survives reordering and renaming. */
export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, dots, dashes or underscores');

const languageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "fr"');

/** Text in the definition's languages: a plain string (default language) or one per language. */
/**
 * Definition text is plain text. The UI never renders it as HTML, but a file whose labels carry
 * tags (`<script>`, `<img onerror=…>`) or a `javascript:` link is hostile or broken either way, so
 * it is refused at the door. A bare `<` in prose ("fewer than <5") is fine.
 */
const MARKUP = /<\/?[a-z!][^>]*>|javascript:/i;
const plainText = z
  .string()
  .min(1)
  .max(20_000)
  .refine((text) => !MARKUP.test(text), 'must be plain text: markup such as <script> or a javascript: link is not allowed');

export const localizedTextSchema = z.union([
  plainText,
  z.record(languageTag, plainText).refine((value) => Object.keys(value).length > 0, 'needs at least one language'),
]).meta({ id: 'LocalizedText', description: 'A string in the default language, or an object with one string per language tag.' });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** A scalar an answer can be compared with in a condition. */
export const conditionValueSchema = z.union([z.string(), z.number(), z.boolean()]);
export type ConditionValue = z.infer<typeof conditionValueSchema>;

const comparisonSchema = z.strictObject({
  question: idSchema,
  op: z.enum(['equals', 'notEquals']),
  value: conditionValueSchema,
});
const membershipSchema = z.strictObject({
  question: idSchema,
  op: z.enum(['in', 'notIn']),
  value: z.array(conditionValueSchema).min(1),
});
const includesSchema = z.strictObject({
  question: idSchema,
  op: z.literal('includes'),
  value: z.string(),
});
const orderingSchema = z.strictObject({
  question: idSchema,
  op: z.enum(['gt', 'gte', 'lt', 'lte']),
  value: z.number(),
});
const presenceSchema = z.strictObject({
  question: idSchema,
  op: z.enum(['answered', 'notAnswered']),
});
/** Compares two answers with each other, e.g. "year of the latest update ≥ year adopted". */
const crossComparisonSchema = z.strictObject({
  question: idSchema,
  op: z.enum(['equals', 'notEquals', 'gt', 'gte', 'lt', 'lte']),
  otherQuestion: idSchema,
});

export type LeafCondition =
  | z.infer<typeof comparisonSchema>
  | z.infer<typeof membershipSchema>
  | z.infer<typeof includesSchema>
  | z.infer<typeof orderingSchema>
  | z.infer<typeof presenceSchema>
  | z.infer<typeof crossComparisonSchema>;

export type Condition =
  | LeafCondition
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    comparisonSchema,
    membershipSchema,
    includesSchema,
    orderingSchema,
    presenceSchema,
    crossComparisonSchema,
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
).meta({ id: 'Condition', description: 'When a question or section is shown. Data, never code.' });

/**
 * When evidence links are expected: `none` (not asked for, still allowed), `optional` (invited),
 * `requiredWhenYes` (a yes answer needs at least one link), `required` (any answer needs one).
 */
export const EVIDENCE_POLICIES = ['none', 'optional', 'requiredWhenYes', 'required'] as const;
export type EvidencePolicy = (typeof EVIDENCE_POLICIES)[number];

/**
 * Where content comes from, after the reference material's confidence legend: stated in an official
 * UN source, taken from a third-party copy of UN material, or reconstructed (inferred; check against
 * the official instrument). `test` marks fixtures that are not UN content at all.
 */
export const provenanceSchema = z.enum(['verified', 'third-party-copy', 'reconstructed', 'test']);
export type Provenance = z.infer<typeof provenanceSchema>;

/** Toolkit-style guidance for an indicator question: what counts, why it matters, how to satisfy it. */
export const guidanceSchema = z
  .strictObject({
    what: localizedTextSchema.optional(),
    why: localizedTextSchema.optional(),
    how: localizedTextSchema.optional(),
  })
  .refine((g) => g.what !== undefined || g.why !== undefined || g.how !== undefined, 'guidance needs at least one of what, why, how');

const questionBase = {
  id: idSchema,
  label: localizedTextSchema,
  help: localizedTextSchema.optional(),
  required: z.boolean().default(false),
  /** Indicator codes the question maps to, e.g. "OSI #342" or "LOSI #275". */
  indicators: z.array(z.string().regex(/^(OSI|LOSI) #?[A-Za-z0-9.-]+$/, 'must look like "OSI #342" or "LOSI #275"')).default([]),
  evidence: z.enum(EVIDENCE_POLICIES).default('none'),
  relevant: conditionSchema.optional(),
  provenance: provenanceSchema.optional(),
  guidance: guidanceSchema.optional(),
};

export const choiceOptionSchema = z.strictObject({ value: idSchema, label: localizedTextSchema });
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;

const yesNoQuestion = z.strictObject({ ...questionBase, type: z.literal('yesNo') });
const yesNoNaQuestion = z.strictObject({ ...questionBase, type: z.literal('yesNoNa') });
const singleChoiceQuestion = z.strictObject({
  ...questionBase,
  type: z.literal('singleChoice'),
  options: z.array(choiceOptionSchema).min(1),
});
const multipleChoiceQuestion = z.strictObject({
  ...questionBase,
  type: z.literal('multipleChoice'),
  options: z.array(choiceOptionSchema).min(1),
  minSelected: z.int().min(0).optional(),
  maxSelected: z.int().min(1).optional(),
});
/**
 * A pattern a short text must match, with a description of the expected form for the message
 * ("a national ID such as AB-1234"). The regular expression runs with the `u` flag against the
 * whole answer; the loader compiles it and refuses forms known to backtrack catastrophically.
 */
export const textPatternSchema = z.strictObject({
  regex: z.string().min(1).max(200),
  description: localizedTextSchema,
});
export type TextPattern = z.infer<typeof textPatternSchema>;

const shortTextQuestion = z.strictObject({
  ...questionBase,
  type: z.literal('shortText'),
  minLength: z.int().min(1).max(10_000).optional(),
  maxLength: z.int().min(1).max(10_000).default(500),
  pattern: textPatternSchema.optional(),
});
const longTextQuestion = z.strictObject({
  ...questionBase,
  type: z.literal('longText'),
  minLength: z.int().min(1).max(100_000).optional(),
  maxLength: z.int().min(1).max(100_000).default(10_000),
});
const integerQuestion = z.strictObject({
  ...questionBase,
  type: z.literal('integer'),
  min: z.int().optional(),
  max: z.int().optional(),
  unit: localizedTextSchema.optional(),
});
const decimalQuestion = z.strictObject({
  ...questionBase,
  type: z.literal('decimal'),
  min: z.number().optional(),
  max: z.number().optional(),
  unit: localizedTextSchema.optional(),
});
const yearQuestion = z.strictObject({
  ...questionBase,
  type: z.literal('year'),
  min: z.int().min(1000).max(9999).optional(),
  max: z.int().min(1000).max(9999).optional(),
});
const isoDate = z.iso.date();
const dateQuestion = z.strictObject({
  ...questionBase,
  type: z.literal('date'),
  min: isoDate.optional(),
  max: isoDate.optional(),
});
const urlQuestion = z.strictObject({ ...questionBase, type: z.literal('url') });
const emailQuestion = z.strictObject({ ...questionBase, type: z.literal('email') });

export const scalarQuestionSchema = z.discriminatedUnion('type', [
  yesNoQuestion,
  yesNoNaQuestion,
  singleChoiceQuestion,
  multipleChoiceQuestion,
  shortTextQuestion,
  longTextQuestion,
  integerQuestion,
  decimalQuestion,
  yearQuestion,
  dateQuestion,
  urlQuestion,
  emailQuestion,
]).meta({ id: 'ScalarQuestion' });
export type ScalarQuestion = z.infer<typeof scalarQuestionSchema>;

/** A repeatable group: one row per item (e.g. per ministry), each row answering the sub-questions. */
const groupQuestion = z.strictObject({
  ...questionBase,
  type: z.literal('group'),
  questions: z.array(scalarQuestionSchema).min(1),
  minRows: z.int().min(0).default(0),
  maxRows: z.int().min(1).max(1000).default(100),
  /** Label of one row, e.g. "Ministry"; rows are numbered after it. */
  rowLabel: localizedTextSchema.optional(),
});

export const questionSchema = z.discriminatedUnion('type', [
  yesNoQuestion,
  yesNoNaQuestion,
  singleChoiceQuestion,
  multipleChoiceQuestion,
  shortTextQuestion,
  longTextQuestion,
  integerQuestion,
  decimalQuestion,
  yearQuestion,
  dateQuestion,
  urlQuestion,
  emailQuestion,
  groupQuestion,
]);
export type Question = z.infer<typeof questionSchema>;
export type GroupQuestion = z.infer<typeof groupQuestion>;
export type QuestionType = Question['type'];
export const QUESTION_TYPES: readonly QuestionType[] = questionSchema.options.map((option) => option.shape.type.value);

export const sectionSchema = z.strictObject({
  id: idSchema,
  /** Criterion or subindex code the section stands for, e.g. "IF" or "EPI" (indicator instruments). */
  code: z.string().regex(/^[A-Z]{2,5}$/, 'must be 2-5 capital letters such as "IF"').optional(),
  title: localizedTextSchema,
  description: localizedTextSchema.optional(),
  relevant: conditionSchema.optional(),
  questions: z.array(questionSchema).min(1),
});
export type Section = z.infer<typeof sectionSchema>;

/**
 * A rule across questions, declared as data: where `when` holds (always, when absent), `check`
 * must hold, or `message` is shown at `question` with the given severity. An `error` blocks
 * export; a `warning` is allowed once acknowledged. Comparisons in `check` are only tested once
 * the questions they compare are answered: a blank answer is the `required` flag's business.
 */
export const ruleSchema = z.strictObject({
  id: idSchema,
  severity: z.enum(['error', 'warning']),
  /** The question the finding is shown at (and the panel links to). */
  question: idSchema,
  when: conditionSchema.optional(),
  check: conditionSchema,
  /** What is wrong and how to fix it, in the respondent's words. */
  message: localizedTextSchema,
}).meta({ id: 'Rule', description: 'A validation rule across questions. Data, never code.' });
export type Rule = z.infer<typeof ruleSchema>;

export const sourceSchema = z.strictObject({
  title: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }).optional(),
});

export const questionnaireDefinitionSchema = z.strictObject({
  schemaVersion: z.literal(DEFINITION_SCHEMA_VERSION),
  id: idSchema,
  /** The survey edition the instrument belongs to, e.g. "2024". */
  edition: z.string().min(1).max(32),
  /** Version of this definition file (semantic versioning). */
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a semantic version such as 1.0.0'),
  title: localizedTextSchema,
  description: localizedTextSchema.optional(),
  /** Languages the content is written in; the first is the default for plain strings. */
  languages: z.array(languageTag).min(1),
  /** Who answers: a country (national instruments) or a city (local ones). */
  respondentKind: z.enum(['country', 'city']),
  /** Which instrument this is: the two questionnaires, the two self-assessments, or another. */
  instrument: z.enum(['msq', 'lgq', 'osi', 'losi', 'other']).default('other'),
  /** Overall provenance; `mixed` when questions differ (each then says its own). */
  provenance: z.enum(['verified', 'third-party-copy', 'reconstructed', 'mixed', 'test']).default('test'),
  /** Shown with the definition: where the content comes from and what to check. */
  provenanceNote: localizedTextSchema.optional(),
  sources: z.array(sourceSchema).default([]),
  sections: z.array(sectionSchema).min(1),
  /** Cross-question rules, checked after visibility; a rule at a hidden question is not reported. */
  rules: z.array(ruleSchema).default([]),
});
export type QuestionnaireDefinition = z.infer<typeof questionnaireDefinitionSchema>;
