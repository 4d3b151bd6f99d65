// /i/:slug/drive: the drive. Places on the left (my drive, my groups'
// drives, shared with me, recent, trash, and my storage use), the place
// chosen on the right; the address says which (drive-location.ts). The page
// owns what outlives one folder: the uploads, the open file, the dialog about
// an item and the last notice.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { fetchUsage } from '../../api/drive';
import { ApiError } from '../../api/problem';
import type { DriveItem, DriveRef } from '../../api/drive-types';
import { useResource } from '../../hooks/use-resource';
import { useT } from '../../i18n/i18n-context';
import { useMyGroups } from '../groups/my-groups-context';
import { useInstance } from '../instance/instance-context';
import { DriveContext, type DriveNotice, type DriveValue, type ItemChangeListener, type ItemDialogKind } from './drive-context';
import { readView, viewParams } from './drive-location';
import { DriveNoticeBar } from './drive-notice';
import { DriveSidebar } from './drive-sidebar';
import { FileListView } from './file-list-view';
import { FileViewer } from './file-viewer';
import { FolderView } from './folder-view';
import { ItemDialogs } from './item-dialogs';
import { TrashView } from './trash-view';
import { UploadPanel } from './uploads/upload-panel';
import { useUploadQueue } from './uploads/upload-queue';

const limitProblem = (error: unknown) => error instanceof ApiError && (error.code === 'file_too_large' || error.code === 'quota_exceeded');

export function DrivePage() {
  const t = useT();
  const { instance } = useInstance();
  const slug = instance.slug;
  const { groups } = useMyGroups();
  const [params, setParams] = useSearchParams();
  const view = readView(params);
  const fileId = params.get('file');

  const usage = useResource(() => fetchUsage(slug), `drive-usage-${slug}`);
  const usageData = usage.resource.status === 'ready' ? usage.resource.data : null;
  const uploads = useUploadQueue(slug, { maxFileBytes: usageData?.maxFileBytes ?? null });
  const reloadUsage = usage.reload;
  const onUploaded = uploads.onDone;
  useEffect(() => onUploaded(() => reloadUsage()), [onUploaded, reloadUsage]);
  // A refusal for size or space means the limits or my use changed: learn them again.
  const refused = uploads.tasks.filter((task) => task.status === 'failed' && limitProblem(task.error)).length;
  useEffect(() => {
    if (refused > 0) reloadUsage();
  }, [refused, reloadUsage]);

  const [dialog, setDialog] = useState<{ kind: ItemDialogKind; item: DriveItem; open: boolean; serial: number } | null>(null);
  const [notice, setNotice] = useState<DriveNotice | null>(null);
  const [viewing, setViewing] = useState<{ item: DriveItem; siblings: DriveItem[] } | null>(null);
  const listeners = useRef(new Set<ItemChangeListener>());
  const dismissNotice = useCallback(() => setNotice(null), []);

  // A file dropped beside the list must not make the browser leave the page to show it.
  useEffect(() => {
    const keep = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    window.addEventListener('dragover', keep);
    window.addEventListener('drop', keep);
    return () => {
      window.removeEventListener('dragover', keep);
      window.removeEventListener('drop', keep);
    };
  }, []);

  const openFile = useCallback((item: DriveItem, siblings: DriveItem[] = []) => {
    setViewing({ item, siblings });
    const next = new URLSearchParams(params);
    next.set('file', item.id);
    setParams(next, { replace: params.has('file') });
  }, [params, setParams]);

  const closeFile = useCallback(() => {
    setViewing(null);
    setParams(viewParams(readView(params)), { replace: true });
  }, [params, setParams]);

  const emit = useCallback((change: Parameters<ItemChangeListener>[0]) => {
    for (const listener of listeners.current) listener(change);
  }, []);

  const writableDrives = useMemo(
    () => [
      { ref: 'me', name: t('drive.myDrive') },
      ...groups.filter((group) => group.myRole !== null && !group.archived).map((group) => ({ ref: `group:${group.id}`, name: group.name })),
    ],
    [groups, t],
  );

  const value = useMemo<DriveValue>(() => ({
    slug,
    canShare: instance.role !== 'guest',
    usage: usageData,
    reloadUsage,
    writableDrives,
    driveName: (ref: DriveRef) =>
      ref === 'me' ? t('drive.myDrive') : groups.find((group) => `group:${group.id}` === ref)?.name ?? t('drive.groupDrive'),
    uploads,
    openFile,
    openDialog: (kind, item) => setDialog((was) => ({ kind, item, open: true, serial: (was?.serial ?? 0) + 1 })),
    notify: setNotice,
    changed: (item) => {
      emit({ item });
      setViewing((was) => (was && was.item.id === item.id ? { ...was, item } : was));
    },
    removed: (itemId) => emit({ removedId: itemId }),
    onItemChange: (listener) => {
      listeners.current.add(listener);
      return () => void listeners.current.delete(listener);
    },
  }), [slug, instance.role, usageData, reloadUsage, writableDrives, groups, t, uploads, openFile, emit]);

  const known = viewing && viewing.item.id === fileId ? viewing.item : null;

  return (
    <DriveContext.Provider value={value}>
      <div className="drive-page">
        <DriveSidebar view={view} groups={groups.map((group) => ({ id: group.id, name: group.name }))} />
        <div className="drive-main">
          {view.kind === 'folder' && <FolderView drive={view.drive} folderId={view.folderId} />}
          {(view.kind === 'shared' || view.kind === 'recent') && <FileListView key={view.kind} kind={view.kind} />}
          {view.kind === 'trash' && <TrashView drive={view.drive} />}
        </div>
      </div>
      {fileId && (
        <FileViewer
          itemId={fileId}
          known={known}
          siblings={viewing?.siblings ?? []}
          onNavigate={(item) => openFile(item, viewing?.siblings)}
          onClose={closeFile}
        />
      )}
      {dialog && <ItemDialogs key={dialog.serial} dialog={dialog} onClose={() => setDialog((was) => was && { ...was, open: false })} />}
      <DriveNoticeBar notice={notice} onDismiss={dismissNotice} />
      <UploadPanel />
    </DriveContext.Provider>
  );
}
