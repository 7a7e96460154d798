import type { Level, MethodProvenance } from '../scoring/model';
import type { SubmissionDocument } from '../submission/document';
import type { RowModel, SheetModel } from './model';
import { SCORES_SHEET } from './sheet-names';
import { cellSafeText } from './text';

/**
 * The Scores sheet of a signed OSI or LOSI submission (issue 8): the score summary the document
 * carries, in words. Every value comes from the signed `scores` member (nothing is recomputed
 * here), so the sheet is compared cell by cell like the cover, and an edited score is reported as
 * a change. Written in English like the rest of the workbook: it is a record for reviewers, not
 * the app's interface.
 */

type Scores = NonNullable<SubmissionDocument['scores']>;

/** Columns of the per-criterion table, in order. */
export const SCORE_COLUMNS = ['Criterion', 'Met', 'Total', 'Share met (0-1)', 'Weight in the index', 'Yes without evidence', 'Answered no', 'Unanswered'] as const;
const WIDTHS = [30, 10, 10, 16, 20, 22, 14, 14];

const INSTRUMENT: Readonly<Record<Scores['instrument'], string>> = {
  losi: 'LOSI (Local Online Service Index)',
  osi: 'OSI (Online Service Index)',
};

const LEVEL: Readonly<Record<Level, string>> = {
  veryHigh: 'Very high',
  high: 'High',
  middle: 'Middle',
  low: 'Low',
};

const PROVENANCE: Readonly<Record<MethodProvenance, string>> = {
  verified: 'Verified: stated by an official UN source',
  'third-party-copy': 'From a third-party copy of an official UN source',
  reconstructed: 'Reconstructed from public sources, not official: confirm before relying on it',
};

/** What "indicative" means, and when an indicator counts as met, in plain words. */
export const SCORE_NOTES: readonly string[] = [
  "Indicative only: this is the signer's own estimate, as EGov Desk computed it from these answers and evidence when the file was signed. It is not the official UN index: the UN assesses portals itself and, for the OSI, rescales scores across all countries, which a self-assessment cannot do.",
  'An indicator answered yes counts as met only when the evidence its question requires (at least one link) was given; a yes without it is counted apart and not as met.',
  'Anyone can recompute these numbers from the signed answers and evidence with the method named below, to check them.',
];

/** A number as the signed document holds it (shares are rounded to 4 decimals when signed). */
const number = (value: number): string => String(value);

/** The Scores sheet, or undefined when the document carries no scores (questionnaires without a scoring method). */
export function scoresSheet(document: SubmissionDocument, name: string = SCORES_SHEET): SheetModel | undefined {
  const scores = document.scores;
  if (scores === undefined) return undefined;
  const rows: RowModel[] = [];
  const heading = (text: string) => rows.push({ cells: [text], style: 'heading' });
  const field = (label: string, value: string, named = label) => rows.push({ cells: [label, value], style: 'label', label: named });
  const blank = () => rows.push({ cells: [], style: 'body' });

  rows.push({ cells: ['Self-assessment scores (indicative)'], style: 'title' });
  blank();
  SCORE_NOTES.forEach((note, index) => rows.push({ cells: [index === 0 ? 'Note' : '', note], style: 'label', label: `Score note ${String(index + 1)}` }));
  blank();
  heading('Method');
  // The method id is the one free text of the summary: made writable like any signed text.
  field('Method', cellSafeText(scores.method), 'Scoring method');
  field('Instrument', INSTRUMENT[scores.instrument]);
  // Always true in the format (`indicative: true`); said in words so the sheet never reads as official.
  field('Indicative', 'Yes: an estimate, not the official index');
  field('How the index is made', PROVENANCE[scores.provenance.index], 'Provenance of the index method');
  if (scores.provenance.weights !== undefined) field('Weights', PROVENANCE[scores.provenance.weights], 'Provenance of the weights');
  field('Level bands', PROVENANCE[scores.provenance.bands], 'Provenance of the level bands');
  blank();
  heading('Result');
  field('Index (0-1)', number(scores.index), 'Index');
  field('Level', LEVEL[scores.level]);
  blank();
  rows.push({ cells: [...SCORE_COLUMNS], style: 'header' });
  for (const c of scores.criteria) {
    rows.push({
      cells: [
        c.criterion,
        number(c.met),
        number(c.total),
        number(c.share),
        c.weight === undefined ? 'not in the index' : number(c.weight),
        number(c.yesWithoutEvidence),
        number(c.notMet),
        number(c.unanswered),
      ],
      style: 'body',
      label: `Criterion ${c.criterion}`,
    });
  }
  const t = scores.totals;
  rows.push({
    cells: ['All indicators', number(t.met), number(t.indicators), '', '', number(t.yesWithoutEvidence), number(t.notMet), number(t.unanswered)],
    style: 'label',
    label: 'Totals',
  });

  return { name, widths: WIDTHS, frozenRows: 0, rows };
}
