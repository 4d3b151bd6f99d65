// Renaming an item: the name is ready to be retyped without its extension.
import { useRef, useState, type FormEvent } from 'react';
import { renameItem } from '../../api/drive';
import type { DriveItem, DriveItemDetail } from '../../api/drive-types';
import { FormError } from '../../components/form-error';
import { ModalDialog } from '../../components/modal-dialog';
import { SubmitButton } from '../../components/submit-button';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { useFocusField } from './use-focus-field';

/** Where the name ends before its extension ("report.final.pdf" → before ".pdf"). */
function stemEnd(name: string): number {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? dot : name.length;
}

interface RenameDialogProps {
  slug: string;
  item: DriveItem;
  open: boolean;
  onClose: () => void;
  onRenamed: (item: DriveItemDetail) => void;
}

export function RenameDialog({ slug, item, open, onClose, onRenamed }: RenameDialogProps) {
  const t = useT();
  const [name, setName] = useState(item.name);
  const action = useAction(() => renameItem(slug, item.id, name.trim()));
  const form = useRef<HTMLFormElement>(null);
  useFocusField(open, form, item.kind === 'file' ? stemEnd : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    if (name.trim() === item.name) return onClose();
    const renamed = await action.run();
    if (renamed) onRenamed(renamed);
  }

  return (
    <ModalDialog open={open} title={t('drive.renameTitle', { name: item.name })} onClose={onClose}>
      <form ref={form} className="form" onSubmit={submit} aria-label={t('drive.action.rename')}>
        <FormError error={action.error} />
        <TextField label={t('drive.newName')} value={name} onChange={setName} maxLength={255} required autoComplete="off" />
        <SubmitButton pending={action.pending} disabled={!name.trim()}>
          {t('drive.action.rename')}
        </SubmitButton>
      </form>
    </ModalDialog>
  );
}
