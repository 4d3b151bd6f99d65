// /i/:slug/join?token=…: the page an invitation email links to. It shows
// what the invitation is for, lets a newcomer sign up (or a known user sign
// in) on the spot, then accepts and opens the instance.
import { Link, useParams, useSearchParams } from 'react-router';
import { previewInvitation } from '../../api/invitations';
import { EmptyState } from '../../components/empty-state';
import { Loading } from '../../components/loading';
import { useResource } from '../../hooks/use-resource';
import { formatDate } from '../../i18n/format-date';
import { useLocale, useT } from '../../i18n/i18n-context';
import { problemMessage } from '../../i18n/problem-message';
import { useRoleLabel } from '../../i18n/use-role-label';
import { AuthCard } from '../auth/auth-layout';
import { JoinActions } from './join-actions';

export function JoinPage() {
  const t = useT();
  const { slug = '' } = useParams();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';

  if (!token) {
    return (
      <EmptyState icon="mail" title={t('join.unavailableTitle')}>
        <p>{t('join.missingToken')}</p>
      </EmptyState>
    );
  }
  return <InvitationPreview slug={slug} token={token} />;
}

function InvitationPreview({ slug, token }: { slug: string; token: string }) {
  const t = useT();
  const { locale } = useLocale();
  const roleLabel = useRoleLabel();
  const { resource } = useResource(() => previewInvitation(slug, token), `${slug}/${token}`);

  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') {
    return (
      <EmptyState
        icon="mail"
        title={t('join.unavailableTitle')}
        action={
          <Link className="button button-secondary" to="/">
            {t('state.home')}
          </Link>
        }
      >
        <p role="alert">{problemMessage(resource.error, t)}</p>
      </EmptyState>
    );
  }

  const preview = resource.data;
  return (
    <AuthCard title={t('join.title', { instance: preview.instance.name })}>
      <div className="invitation-summary" data-testid="invitation-preview">
        <p>{t('join.invitedAs', { email: preview.email, role: roleLabel(preview.role) })}</p>
        <p className="muted">{t('join.expires', { date: formatDate(preview.expiresAt, locale) })}</p>
      </div>
      <JoinActions slug={preview.instance.slug} token={token} invitedEmail={preview.email} />
    </AuthCard>
  );
}
