// The files a composer is about to send: each one uploads as soon as it is
// picked, dropped or pasted (a pending attachment on the server), with its
// progress; it can be removed (discarded on the server) or, after a failure
// that may pass, sent again. When the post, comment or message goes, the
// composer takes the uploaded attachments' ids in order and hands them off:
// they belong to what was sent from then on. Left behind (the composer
// closed), uploads are stopped and pending attachments discarded.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Attachment } from '../../api/attachment-types';
import { MAX_ATTACHMENTS } from '../../api/attachment-types';
import { discardAttachment, fetchMaxFileBytes, uploadAttachment } from '../../api/attachments';
import { ApiError } from '../../api/problem';
import { UploadCancelled } from '../../api/upload';

export interface PendingUpload {
  /** Local only: the chip's key. */
  key: string;
  file: File;
  /** Bytes sent so far. */
  sent: number;
  status: 'uploading' | 'ready' | 'failed';
  attachment: Attachment | null;
  error: unknown;
  /** An object URL of the file, for an image's chip; null for other files. */
  thumbnail: string | null;
}

export interface AttachmentUploads {
  items: PendingUpload[];
  /** Starts uploading each file; those beyond MAX_ATTACHMENTS are left out and `overLimit` says so. */
  add: (files: Iterable<File>) => void;
  remove: (key: string) => void;
  retry: (key: string) => void;
  /** The uploaded attachments, in the order they were added. */
  ready: Attachment[];
  /** Sending waits until every upload is over. */
  uploading: boolean;
  full: boolean;
  overLimit: boolean;
  /** Empties the list without discarding anything: what was sent now owns the attachments. */
  handOff: () => void;
}

const THUMBNAIL_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

// The instance's limit does not change while the page is open: ask once per instance.
const maxFileBytes = new Map<string, Promise<number | null>>();
function maxFileBytesOf(slug: string): Promise<number | null> {
  let known = maxFileBytes.get(slug);
  if (!known) {
    known = fetchMaxFileBytes(slug).catch(() => {
      maxFileBytes.delete(slug);
      return null;
    });
    maxFileBytes.set(slug, known);
  }
  return known;
}

let counter = 0;
function nextKey(): string {
  counter += 1;
  return `upload-${counter}`;
}

export function useAttachmentUploads(slug: string): AttachmentUploads {
  const [items, setItems] = useState<PendingUpload[]>([]);
  const [overLimit, setOverLimit] = useState(false);
  // Mirrors of what the callbacks and the clean-up need without re-creating them.
  const current = useRef<PendingUpload[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const config = useRef({ slug });
  useEffect(() => {
    config.current = { slug };
  });

  const commit = useCallback((change: (list: PendingUpload[]) => PendingUpload[]) => {
    current.current = change(current.current);
    setItems(current.current);
  }, []);
  const patch = useCallback(
    (key: string, values: Partial<PendingUpload>) => commit((list) => list.map((item) => (item.key === key ? { ...item, ...values } : item))),
    [commit],
  );

  const start = useCallback(
    async (key: string, file: File) => {
      const controller = new AbortController();
      controllers.current.set(key, controller);
      const at = config.current.slug;
      try {
        const max = await maxFileBytesOf(at);
        if (max !== null && file.size > max) {
          throw new ApiError({ status: 413, code: 'file_too_large', title: 'File too large' });
        }
        if (controller.signal.aborted) throw new UploadCancelled();
        const attachment = await uploadAttachment(at, file, file.name || 'file', {
          signal: controller.signal,
          onProgress: (sent) => patch(key, { sent }),
        });
        if (controller.signal.aborted) {
          // Removed while the server was answering: it is pending there, discard it.
          void discardAttachment(at, attachment.id).catch(() => undefined);
          return;
        }
        patch(key, { status: 'ready', attachment, sent: file.size });
      } catch (error) {
        if (!(error instanceof UploadCancelled)) patch(key, { status: 'failed', error });
      } finally {
        if (controllers.current.get(key) === controller) controllers.current.delete(key);
      }
    },
    [patch],
  );

  const add = useCallback(
    (files: Iterable<File>) => {
      const list = [...files];
      const room = MAX_ATTACHMENTS - current.current.length;
      setOverLimit(list.length > room);
      const added = list.slice(0, Math.max(room, 0)).map<PendingUpload>((file) => ({
        key: nextKey(),
        file,
        sent: 0,
        status: 'uploading',
        attachment: null,
        error: null,
        thumbnail: THUMBNAIL_TYPES.has(file.type) ? URL.createObjectURL(file) : null,
      }));
      if (added.length === 0) return;
      commit((items) => [...items, ...added]);
      for (const item of added) void start(item.key, item.file);
    },
    [commit, start],
  );

  const remove = useCallback(
    (key: string) => {
      const item = current.current.find((each) => each.key === key);
      if (!item) return;
      controllers.current.get(key)?.abort();
      if (item.attachment) void discardAttachment(config.current.slug, item.attachment.id).catch(() => undefined);
      if (item.thumbnail) URL.revokeObjectURL(item.thumbnail);
      commit((list) => list.filter((each) => each.key !== key));
      setOverLimit(false);
    },
    [commit],
  );

  const retry = useCallback(
    (key: string) => {
      const item = current.current.find((each) => each.key === key);
      if (!item || item.status !== 'failed') return;
      patch(key, { status: 'uploading', error: null, sent: 0 });
      void start(key, item.file);
    },
    [patch, start],
  );

  const handOff = useCallback(() => {
    for (const controller of controllers.current.values()) controller.abort();
    for (const item of current.current) if (item.thumbnail) URL.revokeObjectURL(item.thumbnail);
    commit(() => []);
    setOverLimit(false);
  }, [commit]);

  // Closed without sending: stop what travels, discard what arrived.
  useEffect(() => {
    const travelling = controllers.current;
    return () => {
      for (const controller of travelling.values()) controller.abort();
      for (const item of current.current) {
        if (item.attachment) void discardAttachment(config.current.slug, item.attachment.id).catch(() => undefined);
        if (item.thumbnail) URL.revokeObjectURL(item.thumbnail);
      }
      current.current = [];
    };
  }, []);

  const ready = useMemo(() => items.flatMap((item) => (item.status === 'ready' && item.attachment ? [item.attachment] : [])), [items]);
  return {
    items,
    add,
    remove,
    retry,
    ready,
    uploading: items.some((item) => item.status === 'uploading'),
    full: items.length >= MAX_ATTACHMENTS,
    overLimit,
    handOff,
  };
}
