// Sharing a file: who has it now (people and groups, as viewers or
// editors), changing their role or removing them, and adding people from
// the directory or one of the groups I can see.
import { useState, type FormEvent } from 'react';
import { listShares, shareItem, unshareItem } from '../../api/drive';
import type { DriveItem, DriveShare, ShareRole } from '../../api/drive-types';
import type { ChatPerson } from '../../api/chat-types';
import { listGroups } from '../../api/groups';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { ModalDialog } from '../../components/modal-dialog';
import { SelectField } from '../../components/select-field';
import { SubmitButton } from '../../components/submit-button';
import { useAction } from '../../hooks/use-action';
import { useResource } from '../../hooks/use-resource';
import { useT } from '../../i18n/i18n-context';
import { useSession } from '../../session/session-context';
import { PeoplePicker } from '../chat/people-picker';
import { useDrive } from './drive-context';

const ROLES: ShareRole[] = ['viewer', 'editor'];

interface ShareDialogProps {
  item: DriveItem;
  open: boolean;
  onClose: () => void;
}

export function ShareDialog({ item, open, onClose }: ShareDialogProps) {
  const t = useT();
  const { slug } = useDrive();
  const me = useSession().user?.id ?? '';
  const shares = useResource(() => listShares(slug, item.id), `shares-${slug}-${item.id}`);
  const groups = useResource(() => listGroups(slug, 'visible'), `share-groups-${slug}`);
  const [mode, setMode] = useState<'person' | 'group'>('person');
  const [people, setPeople] = useState<ChatPerson[]>([]);
  const [groupId, setGroupId] = useState('');
  const [role, setRole] = useState<ShareRole>('viewer');
  const change = useAction(async (perform: () => Promise<unknown>) => {
    await perform();
    shares.reload();
    return true;
  });
  const roleOptions = ROLES.map((value) => ({ value, label: t(`drive.role.${value}`) }));
  const current = shares.resource.status === 'ready' ? shares.resource.data.shares : [];
  const sharedGroups = new Set(current.map((share) => share.group?.id).filter(Boolean));
  const groupOptions = (groups.resource.status === 'ready' ? groups.resource.data.items : [])
    .filter((group) => !sharedGroups.has(group.id))
    .map((group) => ({ value: group.id, label: group.name }));

  async function add(event: FormEvent) {
    event.preventDefault();
    const targets = mode === 'person' ? people.map((person) => ({ userId: person.id })) : groupId ? [{ groupId }] : [];
    if (targets.length === 0) return;
    const done = await change.run(() => Promise.all(targets.map((target) => shareItem(slug, item.id, target, role))));
    if (!done) return;
    setPeople([]);
    setGroupId('');
  }

  const nameOf = (share: DriveShare) => share.user?.displayName ?? share.group?.name ?? '';

  return (
    <ModalDialog open={open} title={t('drive.shareTitle', { name: item.name })} onClose={onClose}>
      <div className="share">
        <FormError error={change.error} />
        <form className="form share-add" onSubmit={add} aria-label={t('drive.shareAdd')}>
          <div className="segmented" role="group" aria-label={t('drive.shareWith')}>
            <button type="button" aria-pressed={mode === 'person'} onClick={() => setMode('person')}>
              {t('drive.sharePerson')}
            </button>
            <button type="button" aria-pressed={mode === 'group'} onClick={() => setMode('group')}>
              {t('drive.shareGroup')}
            </button>
          </div>
          {mode === 'person' ? (
            <PeoplePicker slug={slug} me={me} chosen={people} onChange={setPeople} excluded={current.flatMap((share) => (share.user ? [share.user.id] : []))} />
          ) : (
            <SelectField label={t('drive.shareGroupField')} value={groupId} options={groupOptions} placeholder={t('drive.chooseGroup')} onChange={setGroupId} />
          )}
          <SelectField label={t('drive.shareRole')} value={role} options={roleOptions} onChange={setRole} />
          <SubmitButton pending={change.pending} disabled={mode === 'person' ? people.length === 0 : !groupId}>
            {t('drive.shareSubmit')}
          </SubmitButton>
        </form>
        <h3 className="section-title">{t('drive.sharedWith')}</h3>
        {shares.resource.status === 'loading' && <Loading />}
        {shares.resource.status === 'error' && <FormError error={shares.resource.error} />}
        {shares.resource.status === 'ready' && current.length === 0 && <p className="muted">{t('drive.notShared')}</p>}
        {current.length > 0 && (
          <ul className="share-list">
            {current.map((share) => (
              <li key={share.id} className="share-row" data-testid="share">
                <span className="share-name">
                  {nameOf(share)}
                  {share.group && <span className="badge">{t('drive.groupBadge')}</span>}
                </span>
                <select
                  aria-label={t('drive.roleOf', { name: nameOf(share) })}
                  value={share.role}
                  disabled={change.pending}
                  onChange={(event) => {
                    const next = event.target.value as ShareRole;
                    const target = share.user ? { userId: share.user.id } : { groupId: share.group?.id ?? '' };
                    void change.run(() => shareItem(slug, item.id, target, next));
                  }}
                >
                  {roleOptions.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="button button-danger-quiet"
                  disabled={change.pending}
                  aria-label={t('drive.unshare', { name: nameOf(share) })}
                  onClick={() => void change.run(() => unshareItem(slug, item.id, share.id))}
                >
                  {t('drive.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <p className="field-hint">{t('drive.shareHint')}</p>
      </div>
    </ModalDialog>
  );
}
