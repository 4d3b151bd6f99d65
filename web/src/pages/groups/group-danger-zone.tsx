// Archiving (reversible) and deleting (not) a group.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { deleteGroup, updateGroup } from '../../api/groups';
import { FormError } from '../../components/form-error';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { useInstance } from '../instance/instance-context';
import { useGroup } from './group-context';
import { useMyGroups } from './my-groups-context';

export function GroupDangerZone() {
  const t = useT();
  const navigate = useNavigate();
  const { instance } = useInstance();
  const { group, reloadGroup } = useGroup();
  const myGroups = useMyGroups();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const slug = instance.slug;
  const archive = useAction(async () => {
    await updateGroup(slug, group.id, { archived: !group.archived });
    reloadGroup();
    myGroups.reload();
  });
  const remove = useAction(async () => {
    await deleteGroup(slug, group.id);
    myGroups.reload();
    navigate(`/i/${slug}/groups`);
  });

  return (
    <section className="card card-danger" aria-labelledby="group-danger-title">
      <h2 id="group-danger-title">{t('groupSettings.dangerTitle')}</h2>
      <FormError error={archive.error ?? remove.error} />
      <h3>{group.archived ? t('groupSettings.unarchiveTitle') : t('groupSettings.archiveTitle')}</h3>
      <p className="muted">{group.archived ? t('groupSettings.unarchiveIntro') : t('groupSettings.archiveIntro')}</p>
      <button
        type="button"
        className="button button-secondary"
        disabled={archive.pending}
        onClick={() => void archive.run()}
      >
        {group.archived ? t('groupSettings.unarchive') : t('groupSettings.archive')}
      </button>
      <h3 className="danger-title">{t('groupSettings.deleteTitle')}</h3>
      <p className="muted">{t('groupSettings.deleteIntro')}</p>
      <div className="button-row">
        <button
          type="button"
          className="button button-danger"
          disabled={remove.pending}
          onClick={() => (confirmingDelete ? void remove.run() : setConfirmingDelete(true))}
        >
          {confirmingDelete ? t('groupSettings.deleteConfirm', { name: group.name }) : t('groupSettings.delete')}
        </button>
        {confirmingDelete && (
          <button type="button" className="button button-quiet" onClick={() => setConfirmingDelete(false)}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </section>
  );
}
