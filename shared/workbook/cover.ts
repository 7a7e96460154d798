import { formatKeyIdForReading } from '../crypto/key-id';
import type { SubmissionDocument } from '../submission/document';
import type { RowModel, SheetModel } from './model';
import { COVER_SHEET, SUBMISSION_SHEET } from './sheet-names';
import { cellSafeText, splitText } from './text';

const STATUS: Readonly<Record<SubmissionDocument['validation']['status'], string>> = {
  ready: 'Ready: no errors, no open warnings',
  needsAcknowledgement: 'Warnings not yet acknowledged',
  notReady: 'Not ready: errors remain',
};

/** What the cover tells a reviewer about checking the file, in plain words. */
export const VERIFICATION_STEPS: readonly string[] = [
  `EGov Desk wrote this workbook from a digitally signed submission, which it keeps in the hidden sheet "${SUBMISSION_SHEET}". The sheets you see are written from that submission.`,
  'To check it, open the workbook in EGov Desk (Verify a submission) or run "egov-desk verify" with this file. The check confirms the signature and that every visible cell still shows what was signed.',
  'A valid signature proves that nothing changed since signing, not who signed. Ask the signer for their key id by a channel you trust (a phone call, a letter) and compare it with the key id above, group by group, or add their signer card to your trusted list.',
  'Opening and saving the workbook without edits keeps it valid. Any edit to a visible cell (an answer, a link, this cover) is reported as a change, cell by cell.',
  `Without EGov Desk: unhide "${SUBMISSION_SHEET}" and join its cells A2, A3, … in order, without separators, into one file. That file is the signed JSON submission; the EGov Desk README explains how to check its signature with OpenSSL.`,
];

/**
 * The cover: who answered what, who signed with which key, when, how complete the answers were,
 * and how to verify. Every value comes from the signed document, so the cover is checked in full.
 */
export function coverSheet(document: SubmissionDocument): SheetModel {
  const { questionnaire: q, respondent: r, signer: s, timestamps: t, validation: v } = document;
  const rows: RowModel[] = [];
  const heading = (text: string) => rows.push({ cells: [text], style: 'heading' });
  // A value too long for one cell (only a title can be) continues in the rows below.
  const field = (label: string, value: string, name = label) => {
    splitText(cellSafeText(value)).forEach((piece, i) => rows.push({ cells: [i === 0 ? label : '', piece], style: 'label', label: name }));
  };
  const blank = () => rows.push({ cells: [], style: 'body' });

  rows.push({ cells: ['EGov Desk signed submission'], style: 'title' });
  blank();
  heading('Questionnaire');
  field('Title', q.title, 'Questionnaire title');
  field('Id', q.id, 'Questionnaire id');
  field('Version', q.version, 'Questionnaire version');
  field('Edition', q.edition, 'Questionnaire edition');
  field('Content hash', q.contentHash, 'Questionnaire content hash');
  field('Submission id', document.submissionId);
  if (document.revises !== undefined) field('Revises submission', document.revises);
  blank();
  heading('Respondent');
  field(r.kind === 'city' ? 'City' : 'Country', r.place, 'Respondent place');
  field('Organisation', r.organisation, 'Respondent organisation');
  field('Focal point', r.focalPointName, 'Focal point name');
  field('Focal point e-mail', r.focalPointEmail);
  blank();
  heading('Signed by');
  field('Name', s.name, 'Signer name');
  field('Organisation', s.organisation, 'Signer organisation');
  field('E-mail', s.email, 'Signer e-mail');
  field('Key id', s.keyId, 'Signing key id');
  field('Key id, read aloud', formatKeyIdForReading(s.keyId), 'Key id in groups of four');
  blank();
  heading('Dates (UTC)');
  field('Started', t.started, 'Date started');
  field('Last changed', t.lastChanged, 'Date last changed');
  field('Signed', t.signed, 'Date signed');
  blank();
  heading('Validation when signed');
  field('Status', STATUS[v.status], 'Validation status');
  field('Questions answered', `${String(v.answered)} of ${String(v.total)}`);
  field('Errors', String(v.errors));
  const acknowledged = v.findings.filter((f) => f.severity === 'warning' && f.acknowledged).length;
  field('Warnings', acknowledged > 0 ? `${String(v.warnings)} (${String(acknowledged)} acknowledged)` : String(v.warnings));
  blank();
  heading('How to verify this workbook');
  VERIFICATION_STEPS.forEach((step, index) => rows.push({ cells: [`${String(index + 1)}.`, step], style: 'label', label: `Verification step ${String(index + 1)}` }));

  return { name: COVER_SHEET, widths: [24, 100], frozenRows: 0, rows };
}
