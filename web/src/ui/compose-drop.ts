// Files reach the composer by drag and drop and by paste too, as well as through the file picker;
// not while it holds a poll (`accepting` false: a post has one or the other).
import { useState, type ClipboardEvent, type DragEvent } from 'react';
import type { Attachments } from './compose-media.ts';

const carriesFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');

export function useDropAndPaste(attachments: Attachments, accepting: boolean) {
  const [dragging, setDragging] = useState(false);
  return {
    dragging,
    handlers: {
      onDragOver(e: DragEvent) {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = accepting ? 'copy' : 'none';
        setDragging(accepting);
      },
      onDragLeave(e: DragEvent) {
        // Leaving for a child of the form is not leaving the form.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      },
      onDrop(e: DragEvent) {
        setDragging(false);
        if (!carriesFiles(e)) return;
        e.preventDefault();
        if (accepting) attachments.add([...e.dataTransfer.files]);
      },
      /** Pasted text is left to the text area; pasted files (a screenshot) are attached. */
      onPaste(e: ClipboardEvent) {
        const files = [...e.clipboardData.files];
        if (files.length === 0) return;
        e.preventDefault();
        if (accepting) attachments.add(files);
      },
    },
  };
}
