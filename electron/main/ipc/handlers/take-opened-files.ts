import { openWithQueue } from '../../open-with';
import type { OpenWithQueue } from '../../open-with';
import type { IpcHandlers } from '../register';

/** `files:take-opened` over any queue (a fresh one in tests). */
export function takeOpenedFilesHandler(queue: Pick<OpenWithQueue, 'take'>): IpcHandlers['takeOpenedFiles'] {
  return () => queue.take();
}

/** Hands the page the files the OS asked the app to open, and forgets them. */
export const takeOpenedFiles: IpcHandlers['takeOpenedFiles'] = takeOpenedFilesHandler(openWithQueue);
