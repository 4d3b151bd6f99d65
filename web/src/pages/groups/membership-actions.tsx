// What the signed-in user can do about belonging to a group: join an open
// group, ask to join a private one (or withdraw the request), accept or
// decline an invitation, or leave. Used on group cards and the group header.
import { dismissRequest, joinGroup, leaveGroup, requestToJoin } from '../../api/groups';
import type { Group } from '../../api/group-types';
import { ConfirmButton } from '../../components/confirm-button';
import { FormError } from '../../components/form-error';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { useSession } from '../../session/session-context';
import { useInstance } from '../instance/instance-context';
import { useMyGroups } from './my-groups-context';

interface MembershipActionsProps {
  group: Group;
  /** Called after a change the server confirmed, to reload the group. */
  onChanged: () => void;
}

export function MembershipActions({ group, onChanged }: MembershipActionsProps) {
  const t = useT();
  const { instance } = useInstance();
  const { user } = useSession();
  const myGroups = useMyGroups();
  const slug = instance.slug;
  const action = useAction(async (perform: () => Promise<void>) => {
    await perform();
    myGroups.reload();
    onChanged();
  });

  // Every button names the group too: on the list page there are many.
  const button = (label: string, variant: string, perform: () => Promise<void>) => (
    <button
      type="button"
      className={`button button-${variant}`}
      disabled={action.pending}
      aria-label={`${label} — ${group.name}`}
      onClick={() => void action.run(perform)}
    >
      {label}
    </button>
  );
  const dismissMine = () => dismissRequest(slug, group.id, user?.id ?? '');

  let buttons = null;
  if (group.myRole) {
    buttons = (
      <ConfirmButton
        label={t('groupActions.leave')}
        accessibleLabel={`${t('groupActions.leave')} — ${group.name}`}
        disabled={action.pending}
        onConfirm={() => void action.run(() => leaveGroup(slug, group.id))}
      />
    );
  } else if (group.myRequest === 'invitation') {
    buttons = (
      <>
        <span className="badge badge-accent">{t('groupActions.invited')}</span>
        {button(t('groupActions.accept'), 'primary', () => joinGroup(slug, group.id))}
        {button(t('groupActions.decline'), 'quiet', dismissMine)}
      </>
    );
  } else if (group.myRequest === 'request') {
    buttons = (
      <>
        <span className="badge">{t('groupActions.pending')}</span>
        {button(t('groupActions.withdraw'), 'quiet', dismissMine)}
      </>
    );
  } else if (group.can.join) {
    buttons = button(t('groupActions.join'), 'primary', () => joinGroup(slug, group.id));
  } else if (group.can.requestToJoin) {
    buttons = button(t('groupActions.requestToJoin'), 'secondary', () => requestToJoin(slug, group.id));
  }

  if (!buttons && !action.error) return null;
  return (
    <div className="membership-actions">
      <FormError error={action.error} />
      <div className="button-row">{buttons}</div>
    </div>
  );
}
