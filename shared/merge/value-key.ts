import { canonicalJson } from '../canonical-json';
import { sha256HexSync } from '../crypto/sha256';
import type { AnswerValue, GroupRow, ScalarAnswer } from '../schemas/answers';
import { isAnswered, isGroupRows } from '../schemas/answers';

/**
 * When two contributions give "the same answer". The merge compares answers by key, so differences
 * no reader would call a disagreement do not become conflicts a coordinator must resolve:
 * - text: Unicode NFC, trimmed, every run of whitespace one space (case is kept: "eID" and "EID"
 *   may be different systems);
 * - numbers: as numbers (2021 and the text "2021" differ: one is a year typed, one is text);
 * - multiple choice: the set of options, in any order, each once;
 * - repeatable groups: the multiset of rows, in any order, ignoring row ids (internal, random),
 *   empty cells and rows where nothing was entered.
 * The key is the RFC 8785 canonical JSON of the value so normalised, so it is readable in a
 * decisions file and equal keys are equal values.
 */
export function valueKey(value: AnswerValue): string {
  if (typeof value === 'string') return JSON.stringify(normaliseText(value));
  // RFC 8785 serialises strings and numbers exactly as JSON.stringify does; only objects need the
  // canonicaliser (for member order), so the common scalar answers skip it.
  if (typeof value === 'number') return JSON.stringify(value);
  if (isGroupRows(value)) return canonicalJson(normalisedRows(value).map((row) => row.cells));
  return JSON.stringify(normalisedList(value));
}

/** `sha256:` and the SHA-256 of the sorted keys, one per line: names a set of candidate values. */
export function candidatesFingerprint(keys: readonly string[]): string {
  // Keys are JSON text, in which a line break is always escaped: "\n" cannot occur inside one.
  const text = keys.length === 1 ? (keys[0] ?? '') : [...keys].sort().join('\n');
  return `sha256:${sha256HexSync(encoder.encode(text))}`;
}

/**
 * The union of list answers, for the coordinator's "combine" resolution: for multiple choice, every
 * option anyone chose (first-seen order); for repeatable groups, every distinct row (by its
 * normalised content; the first spelling kept, row ids made unique). Undefined when the values are
 * not all lists of one kind, since text or numbers have no meaningful union.
 */
export function combineValues(values: readonly AnswerValue[]): AnswerValue | undefined {
  if (values.length === 0) return undefined;
  const rowLists: GroupRow[][] = [];
  const stringLists: string[][] = [];
  for (const value of values) {
    if (typeof value === 'string' || typeof value === 'number') return undefined;
    if (isGroupRows(value)) rowLists.push(value);
    // An empty list is an empty selection or a group without rows: it adds nothing to either kind.
    else if (value.length > 0) stringLists.push(value);
  }
  if (rowLists.length > 0 && stringLists.length > 0) return undefined;
  return rowLists.length > 0 ? combineRows(rowLists) : combineStrings(stringLists);
}

const encoder = new TextEncoder();
const WHITESPACE_RUN = /\s+/g;
/** Whitespace that collapsing would change: two in a row, or one that is not a plain space. */
const COLLAPSIBLE = /\s\s|[^\S ]/;
const NON_ASCII = /[\u0080-\uffff]/;

function normaliseText(text: string): string {
  // Most answers are plain ASCII with single spaces: tested first, they are not copied three times.
  const composed = NON_ASCII.test(text) ? text.normalize('NFC') : text;
  const trimmed = composed.trim();
  return COLLAPSIBLE.test(trimmed) ? trimmed.replace(WHITESPACE_RUN, ' ') : trimmed;
}

function normalisedList(list: readonly string[]): string[] {
  return [...new Set(list.map(normaliseText))].sort();
}

function normalisedCell(cell: ScalarAnswer): ScalarAnswer {
  if (typeof cell === 'string') return normaliseText(cell);
  if (typeof cell === 'number') return cell;
  return normalisedList(cell);
}

interface NormalisedRow {
  readonly row: GroupRow;
  readonly cells: Readonly<Record<string, ScalarAnswer>>;
  readonly key: string;
}

/** Rows with something entered, their cells normalised, in key order (so order does not matter). */
function normalisedRows(rows: readonly GroupRow[]): NormalisedRow[] {
  const out: NormalisedRow[] = [];
  for (const row of rows) {
    const cells: Record<string, ScalarAnswer> = {};
    let answered = false;
    for (const [id, cell] of Object.entries(row.answers)) {
      if (!isAnswered(cell)) continue;
      cells[id] = normalisedCell(cell);
      answered = true;
    }
    if (answered) out.push({ row, cells, key: canonicalJson(cells) });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function combineStrings(lists: readonly (readonly string[])[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists) {
    for (const option of list) {
      const key = normaliseText(option);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(option);
    }
  }
  return out;
}

function combineRows(lists: readonly (readonly GroupRow[])[]): GroupRow[] {
  const seenRows = new Set<string>();
  const usedIds = new Set<string>();
  const out: GroupRow[] = [];
  for (const list of lists) {
    // In the contribution's own order, not key order: the first contribution's rows read as it wrote them.
    const byRow = new Map(normalisedRows(list).map((n) => [n.row, n.key]));
    for (const row of list) {
      const key = byRow.get(row);
      if (key === undefined || seenRows.has(key)) continue;
      seenRows.add(key);
      const rowId = uniqueId(row.rowId, usedIds);
      usedIds.add(rowId);
      out.push({ rowId, answers: { ...row.answers } });
    }
  }
  return out;
}

/** Row ids are random per device, but two devices may still pick the same one (or "r1"). */
function uniqueId(id: string, used: ReadonlySet<string>): string {
  if (!used.has(id)) return id;
  // Row ids are at most 64 characters: the suffix replaces the end of a long id.
  for (let n = 2; ; n += 1) {
    const suffix = `-${String(n)}`;
    const candidate = `${id.slice(0, 64 - suffix.length)}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}
