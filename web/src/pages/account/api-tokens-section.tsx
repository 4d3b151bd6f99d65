// The user's personal API tokens for one instance: list, create, revoke.
// A new token's secret is shown once, right after creation.
import { useState } from 'react';
import { listApiTokens, revokeApiToken } from '../../api/tokens';
import type { CreatedApiToken, MyInstance } from '../../api/types';
import { CopyableSecret } from '../../components/copyable-secret';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { useAction } from '../../hooks/use-action';
import { useResource } from '../../hooks/use-resource';
import { useT } from '../../i18n/i18n-context';
import { ApiTokenTable } from './api-token-table';
import { CreateApiTokenForm } from './create-api-token-form';

export function ApiTokensSection({ instance }: { instance: MyInstance }) {
  const t = useT();
  const slug = instance.slug;
  const { resource, update } = useResource(() => listApiTokens(slug), `tokens-${slug}`);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const revoke = useAction(async (tokenId: string) => {
    await revokeApiToken(slug, tokenId);
    update((list) => ({ items: list.items.filter((token) => token.id !== tokenId) }));
  });

  function onCreated(result: CreatedApiToken) {
    setCreated(result);
    update((list) => ({ items: [result.token, ...list.items] }));
  }

  return (
    <section className="card" aria-labelledby="api-tokens-title">
      <h2 id="api-tokens-title">{t('tokens.title')}</h2>
      <p className="muted">{t('tokens.intro', { instance: instance.name })}</p>
      {created && (
        <CopyableSecret
          label={t('tokens.secretLabel')}
          secret={created.secret}
          warning={t('tokens.secretWarning')}
          doneLabel={t('tokens.secretDone')}
          onDone={() => setCreated(null)}
        />
      )}
      <FormError error={revoke.error} />
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <FormError error={resource.error} />}
      {resource.status === 'ready' &&
        (resource.data.items.length === 0 ? (
          <p className="muted">{t('tokens.empty')}</p>
        ) : (
          <ApiTokenTable
            tokens={resource.data.items}
            revoking={revoke.pending}
            onRevoke={(tokenId) => void revoke.run(tokenId)}
          />
        ))}
      <CreateApiTokenForm slug={slug} onCreated={onCreated} />
    </section>
  );
}
