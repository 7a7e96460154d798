import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { ipcContract } from '../../../shared/ipc/contract';
import type { IpcContract, IpcMethod } from '../../../shared/ipc/contract';
import { fail, ok } from '../../../shared/ipc/envelope';
import type { Envelope } from '../../../shared/ipc/envelope';
import { describeIssues } from '../../../shared/parse';
import { logger } from '../logger';
import { isAppUrl } from '../protocol';

/** A request after its schema has parsed it (defaults applied, refinements checked). */
type ParsedRequest<M extends IpcMethod> = z.output<IpcContract[M]['request']>;
type ParsedResponse<M extends IpcMethod> = z.output<IpcContract[M]['response']>;

/** One implementation per contract method; a missing or extra method is a compile error. */
export type IpcHandlers = {
  readonly [M in IpcMethod]: (request: ParsedRequest<M>) => Promise<ParsedResponse<M>>;
};

/**
 * The contract re-typed as a mapped type over its own keys. TypeScript can then follow, for a
 * generic `M`, that `entries[M].request` yields exactly what `handlers[M]` accepts (the
 * "correlated union" pattern); assigning `ipcContract` below is checked, not cast.
 */
type ContractEntries = {
  readonly [M in IpcMethod]: {
    readonly channel: string;
    readonly request: z.ZodType<ParsedRequest<M>>;
    readonly response: z.ZodType<ParsedResponse<M>>;
  };
};
const contractEntries: ContractEntries = ipcContract;

/** The parts of Electron's `ipcMain` and its event used here; narrow so tests can pass a fake. */
export interface InvokeEvent {
  readonly senderFrame: { readonly url: string } | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, payload: unknown) => Promise<Envelope<unknown>>): void;
}

export function ipcMethods(): IpcMethod[] {
  return Object.keys(ipcContract).filter(isIpcMethod);
}

function isIpcMethod(key: string): key is IpcMethod {
  return Object.hasOwn(ipcContract, key);
}

/**
 * Binds every contract channel. Each call is answered with an envelope and never throws across
 * IPC: the payload is parsed as `unknown` (TypeScript types mean nothing on the wire), the sender
 * must be the app's own page, and the handler's answer is checked against the response schema too.
 */
export function registerIpcHandlers(ipcMain: IpcMainLike, handlers: IpcHandlers): void {
  for (const method of ipcMethods()) registerMethod(ipcMain, method, handlers[method]);
}

function registerMethod<M extends IpcMethod>(ipcMain: IpcMainLike, method: M, handler: IpcHandlers[M]): void {
  const { channel, request, response } = contractEntries[method];

  ipcMain.handle(channel, async (event, payload) => {
    const senderUrl = event.senderFrame?.url ?? '(no frame)';
    if (!isAppUrl(senderUrl)) {
      logger.warn(`Refused ${channel} from a page outside the app.`, senderUrl);
      return fail('IPC_SENDER_REFUSED', `${channel}: refused, the request did not come from the app.`);
    }

    const parsed = request.safeParse(payload);
    if (!parsed.success) {
      return fail('INVALID_PAYLOAD', `${channel}: invalid request: ${describeIssues(parsed.error.issues)}`);
    }

    try {
      const result = response.safeParse(await handler(parsed.data));
      if (!result.success) {
        logger.error(`${channel}: the handler returned a value that breaks the contract.`, describeIssues(result.error.issues));
        return fail('INTERNAL', `${channel}: unexpected internal error.`);
      }
      return ok(result.data);
    } catch (error: unknown) {
      if (error instanceof AppError) return fail(error.code, error.message);
      // The details (stack, OS paths) go to the log, not to the page.
      logger.error(`${channel}: handler failed.`, error);
      return fail('INTERNAL', `${channel}: unexpected internal error.`);
    }
  });
}
