// "New folder": a name, then the folder appears in the list.
import { useRef, useState, type FormEvent } from 'react';
import { createFolder } from '../../api/drive';
import type { DriveItemDetail, DriveRef } from '../../api/drive-types';
import { FormError } from '../../components/form-error';
import { ModalDialog } from '../../components/modal-dialog';
import { SubmitButton } from '../../components/submit-button';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { useFocusField } from './use-focus-field';

interface NewFolderDialogProps {
  slug: string;
  drive: DriveRef;
  parentId: string | null;
  onCreated: (folder: DriveItemDetail) => void;
}

export function NewFolderDialog({ slug, drive, parentId, onCreated }: NewFolderDialogProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const action = useAction(() => createFolder(slug, drive, parentId, name.trim()));
  const form = useRef<HTMLFormElement>(null);
  useFocusField(open, form);

  function close() {
    setOpen(false);
    setName('');
    action.clearError();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    const folder = await action.run();
    if (!folder) return;
    onCreated(folder);
    close();
  }

  return (
    <>
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        <span aria-hidden="true">+</span>
        {t('drive.newFolder')}
      </button>
      <ModalDialog open={open} title={t('drive.newFolder')} onClose={close}>
        <form ref={form} className="form" onSubmit={submit} aria-label={t('drive.newFolder')}>
          <FormError error={action.error} />
          <TextField label={t('drive.folderName')} value={name} onChange={setName} maxLength={255} required autoComplete="off" />
          <SubmitButton pending={action.pending} disabled={!name.trim()}>
            {t('drive.createFolder')}
          </SubmitButton>
        </form>
      </ModalDialog>
    </>
  );
}
