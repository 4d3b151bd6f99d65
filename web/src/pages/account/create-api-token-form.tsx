// Creates a personal API token: a name, its scopes and a lifetime in days.
import { useId, useState, type FormEvent } from 'react';
import { createApiToken } from '../../api/tokens';
import type { CreatedApiToken, TokenScope } from '../../api/types';
import { FormError } from '../../components/form-error';
import { SubmitButton } from '../../components/submit-button';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';

const ALL_SCOPES: readonly TokenScope[] = ['read', 'write'];
const DEFAULT_LIFETIME_DAYS = '90';
const MAX_LIFETIME_DAYS = 365;

interface CreateApiTokenFormProps {
  slug: string;
  onCreated: (created: CreatedApiToken) => void;
}

export function CreateApiTokenForm({ slug, onCreated }: CreateApiTokenFormProps) {
  const t = useT();
  const scopesHintId = useId();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>(['read']);
  const [days, setDays] = useState(DEFAULT_LIFETIME_DAYS);
  const action = useAction((input: Parameters<typeof createApiToken>[1]) =>
    createApiToken(slug, input),
  );

  function toggleScope(scope: TokenScope, checked: boolean) {
    setScopes((current) =>
      ALL_SCOPES.filter((s) => (s === scope ? checked : current.includes(s))),
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (scopes.length === 0) return;
    const created = await action.run({ name: name.trim(), scopes, expiresInDays: Number(days) });
    if (!created) return;
    setName('');
    onCreated(created);
  }

  return (
    <form className="form form-inset" onSubmit={submit} aria-labelledby="create-token-title">
      <h3 id="create-token-title">{t('tokens.create')}</h3>
      <FormError error={action.error} />
      <TextField label={t('tokens.name')} required maxLength={100} value={name} onChange={setName} />
      <fieldset className="field" aria-describedby={scopes.length === 0 ? scopesHintId : undefined}>
        <legend>{t('tokens.scopes')}</legend>
        {ALL_SCOPES.map((scope) => (
          <label key={scope} className="checkbox">
            <input
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(event) => toggleScope(scope, event.target.checked)}
            />
            {t(`tokens.scope.${scope}`)}
          </label>
        ))}
        {scopes.length === 0 && (
          <p className="field-invalid" id={scopesHintId}>
            {t('tokens.scopesRequired')}
          </p>
        )}
      </fieldset>
      <TextField
        label={t('tokens.expiresInDays')}
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_LIFETIME_DAYS}
        required
        value={days}
        onChange={setDays}
      />
      <SubmitButton pending={action.pending} disabled={scopes.length === 0}>
        {t('tokens.createSubmit')}
      </SubmitButton>
    </form>
  );
}
