import { formatKeyIdForReading } from '../../shared/crypto/key-id';
import { assertNever } from '../../shared/errors';
import type { ConsolidatedVerification, UnsignedConsolidated } from '../../shared/merge/consolidated';
import type { SignatureProblem, VerificationReport } from '../../shared/submission/verify';
import { terminalSafe } from './terminal-text';

/**
 * Verification reports for people (one block per file) and for scripts (`--json`): signed
 * submissions, and the coordinator's consolidated datasets (`egov-desk/consolidated`).
 * Every field of the text that comes from a file (its name, a signer, a reason quoting its bytes)
 * goes through `safe`, so no file can steer the terminal it is reported on.
 */

const safe = (text: string): string => terminalSafe(text);

/** What one file turned out to be, and the verdict on it. */
export type FileVerdict =
  | { readonly kind: 'submission'; readonly format: 'json' | 'xlsx'; readonly report: VerificationReport }
  | { readonly kind: 'consolidated'; readonly verification: ConsolidatedVerification };

/** Whether the file counts as valid for the exit status: signed, verified and unchanged (trusted or not). */
export function isValidVerdict(verdict: FileVerdict): boolean {
  return verdict.kind === 'submission' ? verdict.report.status === 'valid' : verdict.verification.status === 'valid';
}

export function verdictText(file: string, verdict: FileVerdict): string {
  return verdict.kind === 'submission' ? reportText(file, verdict.report) : consolidatedText(file, verdict.verification);
}

/** Who signed, as the text shows it: "Name (Organisation)". */
const signerText = (signer: { readonly name: string; readonly organisation: string }): string => `${safe(signer.name)} (${safe(signer.organisation)})`;

export function verdictJson(file: string, verdict: FileVerdict): Record<string, unknown> {
  return verdict.kind === 'submission' ? reportJson(file, verdict.format, verdict.report) : consolidatedJson(file, verdict.verification);
}

const PROBLEMS: Readonly<Record<SignatureProblem, string>> = {
  badSignature: 'the signature does not match the signed content (it was changed, or signed with another key)',
  keyIdMismatch: 'the key id in the signature is not the id of its public key',
  signerKeyMismatch: "the signature was made with a different key than the signer's",
  malformed: 'the signature or its public key is not well-formed',
};

export function reportText(shownAs: string, report: VerificationReport): string {
  const file = safe(shownAs);
  switch (report.status) {
    case 'valid': {
      const { signer } = report.document;
      const trust = report.trusted ? 'trusted' : 'not on the trusted list';
      return `${file}: valid, signed by ${signerText(signer)}, key ${safe(formatKeyIdForReading(signer.keyId))}, ${trust}\n`;
    }
    case 'signatureInvalid':
      return `${file}: signature invalid: ${PROBLEMS[report.problem]}\n`;
    case 'changed': {
      const lines = report.changes.map((change) => {
        const detail = [change.signed === undefined ? '' : `signed: ${safe(change.signed)}`, change.found === undefined ? '' : `found: ${safe(change.found)}`].filter(Boolean).join(', ');
        return `  - ${safe(change.where)}${detail ? ` (${detail})` : ''}\n`;
      });
      return `${file}: changed after signing: ${String(report.changes.length)} ${report.changes.length === 1 ? 'change' : 'changes'}\n${lines.join('')}`;
    }
    case 'unreadable':
      return `${file}: unreadable: ${safe(report.reason)}\n`;
    default:
      return assertNever(report);
  }
}

