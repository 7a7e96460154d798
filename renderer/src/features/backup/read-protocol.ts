import type { BackupRead, ReadStage } from '../../../../shared/backup/read';

/**
 * Messages between the page and the backup-reading worker (read-worker.ts). One request per
 * worker: it reads, reports each stage, answers once and is terminated.
 * - `check`: only whether the bytes read back (making a backup): the answer carries no rows;
 * - `read`: the whole backup (restoring): the answer carries every row.
 */
export interface ReadRequest {
  readonly type: 'check' | 'read';
  readonly bytes: Uint8Array;
  readonly knownDatabaseVersion: number;
}

/** The answer to a `check`: a refusal as `read` gives it, or just "it reads back". */
export type CheckResult = { readonly ok: true } | Extract<BackupRead, { ok: false }>;

export type FromReadWorker =
  | { readonly type: 'stage'; readonly stage: ReadStage }
  | { readonly type: 'read'; readonly result: BackupRead }
  | { readonly type: 'checked'; readonly result: CheckResult };
