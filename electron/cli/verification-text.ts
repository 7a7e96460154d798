import { formatKeyIdForReading } from '../../shared/crypto/key-id';
import { assertNever } from '../../shared/errors';
import type { SignatureProblem, VerificationReport } from '../../shared/submission/verify';

/** Verification reports for people (one block per file) and for scripts (`--json`). */

const PROBLEMS: Readonly<Record<SignatureProblem, string>> = {
  badSignature: 'the signature does not match the signed content (it was changed, or signed with another key)',
  keyIdMismatch: 'the key id in the signature is not the id of its public key',
  signerKeyMismatch: "the signature was made with a different key than the signer's",
  malformed: 'the signature or its public key is not well-formed',
};

export function reportText(file: string, report: VerificationReport): string {
  switch (report.status) {
    case 'valid': {
      const { signer } = report.document;
      const trust = report.trusted ? 'trusted' : 'not on the trusted list';
      return `${file}: valid, signed by ${signer.name} (${signer.organisation}), key ${formatKeyIdForReading(signer.keyId)}, ${trust}\n`;
    }
    case 'signatureInvalid':
      return `${file}: signature invalid: ${PROBLEMS[report.problem]}\n`;
    case 'changed': {
      const lines = report.changes.map((change) => {
        const detail = [change.signed === undefined ? '' : `signed: ${change.signed}`, change.found === undefined ? '' : `found: ${change.found}`].filter(Boolean).join(', ');
        return `  - ${change.where}${detail ? ` (${detail})` : ''}\n`;
      });
      return `${file}: changed after signing: ${String(report.changes.length)} ${report.changes.length === 1 ? 'change' : 'changes'}\n${lines.join('')}`;
    }
    case 'unreadable':
      return `${file}: unreadable: ${report.reason}\n`;
    default:
      return assertNever(report);
  }
}

/** The machine-readable form: the verdict and who signed, without the whole document. */
export function reportJson(file: string, format: 'json' | 'xlsx', report: VerificationReport): Record<string, unknown> {
  const base = { file, format, status: report.status };
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
