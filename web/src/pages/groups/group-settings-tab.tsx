// The Settings tab (for those who manage the group): its description and
// rules, its people set, archiving, and deletion.
import { useState, type FormEvent } from 'react';
import { updateGroup } from '../../api/groups';
import type { GroupInput } from '../../api/group-types';
import { EmptyState } from '../../components/empty-state';
import { FormError } from '../../components/form-error';
import { Notice } from '../../components/notice';
import { SubmitButton } from '../../components/submit-button';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { useInstance } from '../instance/instance-context';
import { useGroup } from './group-context';
import { GroupDangerZone } from './group-danger-zone';
import { GroupFields } from './group-fields';
import { useMyGroups } from './my-groups-context';
import { PeopleSetSection } from './people-set-section';

export function GroupSettingsTab() {
  const t = useT();
  const { group } = useGroup();
  if (!group.can.manage) {
    return (
      <EmptyState icon="lock" title={t('state.forbiddenTitle')}>
        <p>{t('group.managersOnly')}</p>
      </EmptyState>
    );
  }
  return (
    <>
      <GroupSettingsForm />
      <PeopleSetSection />
      <GroupDangerZone />
    </>
  );
}

function GroupSettingsForm() {
  const t = useT();
  const { instance } = useInstance();
  const { group, reloadGroup } = useGroup();
  const myGroups = useMyGroups();
  const [input, setInput] = useState<GroupInput>({
    name: group.name,
    description: group.description,
    visibility: group.visibility,
    posting: group.posting,
  });
  const [saved, setSaved] = useState(false);
  const action = useAction((changes: GroupInput) => updateGroup(instance.slug, group.id, changes));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const updated = await action.run({ ...input, name: input.name.trim(), description: input.description.trim() });
    if (!updated) return;
    setSaved(true);
    reloadGroup();
    myGroups.reload();
  }

  return (
    <section className="card" aria-labelledby="group-settings-title">
      <h2 id="group-settings-title">{t('groupSettings.title')}</h2>
      <form className="form" onSubmit={submit} aria-labelledby="group-settings-title">
        <FormError error={action.error} />
        <Notice>{saved && t('groupSettings.saved')}</Notice>
        <GroupFields value={input} onChange={setInput} />
        <SubmitButton pending={action.pending} pendingLabel={t('common.saving')}>
          {t('common.save')}
        </SubmitButton>
      </form>
    </section>
  );
}
