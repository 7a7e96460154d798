import { z } from 'zod';
import { ERROR_CODES } from '../errors';
import type { ErrorCode } from '../errors';

/** Every IPC answer is an envelope: errors cross the boundary as data, never as thrown objects. */
export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: EnvelopeError };

export interface EnvelopeError {
  readonly code: ErrorCode;
  readonly message: string;
}

export const envelopeErrorSchema = z.strictObject({ code: z.enum(ERROR_CODES), message: z.string() });

export function envelopeSchema<S extends z.ZodType>(value: S) {
  return z.union([
    z.strictObject({ ok: z.literal(true), value }),
    z.strictObject({ ok: z.literal(false), error: envelopeErrorSchema }),
  ]);
}

export const ok = <T>(value: T): Envelope<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Envelope<never> => ({ ok: false, error: { code, message } });