/** The machine-readable form: the verdict and who signed, without the whole document. */
export function reportJson(file: string, format: 'json' | 'xlsx', report: VerificationReport): Record<string, unknown> {
  const base = { file, kind: 'submission', format, status: report.status };
  if (report.status === 'unreadable') return { ...base, reason: report.reason };
  const { document } = report;
  const about = {
    submissionId: document.submissionId,
    questionnaire: { id: document.questionnaire.id, version: document.questionnaire.version },
    respondent: document.respondent,
    signer: document.signer,
    signedAt: document.timestamps.signed,
  };
  switch (report.status) {
    case 'valid':
      return { ...base, trusted: report.trusted, ...about };
    case 'signatureInvalid':
      return { ...base, problem: report.problem, message: PROBLEMS[report.problem], ...about };
    case 'changed':
      return { ...base, changes: report.changes, ...about };
    default:
      return assertNever(report);
  }
}

// ---------------------------------------------------------------------------------------------
// Consolidated datasets

/** Worded for a dataset and its coordinator, so the line alone says which kind of file failed. */
const CONSOLIDATED_PROBLEMS: Readonly<Record<SignatureProblem, string>> = {
  badSignature: 'the signature does not match the consolidated dataset (it was changed after signing, or signed with another key)',
  keyIdMismatch: "the key id in the consolidated dataset's signature is not the id of its public key",
  signerKeyMismatch: "the consolidated dataset's signature was made with a different key than the coordinator's",
  malformed: "the consolidated dataset's signature or its public key is not well-formed",
};

const plural = (n: number, one: string, many = `${one}s`): string => `${String(n)} ${n === 1 ? one : many}`;

/**
 * `3 respondents from 5 files, 1 open conflict`: the files are those whose answers are in the
 * merge (duplicates, superseded and kept-out files are listed in the dataset but add nothing).
 */
function summaryText({ summary }: UnsignedConsolidated): string {
  const awaiting = summary.filesNeedingDecision > 0 ? `, ${plural(summary.filesNeedingDecision, 'file')} awaiting a decision` : '';
  return `${plural(summary.respondents, 'respondent')} from ${plural(summary.merged, 'file')}, ${plural(summary.openConflicts, 'open conflict')}${awaiting}`;
}

export function consolidatedText(shownAs: string, verification: ConsolidatedVerification): string {
  const file = safe(shownAs);
  switch (verification.status) {
    case 'valid': {
      const { coordinator } = verification.document;
      const trust = verification.trusted ? 'trusted' : 'not on the trusted list';
      return `${file}: valid consolidated dataset, signed by ${signerText(coordinator)}, key ${safe(formatKeyIdForReading(coordinator.keyId))}, ${trust}; ${summaryText(verification.document)}\n`;
    }
    case 'unsigned':
      // The counts are shown, but nothing vouches for them: no one signed the file.
      return `${file}: unsigned consolidated dataset (no coordinator signature); ${summaryText(verification.document)}\n`;
    case 'signatureInvalid':
      return `${file}: signature invalid: ${CONSOLIDATED_PROBLEMS[verification.problem]}\n`;
    case 'unreadable':
      return `${file}: unreadable: ${safe(verification.reason)}\n`;
    default:
      return assertNever(verification);
  }
}

/** The machine-readable form: the verdict, who signed and the summary, without the dataset itself. */
export function consolidatedJson(file: string, verification: ConsolidatedVerification): Record<string, unknown> {
  const base = { file, kind: 'consolidated', format: 'json', status: verification.status };
  if (verification.status === 'unreadable') return { ...base, reason: verification.reason };
  const { document } = verification;
  const about = {
    consolidationId: document.consolidationId,
    createdAt: document.createdAt,
    questionnaires: document.questionnaires.map((q) => ({ id: q.id, version: q.version })),
    summary: document.summary,
  };
  switch (verification.status) {
    case 'valid':
      return { ...base, trusted: verification.trusted, coordinator: verification.document.coordinator, ...about };
    case 'unsigned':
      return { ...base, ...about };
    case 'signatureInvalid':
      return { ...base, problem: verification.problem, message: CONSOLIDATED_PROBLEMS[verification.problem], coordinator: verification.document.coordinator, ...about };
    default:
      return assertNever(verification);
  }
}
