// Where files can be dropped from the computer: the list of a folder. While
// files are dragged over it, it says where they will go. Folders dropped
// with them are skipped (their content is not read), and said so.
import { useRef, useState, type DragEvent, type ReactNode } from 'react';

interface DropZoneProps {
  enabled: boolean;
  /** Shown over the list while files are dragged above it. */
  hint: string;
  onFiles: (files: File[], skippedFolders: number) => void;
  children: ReactNode;
}

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

function droppedFiles(data: DataTransfer): { files: File[]; skipped: number } {
  const files: File[] = [];
  let skipped = 0;
  const items = Array.from(data.items ?? []);
  Array.from(data.files).forEach((file, index) => {
    const entry = items[index]?.webkitGetAsEntry?.();
    if (entry?.isDirectory) skipped += 1;
    else files.push(file);
  });
  return { files, skipped };
}

export function DropZone({ enabled, hint, onFiles, children }: DropZoneProps) {
  const [over, setOver] = useState(false);
  const depth = useRef(0);

  function enter(event: DragEvent) {
    if (!enabled || !carriesFiles(event)) return;
    event.preventDefault();
    depth.current += 1;
    setOver(true);
  }

  function overZone(event: DragEvent) {
    if (!enabled || !carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }

  function leave() {
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setOver(false);
  }

  function drop(event: DragEvent) {
    if (!enabled || !carriesFiles(event)) return;
    event.preventDefault();
    depth.current = 0;
    setOver(false);
    const { files, skipped } = droppedFiles(event.dataTransfer);
    onFiles(files, skipped);
  }

  return (
    <div className={over ? 'drop-zone drop-zone-over' : 'drop-zone'} data-testid="drop-zone" onDragEnter={enter} onDragOver={overZone} onDragLeave={leave} onDrop={drop}>
      {children}
      {over && (
        <div className="drop-hint" aria-hidden="true">
          <span>{hint}</span>
        </div>
      )}
    </div>
  );
}
