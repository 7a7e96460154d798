import type { Envelope } from '../../shared/ipc/envelope';
import type { IpcMainLike, InvokeEvent } from '../../electron/main/ipc/register';

type Listener = Parameters<IpcMainLike['handle']>[1];

/** Stands in for Electron's ipcMain: records handlers and invokes them as the app's own page would. */
export class FakeIpcMain implements IpcMainLike {
  readonly listeners = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    this.listeners.set(channel, listener);
  }
  invoke(channel: string, payload: unknown, senderUrl = 'app://egov-desk/index.html'): Promise<Envelope<unknown>> {
    const listener = this.listeners.get(channel);
    if (listener === undefined) throw new Error(`No handler for ${channel}`);
    const event: InvokeEvent = { senderFrame: { url: senderUrl } };
    return listener(event, payload);
  }
}
