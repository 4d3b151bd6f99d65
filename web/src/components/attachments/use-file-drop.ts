// Files dropped on a composer, or an image pasted into it, become
// attachments. Spread `handlers` on the composer's form; `dragging` is true
// while files are held over it, to show where they may be dropped.
import { useRef, useState, type ClipboardEvent, type DragEvent } from 'react';

function carriesFiles(event: DragEvent): boolean {
  return [...event.dataTransfer.types].includes('Files');
}

export function useFileDrop(onFiles: (files: File[]) => void, enabled = true) {
  const [dragging, setDragging] = useState(false);
  // dragenter and dragleave fire for every child crossed: count the depth.
  const depth = useRef(0);

  const handlers = {
    onDragEnter(event: DragEvent) {
      if (!enabled || !carriesFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setDragging(true);
    },
    onDragOver(event: DragEvent) {
      if (!enabled || !carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave(event: DragEvent) {
      if (!enabled || !carriesFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDrop(event: DragEvent) {
      if (!enabled || !carriesFiles(event)) return;
      event.preventDefault();
      depth.current = 0;
      setDragging(false);
      const files = [...event.dataTransfer.files];
      if (files.length > 0) onFiles(files);
    },
    onPaste(event: ClipboardEvent) {
      if (!enabled) return;
      const { clipboardData } = event;
      // Text copied from an office suite often carries a picture of itself too:
      // only a paste that is files alone (a screenshot, a copied image) attaches.
      if (clipboardData.files.length === 0 || clipboardData.types.includes('text/plain')) return;
      event.preventDefault();
      onFiles([...clipboardData.files]);
    },
  };

  return { dragging, handlers };
}
