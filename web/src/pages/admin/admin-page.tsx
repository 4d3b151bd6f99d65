// /i/:slug/admin: everything an owner or administrator manages about the
// instance. Sections share one member list so a change in one shows in all.
import { EmptyState } from '../../components/empty-state';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/i18n-context';
import { canAdministerInstance, canTransferOwnership } from '../../policies/instance-policies';
import { useInstance } from '../instance/instance-context';
import { CreateAccountForm } from './create-account-form';
import { InstanceSettingsForm } from './instance-settings-form';
import { InvitationsSection } from './invitations-section';
import { MembersSection } from './members-section';
import { ProfileFieldsSection } from './profile-fields-section';
import { TransferOwnershipForm } from './transfer-ownership-form';
import { useMemberList } from './use-member-list';

export function AdminPage() {
  const t = useT();
  const { instance } = useInstance();
  if (!canAdministerInstance(instance.role)) {
    return (
      <EmptyState icon="lock" title={t('state.forbiddenTitle')}>
        <p>{t('state.adminOnly')}</p>
      </EmptyState>
    );
  }
  return <AdminSections />;
}

function AdminSections() {
  const t = useT();
  const { instance } = useInstance();
  const memberList = useMemberList(instance.slug);
  const ownerOnly = canTransferOwnership(instance.role);

  // The members table can be long: a table of contents keeps the other
  // sections one click away. Ids match the sections' headings.
  const contents: [string, MessageKey][] = [
    ['members-title', 'members.title'],
    ['invitations-title', 'invitations.title'],
    ['create-account-title', 'createAccount.title'],
    ['instance-settings-title', 'instanceSettings.title'],
    ['profile-fields-title', 'profileFields.title'],
    ...(ownerOnly ? [['transfer-title', 'transfer.title'] as [string, MessageKey]] : []),
  ];

  return (
    <div className="page">
      <h1>{t('admin.title')}</h1>
      <nav className="page-toc" aria-label={t('admin.onThisPage')}>
        <ul>
          {contents.map(([id, key]) => (
            <li key={id}>
              <a href={`#${id}`}>{t(key)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <MembersSection memberList={memberList} />
      <InvitationsSection />
      <div className="grid-two">
        <CreateAccountForm onCreated={memberList.addMember} />
        <InstanceSettingsForm />
      </div>
      <ProfileFieldsSection slug={instance.slug} />
      {ownerOnly && <TransferOwnershipForm memberList={memberList} />}
    </div>
  );
}
