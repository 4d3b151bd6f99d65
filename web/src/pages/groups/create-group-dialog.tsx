// The "Create a group" button and its dialog. The creator becomes the
// group's administrator and lands on its page.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { createGroup } from '../../api/groups';
import type { GroupInput } from '../../api/group-types';
import { FormError } from '../../components/form-error';
import { ModalDialog } from '../../components/modal-dialog';
import { SubmitButton } from '../../components/submit-button';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { useInstance } from '../instance/instance-context';
import { EMPTY_GROUP, GroupFields } from './group-fields';
import { useMyGroups } from './my-groups-context';

export function CreateGroupDialog() {
  const t = useT();
  const navigate = useNavigate();
  const { instance } = useInstance();
  const myGroups = useMyGroups();
  const [open, setOpen] = useState(false);
  const [input, setInput] = useState<GroupInput>(EMPTY_GROUP);
  const action = useAction((group: GroupInput) => createGroup(instance.slug, group));

  function close() {
    setOpen(false);
    action.clearError();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const created = await action.run({
      ...input,
      name: input.name.trim(),
      description: input.description.trim(),
    });
    if (!created) return;
    myGroups.reload();
    setInput(EMPTY_GROUP);
    setOpen(false);
    navigate(`/i/${instance.slug}/groups/${created.id}`);
  }

  return (
    <>
      <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
        {t('groups.create')}
      </button>
      <ModalDialog open={open} title={t('groups.create')} onClose={close}>
        <form className="form" onSubmit={submit} aria-label={t('groups.create')}>
          <FormError error={action.error} />
          <GroupFields value={input} onChange={setInput} />
          <SubmitButton pending={action.pending} pendingLabel={t('groupForm.creating')}>
            {t('groupForm.create')}
          </SubmitButton>
        </form>
      </ModalDialog>
    </>
  );
}
