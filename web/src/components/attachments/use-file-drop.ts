// Files dropped on a composer, or an image pasted into it, become
// attachments. Spread `handlers` on the composer's form; `dragging` is true
// while files are held over it, to show where they may be dropped. A file
// dropped just beside it would make the browser leave the page to show the
// file: while a composer is there, such a drop does nothing instead.
import { useEffect, useRef, useState, type ClipboardEvent, type DragEvent } from 'react';

function carriesFiles(transfer: DataTransfer | null): boolean {
  return transfer !== null && [...transfer.types].includes('Files');
}

// Runs after the drop targets' own handlers: what they took is left alone.
function refuseStrayDrop(event: globalThis.DragEvent) {
  if (event.defaultPrevented || !carriesFiles(event.dataTransfer)) return;
  event.preventDefault();
  if (event.type === 'dragover' && event.dataTransfer) event.dataTransfer.dropEffect = 'none';
}

export function useFileDrop(onFiles: (files: File[]) => void, enabled = true) {
  const [dragging, setDragging] = useState(false);
  // dragenter and dragleave fire for every child crossed: count the depth.
  const depth = useRef(0);

  useEffect(() => {
    if (!enabled) return;
    window.addEventListener('dragover', refuseStrayDrop);
    window.addEventListener('drop', refuseStrayDrop);
    return () => {
      window.removeEventListener('dragover', refuseStrayDrop);
      window.removeEventListener('drop', refuseStrayDrop);
    };
  }, [enabled]);

  const handlers = {
    onDragEnter(event: DragEvent) {
      if (!enabled || !carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      depth.current += 1;
      setDragging(true);
    },
    onDragOver(event: DragEvent) {
      if (!enabled || !carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave(event: DragEvent) {
      if (!enabled || !carriesFiles(event.dataTransfer)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDrop(event: DragEvent) {
      if (!enabled || !carriesFiles(event.dataTransfer)) return;
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
