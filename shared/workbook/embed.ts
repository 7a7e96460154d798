import { DEFAULT_MAX_JSON_DEPTH, jsonNestingExceeds } from '../safe-json';

/**
 * JSON kept inside the workbook, in a hidden sheet: cell A1 names the format and the number of
 * parts (`egov-desk/submission json parts=3`), B1 says in words how to put it back together, and
 * the parts follow in A2, A3, … Joined in order they are the JSON text.
 *
 * The text is written so that no spreadsheet program can alter it by reading and saving it:
 * - every character outside printable ASCII is a `\uXXXX` escape (the same JSON value, so the
 *   signature still verifies), which leaves nothing for encodings or Unicode normalisation to touch
 *   and no surrogate pair to split at a part boundary;
 * - `_` before `xHHHH_` is escaped too, because spreadsheet readers decode `_x0041_` in a cell as
 *   the character it names;
 * - parts never begin or end with a space, which some writers drop (spaces only occur inside JSON
 *   strings; compact JSON has no other whitespace);
 * - parts stay below Excel's 32,767 characters per cell.
 */

export type EmbeddedKind = 'egov-desk/submission' | 'egov-desk/questionnaire';

/** Characters per part. */
export const EMBED_PART_LIMIT = 30_000;

function headerText(kind: EmbeddedKind, parts: number): string {
  return `${kind} json parts=${String(parts)}`;
}

/** JSON text as printable ASCII (see above); parses to the same value as `JSON.stringify(value)`. */
export function portableJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/_(?=x[0-9a-f]{4}_)/gi, '\\u005f');
}

/** Splits at `limit`, moving each cut back until neither side of it is a space. */
function splitParts(text: string, limit: number): string[] {
  const parts: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + limit, text.length);
    if (end < text.length) {
      let cut = end;
      while (cut > start + 1 && (text[cut - 1] === ' ' || text[cut] === ' ')) cut -= 1;
      // A part made only of spaces cannot be avoided by moving the cut; keep the full length then.
      if (cut > start + 1) end = cut;
    }
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}

/** Column A of the hidden sheet: the header, then the parts. */
export function embedJson(kind: EmbeddedKind, value: unknown, limit = EMBED_PART_LIMIT): string[] {
  const parts = splitParts(portableJson(value), limit);
  return [headerText(kind, parts.length), ...parts];
}

export function embedNote(parts: number): string {
  return `Join cells A2 to A${String(parts + 1)} in order, without separators: the result is the JSON file.`;
}

export type EmbeddedRead = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

/** Reads column A of a hidden sheet back into a JSON value; every failure says what is wrong. */
export function readEmbeddedJson(kind: EmbeddedKind, columnA: readonly (string | undefined)[]): EmbeddedRead {
  const header = columnA[0];
  const match = header === undefined ? null : /^(\S+) json parts=(\d{1,6})$/.exec(header);
  if (!match || match[1] !== kind) return { ok: false, reason: `its first cell does not name the ${kind} format` };
  const count = Number(match[2]);
  const parts = columnA.slice(1, count + 1);
  const present = parts.filter((part): part is string => typeof part === 'string' && part !== '');
  if (count === 0 || present.length !== count) {
    return { ok: false, reason: `it should hold ${String(count)} parts but ${String(present.length)} were found` };
  }
  const text = present.join('');
  // Checked before parsing: a hostile workbook could hide a million nested brackets here.
  if (jsonNestingExceeds(text, DEFAULT_MAX_JSON_DEPTH)) {
    return { ok: false, reason: `its JSON nests deeper than ${String(DEFAULT_MAX_JSON_DEPTH)} levels, which no EGov Desk file does` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: `its JSON text is damaged (${error instanceof Error ? error.message : String(error)})` };
  }
}
