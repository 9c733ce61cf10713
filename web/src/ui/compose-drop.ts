// Files reach the composer by drag and drop and by paste too, as well as through the file picker.
import { useState, type ClipboardEvent, type DragEvent } from 'react';
import type { Attachments } from './compose-media.ts';

const carriesFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');

export function useDropAndPaste(attachments: Attachments) {
  const [dragging, setDragging] = useState(false);
  return {
    dragging,
    handlers: {
      onDragOver(e: DragEvent) {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      },
      onDragLeave(e: DragEvent) {
        // Leaving for a child of the form is not leaving the form.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      },
      onDrop(e: DragEvent) {
        setDragging(false);
        if (!carriesFiles(e)) return;
        e.preventDefault();
        attachments.add([...e.dataTransfer.files]);
      },
      /** Pasted text is left to the text area; pasted files (a screenshot) are attached. */
      onPaste(e: ClipboardEvent) {
        const files = [...e.clipboardData.files];
        if (files.length === 0) return;
        e.preventDefault();
        attachments.add(files);
      },
    },
  };
}
