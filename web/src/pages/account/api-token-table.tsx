// The table of a user's API tokens. Only the prefix of each secret is known.
import type { ApiToken } from '../../api/types';
import { ConfirmButton } from '../../components/confirm-button';
import { formatDate } from '../../i18n/format-date';
import { useLocale, useT } from '../../i18n/i18n-context';

interface ApiTokenTableProps {
  tokens: ApiToken[];
  revoking: boolean;
  onRevoke: (tokenId: string) => void;
}

export function ApiTokenTable({ tokens, revoking, onRevoke }: ApiTokenTableProps) {
  const t = useT();
  const { locale } = useLocale();
  const date = (iso: string | null) => (iso ? formatDate(iso, locale, 'date') : t('common.never'));

  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('tokens.name')}</th>
            <th scope="col">{t('tokens.scopes')}</th>
            <th scope="col">{t('tokens.prefix')}</th>
            <th scope="col">{t('tokens.created')}</th>
            <th scope="col">{t('tokens.lastUsed')}</th>
            <th scope="col">{t('tokens.expires')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <td>{token.name}</td>
              <td>{token.scopes.map((scope) => t(`tokens.scope.${scope}`)).join(', ')}</td>
              <td>
                <code>{token.prefix}…</code>
              </td>
              <td className="cell-date">{date(token.createdAt)}</td>
              <td className="cell-date">{date(token.lastUsedAt)}</td>
              <td className="cell-date">{date(token.expiresAt)}</td>
              <td className="cell-actions">
                <ConfirmButton
                  label={t('tokens.revoke')}
                  accessibleLabel={t('tokens.revokeLabel', { name: token.name })}
                  disabled={revoking}
                  onConfirm={() => onRevoke(token.id)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
