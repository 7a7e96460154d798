/**
 * JSON from a file that may be hostile: any size, any bytes, any shape. Each way a file can fail is
 * told apart (a person who picked the wrong file needs to hear which wrong file it was), and
 * nothing here throws or recurses over the input.
 *
 * Depth is checked before `JSON.parse` by one linear scan of the brackets outside strings. The
 * parser itself may cope with deep input, but everything after it walks the value recursively
 * (zod, RFC 8785 canonicalisation for signatures, structured clone into IndexedDB), and a file of a
 * million `[` would overflow the stack there with a RangeError rather than a message.
 */

/** Deeper than any EGov Desk file (a submission nests 6 levels), shallow enough for any recursion. */
export const DEFAULT_MAX_JSON_DEPTH = 64;

export interface SafeJsonLimits {
  /** Largest accepted file, in bytes. */
  readonly maxBytes: number;
  /** Most arrays and objects open at once; the top-level value counts as depth 1. */
  readonly maxDepth: number;
}

/** Why bytes were refused, for code that needs to tell the cases apart (tests, localised messages). */
export type SafeJsonProblem = 'empty' | 'tooLarge' | 'notUtf8' | 'tooDeep' | 'notJson';

export type SafeJsonResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: SafeJsonProblem; readonly reason: string };

const MB = 1024 * 1024;

/** "32 MB", "512 KB" or "100 bytes": whichever names the limit exactly. */
export function formatByteLimit(bytes: number): string {
  if (bytes >= MB && bytes % MB === 0) return `${String(bytes / MB)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${String(bytes / 1024)} KB`;
  return `${String(bytes)} bytes`;
}

const OPEN_ARRAY = 0x5b; // [
const OPEN_OBJECT = 0x7b; // {
const CLOSE_ARRAY = 0x5d; // ]
const CLOSE_OBJECT = 0x7d; // }
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * The deepest nesting of arrays and objects in JSON text, stopping as soon as it passes `limit`.
 * Brackets inside strings do not count. Text that is not JSON gets some number; `JSON.parse`
 * refuses it afterwards, so the number only has to be right for valid JSON.
 */
export function jsonNestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i += 1;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) {
      depth -= 1;
    }
  }
  return false;
}

const fail = (problem: SafeJsonProblem, reason: string): SafeJsonResult => ({ ok: false, problem, reason });

/**
 * Parses a file's bytes as JSON within limits. Refused, each with its own reason: an empty file, one
 * over `maxBytes` (checked before anything is decoded), bytes that are not UTF-8, nesting deeper
 * than `maxDepth`, and text that is not JSON. A leading byte order mark is accepted (Windows editors
 * add one). Never throws.
 */
export function parseJsonSafely(bytes: Uint8Array, limits: SafeJsonLimits): SafeJsonResult {
  if (bytes.byteLength === 0) return fail('empty', 'the file is empty');
  if (bytes.byteLength > limits.maxBytes) return fail('tooLarge', `the file is larger than ${formatByteLimit(limits.maxBytes)}`);
  let text: string;
  try {
    // `fatal`: a wrong byte is a wrong file, not a U+FFFD quietly put into a signed value. The
    // decoder also drops a leading byte order mark (`ignoreBOM` is false), which JSON.parse refuses.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('notUtf8', 'the file is not UTF-8 text');
  }
  if (text.trim() === '') return fail('empty', 'the file is empty');
  if (jsonNestingExceeds(text, limits.maxDepth)) {
    return fail('tooDeep', `the file nests more than ${String(limits.maxDepth)} levels deep, which no EGov Desk file does`);
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return fail('notJson', `the file is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}
