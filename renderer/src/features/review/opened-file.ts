import { useSyncExternalStore } from 'react';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import type { SignerCard } from '../../../../shared/submission/document';
import type { VerificationReport } from '../../../../shared/submission/verify';
import { MAX_OPEN_FILE_BYTES } from '../../../../shared/ipc/contract';

/**
 * The submission file a reviewer has opened, held in memory only: a file that fails verification
 * is shown with its reason and nothing is stored. Kept outside React so the review screen and the
 * home screen (dialog, drag and drop) share it across route changes.
 */
export interface OpenedSubmission {
  readonly fileName: string;
  readonly report: VerificationReport;
}

let current: OpenedSubmission | undefined;
const listeners = new Set<() => void>();

export function openedSubmission(): OpenedSubmission | undefined {
  return current;
}

function set(next: OpenedSubmission | undefined): void {
  current = next;
  listeners.forEach((listener) => { listener(); });
}

export function useOpenedSubmission(): OpenedSubmission | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

/** Verifies a file's bytes (JSON or workbook) and makes it the opened submission. */
export async function openSubmissionFile(
  fileName: string,
  bytes: Uint8Array,
  trusted: readonly SignerCard[],
  definitions: readonly QuestionnaireDefinition[],
): Promise<OpenedSubmission> {
  const report: VerificationReport =
    bytes.byteLength > MAX_OPEN_FILE_BYTES
      ? { status: 'unreadable', reason: `the file is larger than ${String(MAX_OPEN_FILE_BYTES / 1024 / 1024)} MB` }
      : // Verification loads with the first file opened, not with the first screen (issue 10).
        await import('../verify/verify-file').then(({ verifyFile }) => verifyFile(bytes, trusted, definitions));
  const opened = { fileName, report };
  set(opened);
  return opened;
}

/** Re-checks whether the opened file's signer is trusted, after the trusted list changed. */
export function markTrusted(keyId: string): void {
  if (current?.report.status !== 'valid' || current.report.document.signature.keyId !== keyId) return;
  set({ ...current, report: { ...current.report, trusted: true } });
}
