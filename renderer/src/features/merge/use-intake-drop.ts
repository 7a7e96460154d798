import { useEffect, useRef } from 'react';
import type { OpenedWithFiles } from '../../platform/types';
import { takeSubmissionFiles } from '../../platform/web';

/**
 * While the merge screen is open, files dropped anywhere on the window join the intake (all of
 * them, not only the first, as elsewhere in the app). The listeners run in the capture phase and
 * stop the drop there, so the app-wide handler (which opens one file for review) does not also
 * act on it. A dropped folder cannot be read as files here: it is listed as not added, with the
 * way to add it.
 */
export function useIntakeDrop(onFiles: (picked: OpenedWithFiles) => void, folderReason: string): void {
  const handler = useRef(onFiles);
  const reason = useRef(folderReason);
  useEffect(() => {
    handler.current = onFiles;
    reason.current = folderReason;
  });
  useEffect(() => {
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onDragOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      event.stopPropagation();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event) || !event.dataTransfer) return;
      event.preventDefault();
      event.stopPropagation();
      const files: File[] = [];
      const folders: string[] = [];
      // Read synchronously: the items are only available while the drop event is handled.
      for (const item of [...event.dataTransfer.items]) {
        if (item.kind !== 'file') continue;
        const entry = item.webkitGetAsEntry();
        const file = item.getAsFile();
        if (entry?.isDirectory) folders.push(entry.name);
        else if (file) files.push(file);
      }
      void takeSubmissionFiles(files, { folder: false }).then((picked) => {
        handler.current({ files: picked.files, refused: [...folders.map((name) => ({ name, reason: reason.current })), ...picked.refused] });
      });
    };
    window.addEventListener('dragover', onDragOver, true);
    window.addEventListener('drop', onDrop, true);
    return () => {
      window.removeEventListener('dragover', onDragOver, true);
      window.removeEventListener('drop', onDrop, true);
    };
  }, []);
}
