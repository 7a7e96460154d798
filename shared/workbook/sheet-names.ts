/**
 * Excel's rules for sheet names: at most 31 characters, none of `: \ / ? * [ ]`, no apostrophe at
 * either end, not "History", and unique regardless of case. A name that breaks them makes Excel
 * repair (rename) the sheet on opening, which would also break the comparison by sheet name.
 */
export const SHEET_NAME_LIMIT = 31;

/** Names the workbook uses for its own sheets; sections never take them. */
export const COVER_SHEET = 'Cover';
export const OTHER_ANSWERS_SHEET = 'Other answers';
export const SUBMISSION_SHEET = 'Signed submission (JSON)';
export const DEFINITION_SHEET = 'Questionnaire (JSON)';
/**
 * The score summary of an OSI or LOSI submission. Not reserved from section titles: workbooks
 * signed before it existed must keep rendering their section sheets under the same names, so a
 * section that takes the name first makes the Scores sheet pick another (render-model.ts).
 */
export const SCORES_SHEET = 'Scores';

const RESERVED = [COVER_SHEET, OTHER_ANSWERS_SHEET, SUBMISSION_SHEET, DEFINITION_SHEET, 'History'];

function clean(title: string): string {
  return title
    .replace(/[:\\/?*[\]]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
}

function truncate(name: string, limit: number): string {
  if (name.length <= limit) return name;
  // One character for the ellipsis; never cut a surrogate pair in two.
  let cut = limit - 1;
  const code = name.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${name.slice(0, cut).trimEnd()}…`;
}

/** Gives each section a valid sheet name that no other sheet has; `fallback` when the title has none. */
export class SheetNamer {
  private readonly taken = new Set(RESERVED.map((name) => name.toLowerCase()));

  name(title: string, fallback: string): string {
    const base = clean(title) || clean(fallback) || 'Section';
    for (let n = 1; ; n += 1) {
      const suffix = n === 1 ? '' : ` (${String(n)})`;
      const candidate = truncate(base, SHEET_NAME_LIMIT - suffix.length) + suffix;
      if (!this.taken.has(candidate.toLowerCase())) {
        this.taken.add(candidate.toLowerCase());
        return candidate;
      }
    }
  }
}
