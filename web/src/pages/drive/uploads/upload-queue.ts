// The uploads of the drive page: files wait in a queue, two travel at a
// time, each with its progress; a name the folder already holds asks the
// person (replace it with a new version, keep both, or cancel) before or
// after sending; failures stay on their row with a "Retry" that resumes.
// The queue lives as long as the page, so moving between folders does not
// stop what is being sent.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { abandonChunkedUpload, fetchUsage } from '../../../api/drive';
import type { DriveItem, DriveItemDetail, DriveItemKind, OnConflict } from '../../../api/drive-types';
import { ApiError } from '../../../api/problem';
import { UploadCancelled } from '../../../api/upload';
import { hasCode, transfer, type UploadTarget } from './upload-transfer';

const AT_ONCE = 2;

export type UploadStatus = 'queued' | 'conflict' | 'uploading' | 'completing' | 'done' | 'failed' | 'cancelled';

export interface UploadTask {
  id: string;
  name: string;
  size: number;
  target: UploadTarget;
  onConflict: OnConflict;
  /** While asking: what already holds the name (a folder cannot be replaced). */
  conflictWith: DriveItemKind | null;
  sent: number;
  status: UploadStatus;
  error: unknown;
  chunkedId: string | null;
  result: DriveItemDetail | null;
  /** The size limit when the file was refused for its size, to name it. */
  limitBytes: number | null;
}

export type ConflictChoice = 'version' | 'rename' | 'cancel';
export type UploadListener = (task: UploadTask, item: DriveItemDetail) => void;

export interface UploadQueue {
  tasks: UploadTask[];
  /** `existing` finds an item of the target folder by name, to ask before sending. */
  add: (files: File[], target: UploadTarget, existing?: (name: string) => DriveItem | undefined) => void;
  resolveConflict: (id: string, choice: ConflictChoice) => void;
  retry: (id: string) => void;
  cancel: (id: string) => void;
  /** Forgets the rows that are over (done, failed or cancelled). */
  clearFinished: () => void;
  onDone: (listener: UploadListener) => () => void;
}

export interface UploadLimits {
  maxFileBytes: number | null;
}

const ACTIVE: readonly UploadStatus[] = ['queued', 'conflict', 'uploading', 'completing'];
export const isActive = (task: UploadTask) => ACTIVE.includes(task.status);
export const isRunning = (task: UploadTask) => task.status === 'uploading' || task.status === 'completing';

let lastId = 0;

