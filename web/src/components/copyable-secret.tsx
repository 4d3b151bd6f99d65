// Shows a secret the server will never return again (a new API token), with a
// copy button and a warning to keep it now.
import { useId, useState } from 'react';
import { useT } from '../i18n/i18n-context';

interface CopyableSecretProps {
  label: string;
  secret: string;
  warning: string;
  onDone: () => void;
  doneLabel: string;
}

export function CopyableSecret({ label, secret, warning, onDone, doneLabel }: CopyableSecretProps) {
  const t = useT();
  const id = useId();
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      // Clipboard access can be refused; the text stays selectable by hand.
      document.getElementById(id)?.focus();
    }
  }

  return (
    <div className="secret-box" data-testid="token-secret">
      <p className="alert alert-warning" id={`${id}-warning`}>
        {warning}
      </p>
      <label htmlFor={id}>{label}</label>
      <div className="secret-row">
        <input
          id={id}
          readOnly
          value={secret}
          aria-describedby={`${id}-warning`}
          onFocus={(event) => event.target.select()}
          spellCheck={false}
        />
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          {copied ? t('common.copied') : t('common.copy')}
        </button>
      </div>
      <button type="button" className="button button-quiet" onClick={onDone}>
        {doneLabel}
      </button>
    </div>
  );
}
