// First: before any module below builds a zod schema (see shared/zod-setup.ts).
import '../../../../shared/zod-setup';
import { verifyIntakeBytes } from '../../../../shared/merge/verify-file';
import type { FromWorker, ToWorker, VerifyContext } from './verify-protocol';

/**
 * A verification worker (a module worker started by verify-pool.ts). It keeps the context the page
 * sends once and verifies each file it is given; `verifyIntakeBytes` never throws, so every job
 * gets an answer.
 */

/** The part of the worker's global scope used here (the DOM library types `self` as a window). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
}

const scope = self as unknown as WorkerScope;
let context: VerifyContext = { trusted: [], definitions: [] };

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'init') {
    context = message.context;
    scope.postMessage({ type: 'ready' });
    return;
  }
  void verifyIntakeBytes(message.job, context.trusted, context.definitions).then((file) => {
    scope.postMessage({ type: 'verified', file });
  });
};
