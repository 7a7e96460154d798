import { z } from 'zod';
import { idSchema } from './questionnaire';

const trimmed = (max: number) => z.string().trim().min(1).max(max);

/** Who answers a questionnaire: the country or city, the organisation and the focal point. */
export const respondentSchema = z.strictObject({
  kind: z.enum(['country', 'city']),
  /** Country name (national instruments) or city name (local ones). */
  place: trimmed(200),
  organisation: trimmed(300),
  focalPointName: trimmed(200),
  focalPointEmail: z.email().max(320),
});
export type Respondent = z.infer<typeof respondentSchema>;

export const responseSchema = z.strictObject({
  id: z.string().min(1).max(64),
  questionnaireId: idSchema,
  questionnaireVersion: z.string().min(1),
  respondent: respondentSchema,
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
});
export type ResponseRecord = z.infer<typeof responseSchema>;
