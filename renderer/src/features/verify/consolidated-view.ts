import type { TFunction } from 'i18next';
import { formatKeyIdForReading } from '../../../../shared/crypto/key-id';
import type { ConsolidatedVerification, UnsignedConsolidated } from '../../../../shared/merge/consolidated';
import { formatDateTime, formatNumber } from '../../i18n/format';

/**
 * What the Verify screen says about a coordinator's consolidated dataset, as plain text so it can
 * be tested without rendering: a verdict (with its tone), what to make of it, and a summary of
 * what the dataset holds. The summary of an unsigned or badly signed file is shown too (it says
 * what the file claims), under a verdict that says it cannot be relied on.
 */
export interface ConsolidatedView {
  /** `ok` for a valid signature, `warning` for an unsigned file, `danger` for everything else. */
  readonly tone: 'ok' | 'warning' | 'danger';
  readonly verdict: string;
  /** Whether the coordinator is trusted, what is wrong with the signature, files still undecided. */
  readonly details: readonly string[];
  /** Respondents, merged files, open conflicts and creation time; absent when unreadable. */
  readonly summary?: string;
  /** The signing key, grouped for reading aloud; only for a signed file. */
  readonly keyId?: string;
}

function summaryOf(t: TFunction, document: UnsignedConsolidated, language: string): string {
  const { summary } = document;
  return t('verify.consolidated.summary', {
    respondents: formatNumber(summary.respondents, language),
    files: formatNumber(summary.merged, language),
    conflicts: formatNumber(summary.openConflicts, language),
    date: formatDateTime(Date.parse(document.createdAt), language),
  });
}

/** Files kept out of the merge until the coordinator decides: the dataset is not final while there are any. */
function undecided(t: TFunction, document: UnsignedConsolidated): string[] {
  const count = document.summary.filesNeedingDecision;
  return count > 0 ? [t('verify.consolidated.filesUndecided', { count })] : [];
}

export function consolidatedView(t: TFunction, verification: ConsolidatedVerification, language: string): ConsolidatedView {
  switch (verification.status) {
    case 'valid': {
      const { document } = verification;
      return {
        tone: 'ok',
        verdict: t('verify.consolidated.valid', { name: document.coordinator.name, organisation: document.coordinator.organisation }),
        details: [verification.trusted ? t('verify.consolidated.trusted') : t('verify.consolidated.untrusted'), ...undecided(t, document)],
        summary: summaryOf(t, document, language),
        keyId: t('verify.keyId', { keyId: formatKeyIdForReading(document.signature.keyId) }),
      };
    }
    case 'unsigned':
      return { tone: 'warning', verdict: t('verify.consolidated.unsigned'), details: undecided(t, verification.document), summary: summaryOf(t, verification.document, language) };
    case 'signatureInvalid':
      return {
        tone: 'danger',
        verdict: t('verify.consolidated.signatureInvalid'),
        details: [t(`verify.problem.${verification.problem}`)],
        summary: summaryOf(t, verification.document, language),
        keyId: t('verify.keyId', { keyId: formatKeyIdForReading(verification.document.signature.keyId) }),
      };
    case 'unreadable':
      return { tone: 'danger', verdict: t('verify.consolidated.unreadable', { reason: verification.reason }), details: [] };
  }
}
