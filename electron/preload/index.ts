// First: before any module below builds a zod schema (see shared/zod-setup.ts).
import '../../shared/zod-setup';
import { contextBridge, ipcRenderer } from 'electron';
import { DESKTOP_API_GLOBAL, ipcContract } from '../../shared/ipc/contract';
import type { DesktopApi, IpcMethod, IpcRequest, IpcResponse } from '../../shared/ipc/contract';
import { envelopeSchema } from '../../shared/ipc/envelope';
import type { ErrorCode } from '../../shared/errors';
import { encodeIpcErrorMessage, IPC_ERROR_NAME } from '../../shared/ipc/ipc-error';
import type { z } from 'zod';

/**
 * The renderer's only door to the main process: one named function per contract method, frozen.
 * No `ipcRenderer`, no generic `invoke(channel)`, so a compromised page can do exactly what the
 * contract allows and no more. This file is bundled into one CommonJS file (sandboxed preloads can
 * neither load ES modules nor `require` local files); only `electron` stays external.
 */

type ResponseEntries = {
  readonly [M in IpcMethod]: { readonly channel: string; readonly response: z.ZodType<IpcResponse<M>> };
};
/** Re-typed so `entries[M].response` parses to exactly `IpcResponse<M>` for a generic M (checked, not cast). */
const responseEntries: ResponseEntries = ipcContract;

/** A plain Error: contextBridge keeps `message` (and the code prefix in it) but drops custom classes. */
export function ipcError(code: ErrorCode, message: string): Error & { readonly code: ErrorCode } {
  const error = Object.assign(new Error(encodeIpcErrorMessage(code, message)), { code });
  error.name = IPC_ERROR_NAME;
  return error;
}

export function bridgeMethod<M extends IpcMethod>(method: M): (request: IpcRequest<M>) => Promise<IpcResponse<M>> {
  const { channel, response } = responseEntries[method];
  const envelope = envelopeSchema(response);
  return async (request: IpcRequest<M>): Promise<IpcResponse<M>> => {
    let raw: unknown;
    try {
      raw = await ipcRenderer.invoke(channel, request);
    } catch {
      // Only happens when the main process has no handler or the payload cannot be cloned.
      throw ipcError('INTERNAL', `${channel}: the desktop side did not answer.`);
    }
    const parsed = envelope.safeParse(raw);
    if (!parsed.success) throw ipcError('INTERNAL', `${channel}: the desktop side sent a malformed answer.`);
    if (!parsed.data.ok) throw ipcError(parsed.data.error.code, parsed.data.error.message);
    return parsed.data.value;
  };
}

/** Listed by hand so the compiler checks, through `satisfies`, that every method is present once. */
export function buildDesktopApi(): DesktopApi {
  return {
    getAppInfo: bridgeMethod('getAppInfo'),
    openExternal: bridgeMethod('openExternal'),
    openFiles: bridgeMethod('openFiles'),
    saveFile: bridgeMethod('saveFile'),
    generateSigningKey: bridgeMethod('generateSigningKey'),
    listSigningKeys: bridgeMethod('listSigningKeys'),
    signWithKey: bridgeMethod('signWithKey'),
    checkLinks: bridgeMethod('checkLinks'),
    takeOpenedFiles: bridgeMethod('takeOpenedFiles'),
    pickSubmissions: bridgeMethod('pickSubmissions'),
  } satisfies DesktopApi;
}

contextBridge.exposeInMainWorld(DESKTOP_API_GLOBAL, Object.freeze(buildDesktopApi()));
