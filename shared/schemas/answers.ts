import { z } from 'zod';

/**
 * What is stored for one question. Values are kept exactly as entered, even when they do not
 * (yet) satisfy the question: an unparseable number stays as the text typed, so nothing a person
 * wrote is ever dropped; the engine reports it instead.
 */
export const scalarAnswerSchema = z.union([z.string().max(200_000), z.number(), z.array(z.string().max(10_000)).max(1000)]);
export type ScalarAnswer = z.infer<typeof scalarAnswerSchema>;

export const groupRowSchema = z.strictObject({
  /** Stable row id, so reordering or deleting rows never mixes answers up. */
  rowId: z.string().min(1).max(64),
  answers: z.record(z.string(), scalarAnswerSchema),
});
export type GroupRow = z.infer<typeof groupRowSchema>;

export const answerValueSchema = z.union([scalarAnswerSchema, z.array(groupRowSchema).max(1000)]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

/** Answers of one response, keyed by question id. */
export type Answers = ReadonlyMap<string, AnswerValue>;

export function isGroupRows(value: AnswerValue): value is GroupRow[] {
  return Array.isArray(value) && value.length > 0 && typeof value[0] === 'object';
}

/**
 * True when the value holds something a person entered: blank text, an empty selection and a group
 * whose rows are all still empty do not count.
 */
export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (typeof value === 'number') return true;
  if (isGroupRows(value)) return value.some((row) => Object.values(row.answers).some((cell) => isAnswered(cell)));
  return value.length > 0;
}

/**
 * True when there is nothing to keep: blank text or an empty list. Unlike `isAnswered`, a group with
 * empty rows is kept, because the rows the person added are part of what they see.
 */
export function isEmptyValue(value: AnswerValue | undefined): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string') return value.trim().length === 0;
  if (typeof value === 'number') return false;
  return value.length === 0;
}
