import type { IntakeFile } from '../../../../shared/merge/model';
import type { QuestionnaireDefinition } from '../../../../shared/schemas/questionnaire';
import type { SignerCard } from '../../../../shared/submission/document';

/** What every verification needs besides the file: the trusted list and the known definitions. */
export interface VerifyContext {
  readonly trusted: readonly SignerCard[];
  readonly definitions: readonly QuestionnaireDefinition[];
}

/** One file to verify; `index` is its place in the intake. */
export interface VerifyJob {
  readonly index: number;
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * Messages between the page and a verification worker. The context goes once per worker (`init`,
 * answered by `ready`), so each job carries only its own bytes.
 */
export type ToWorker = { readonly type: 'init'; readonly context: VerifyContext } | { readonly type: 'verify'; readonly job: VerifyJob };

export type FromWorker = { readonly type: 'ready' } | { readonly type: 'verified'; readonly file: IntakeFile };