export function useUploadQueue(slug: string, limits: UploadLimits): UploadQueue {
  const [tasks, setTasks] = useState<UploadTask[]>([]);
  const tasksRef = useRef(tasks);
  const files = useRef(new Map<string, File>());
  const controllers = useRef(new Map<string, AbortController>());
  const started = useRef(new Set<string>());
  const listeners = useRef(new Set<UploadListener>());
  const config = useRef({ slug, limits });
  useEffect(() => {
    tasksRef.current = tasks;
    config.current = { slug, limits };
  });

  const update = useCallback((id: string, change: Partial<UploadTask>) => {
    setTasks((all) => all.map((task) => (task.id === id ? { ...task, ...change } : task)));
  }, []);

  const run = useCallback(async (id: string) => {
    const task = tasksRef.current.find((candidate) => candidate.id === id);
    const file = files.current.get(id);
    if (!task || !file) return;
    const controller = new AbortController();
    controllers.current.set(id, controller);
    update(id, { status: 'uploading', error: null });
    let shownPercent = -1;
    try {
      const item = await transfer({
        slug: config.current.slug,
        file,
        name: task.name,
        target: task.target,
        onConflict: task.onConflict,
        chunkedId: task.chunkedId,
        signal: controller.signal,
        // One render per percent, not per progress event: the list re-renders with it.
        onProgress: (sent) => {
          const percent = file.size === 0 ? 100 : Math.floor((sent / file.size) * 100);
          if (percent === shownPercent) return;
          shownPercent = percent;
          update(id, { sent });
        },
        onChunkedStarted: (chunkedId) => update(id, { chunkedId }),
        onCompleting: () => update(id, { status: 'completing', sent: file.size }),
      });
      files.current.delete(id);
      const done = { ...task, status: 'done' as const, sent: file.size, result: item, error: null };
      update(id, { status: 'done', sent: file.size, result: item, error: null });
      for (const listener of listeners.current) listener(done, item);
    } catch (error) {
      if (error instanceof UploadCancelled) return;
      if (hasCode(error, 'name_taken') && task.onConflict !== 'rename') {
        // Asked for a new version of what turned out to be a folder: only "keep both" remains.
        update(id, { status: 'conflict', conflictWith: task.onConflict === 'version' ? 'folder' : 'file', sent: 0 });
      } else {
        update(id, { status: 'failed', error });
        // The limit changed since the page loaded it: learn the one that refused the file.
        if (hasCode(error, 'file_too_large')) {
          fetchUsage(config.current.slug).then((usage) => update(id, { limitBytes: usage.maxFileBytes }), () => undefined);
        }
      }
    } finally {
      controllers.current.delete(id);
      started.current.delete(id);
      setTasks((all) => [...all]);
    }
  }, [update]);

  // Starts queued uploads while fewer than AT_ONCE travel.
  useEffect(() => {
    const room = AT_ONCE - started.current.size;
    if (room <= 0) return;
    const next = tasks.filter((task) => task.status === 'queued' && !started.current.has(task.id)).slice(0, room);
    for (const task of next) {
      started.current.add(task.id);
      void run(task.id);
    }
  }, [tasks, run]);

  // Leaving the page would stop the uploads: the browser asks first.
  const busy = tasks.some(isActive);
  useEffect(() => {
    if (!busy) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [busy]);

  const add = useCallback<UploadQueue['add']>((chosen, target, existing) => {
    const { maxFileBytes } = config.current.limits;
    const added = chosen.map((file): UploadTask => {
      const id = `upload-${++lastId}`;
      files.current.set(id, file);
      const holder = target.kind === 'folder' ? existing?.(file.name) : undefined;
      const tooLarge = maxFileBytes !== null && file.size > maxFileBytes;
      return {
        id,
        name: file.name,
        size: file.size,
        target,
        onConflict: 'fail',
        conflictWith: holder?.kind ?? null,
        sent: 0,
        status: tooLarge ? 'failed' : holder ? 'conflict' : 'queued',
        error: tooLarge ? new ApiError({ status: 413, code: 'file_too_large', title: 'File too large' }) : null,
        chunkedId: null,
        result: null,
        limitBytes: tooLarge ? maxFileBytes : null,
      };
    });
    setTasks((all) => [...all, ...added]);
  }, []);

  const abandon = useCallback((task: UploadTask | undefined) => {
    if (task?.chunkedId) void abandonChunkedUpload(config.current.slug, task.chunkedId).catch(() => undefined);
  }, []);

  const cancel = useCallback((id: string) => {
    const task = tasksRef.current.find((candidate) => candidate.id === id);
    controllers.current.get(id)?.abort();
    abandon(task);
    files.current.delete(id);
    update(id, { status: 'cancelled', chunkedId: null });
  }, [abandon, update]);

  const resolveConflict = useCallback((id: string, choice: ConflictChoice) => {
    if (choice === 'cancel') cancel(id);
    else update(id, { status: 'queued', onConflict: choice, conflictWith: null });
  }, [cancel, update]);

  const retry = useCallback((id: string) => {
    if (files.current.has(id)) update(id, { status: 'queued', error: null });
  }, [update]);

  const clearFinished = useCallback(() => {
    const over = new Set(tasksRef.current.filter((task) => !isActive(task)).map((task) => task.id));
    for (const id of over) files.current.delete(id);
    setTasks((all) => all.filter((task) => isActive(task)));
  }, []);

  const onDone = useCallback((listener: UploadListener) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);

  return useMemo(
    () => ({ tasks, add, resolveConflict, retry, cancel, clearFinished, onDone }),
    [tasks, add, resolveConflict, retry, cancel, clearFinished, onDone],
  );
}
