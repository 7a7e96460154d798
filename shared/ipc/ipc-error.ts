import { ERROR_CODES } from '../errors';
import type { ErrorCode } from '../errors';

/**
 * How a failed IPC call reaches the renderer. The preload rejects with a plain `Error` because
 * contextBridge copies errors and drops custom classes and properties; only `message` survives
 * reliably. So the code travels as a message prefix, `[URL_REFUSED] Only http and https ...`, and
 * `decodeIpcError` reads it back (preferring a `code` property when one did survive).
 */
export const IPC_ERROR_NAME = 'IpcError';

export interface DecodedIpcError {
  readonly code: ErrorCode;
  readonly message: string;
}

export function encodeIpcErrorMessage(code: ErrorCode, message: string): string {
  return `[${code}] ${message}`;
}

const CODE_PREFIX = /\[([A-Z_]+)\]\s?([\s\S]*)$/;

export function decodeIpcError(error: unknown): DecodedIpcError {
  const message = messageOf(error);
  const codeProperty = isRecord(error) ? error['code'] : undefined;
  const match = CODE_PREFIX.exec(message);
  const prefixed = match?.[1];
  if (isErrorCode(codeProperty)) {
    return { code: codeProperty, message: prefixed === codeProperty ? (match?.[2] ?? message) : message };
  }
  // Searched anywhere in the text, because a runtime may prepend its own words to a copied error.
  if (match !== null && isErrorCode(prefixed)) return { code: prefixed, message: match[2] ?? '' };
  return { code: 'INTERNAL', message };
}

function messageOf(error: unknown): string {
  if (isRecord(error) && typeof error['message'] === 'string') return error['message'];
  if (typeof error === 'string') return error;
  return 'Unknown error.';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return ERROR_CODES.some((code) => code === value);
}
