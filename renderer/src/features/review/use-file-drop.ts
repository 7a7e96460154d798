import { useEffect } from 'react';
import { MAX_OPEN_FILE_BYTES } from '../../../../shared/ipc/contract';
import { FileTooLargeError } from '../../../../shared/errors';
import { reportError } from '../../app/notices';
import { openAndReview } from './open-submission';

/**
 * Drag and drop of a submission onto the window. The browser's default (navigating to the file)
 * is always prevented: in Electron navigation is denied anyway, and in the web app it would leave
 * the app. Only the first file counts; its size is checked before it is read.
 */
export function useFileDrop(): void {
  useEffect(() => {
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onDragOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      if (file.size > MAX_OPEN_FILE_BYTES) {
        reportError('review.openFailed', new FileTooLargeError(file.name, file.size, MAX_OPEN_FILE_BYTES));
        return;
      }
      file
        .arrayBuffer()
        .then((buffer) => openAndReview(file.name, new Uint8Array(buffer)))
        .catch((error: unknown) => { reportError('review.openFailed', error); });
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
}
