// The browsers and devices where the user is signed in, with a way to end
// any of them except the one in use (that is what "sign out" is for).
import { useState } from 'react';
import { listMySessions, revokeMySession } from '../../api/me';
import type { SignInSession } from '../../api/types';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { useAction } from '../../hooks/use-action';
import { useResource } from '../../hooks/use-resource';
import { formatDate } from '../../i18n/format-date';
import { useLocale, useT } from '../../i18n/i18n-context';
import { describeUserAgent } from './user-agent';

export function SessionsSection({ version }: { version: number }) {
  const t = useT();
  const { resource, update } = useResource(listMySessions, `sessions-${version}`);
  const [revokingId, setRevokingId] = useState<string | null>(null);
  const revoke = useAction(async (sessionId: string) => {
    await revokeMySession(sessionId);
    update((list) => ({ items: list.items.filter((session) => session.id !== sessionId) }));
  });

  async function revokeSession(sessionId: string) {
    setRevokingId(sessionId);
    await revoke.run(sessionId);
    setRevokingId(null);
  }

  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('sessions.title')}</h2>
      <p className="muted">{t('sessions.intro')}</p>
      <FormError error={revoke.error} />
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <FormError error={resource.error} />}
      {resource.status === 'ready' && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('sessions.device')}</th>
                <th scope="col">{t('sessions.ip')}</th>
                <th scope="col">{t('sessions.created')}</th>
                <th scope="col">{t('sessions.lastSeen')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {resource.data.items.map((session) => (
                <SessionRow
                  key={session.id}
                  session={session}
                  revoking={revokingId === session.id}
                  onRevoke={() => void revokeSession(session.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface SessionRowProps {
  session: SignInSession;
  revoking: boolean;
  onRevoke: () => void;
}

function SessionRow({ session, revoking, onRevoke }: SessionRowProps) {
  const t = useT();
  const { locale } = useLocale();
  const device = describeUserAgent(session.userAgent) ?? t('sessions.unknownDevice');
  return (
    <tr data-current={session.current || undefined}>
      <td title={session.userAgent ?? undefined}>
        {device}
        {session.current && <span className="badge badge-accent">{t('sessions.current')}</span>}
      </td>
      <td>{session.ip ?? '—'}</td>
      <td className="cell-date">{formatDate(session.createdAt, locale)}</td>
      <td className="cell-date">{session.lastSeenAt ? formatDate(session.lastSeenAt, locale) : '—'}</td>
      <td className="cell-actions">
        {!session.current && (
          <button
            type="button"
            className="button button-danger-quiet"
            aria-label={t('sessions.revokeLabel', { device })}
            disabled={revoking}
            onClick={onRevoke}
          >
            {t('sessions.revoke')}
          </button>
        )}
      </td>
    </tr>
  );
}
