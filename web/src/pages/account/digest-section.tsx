// How often the current instance emails me a digest of my unread
// notifications (hourly, daily, weekly or never).
import { useId, useState, type FormEvent } from 'react';
import { fetchDigestFrequency, setDigestFrequency } from '../../api/notifications';
import { DIGEST_FREQUENCIES, type DigestFrequency } from '../../api/notification-types';
import type { MyInstance } from '../../api/types';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { Notice } from '../../components/notice';
import { SubmitButton } from '../../components/submit-button';
import { useAction } from '../../hooks/use-action';
import { useResource } from '../../hooks/use-resource';
import { useT } from '../../i18n/i18n-context';

export function DigestSection({ instance }: { instance: MyInstance }) {
  const t = useT();
  const { resource } = useResource(() => fetchDigestFrequency(instance.slug), `digest-${instance.slug}`);

  return (
    <section className="card" aria-labelledby="digest-title">
      <h2 id="digest-title">{t('digest.title')}</h2>
      <p className="muted" id="digest-intro">
        {t('digest.intro', { instance: instance.name })}
      </p>
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <FormError error={resource.error} />}
      {resource.status === 'ready' && <DigestForm slug={instance.slug} initial={resource.data.digest} />}
    </section>
  );
}

function DigestForm({ slug, initial }: { slug: string; initial: DigestFrequency }) {
  const t = useT();
  const id = useId();
  const [digest, setDigest] = useState(initial);
  const [saved, setSaved] = useState(false);
  const action = useAction((chosen: DigestFrequency) => setDigestFrequency(slug, chosen));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (await action.run(digest)) setSaved(true);
  }

  return (
    <form className="form" onSubmit={submit} aria-labelledby="digest-title">
      <FormError error={action.error} />
      <Notice>{saved && t('digest.saved')}</Notice>
      <fieldset className="field choice-list" aria-describedby="digest-intro">
        <legend>{t('digest.frequency')}</legend>
        {DIGEST_FREQUENCIES.map((frequency) => (
          <div className="choice" key={frequency}>
            <input
              type="radio"
              id={`${id}-${frequency}`}
              name={`${id}-digest`}
              value={frequency}
              checked={digest === frequency}
              onChange={() => setDigest(frequency)}
            />
            <label htmlFor={`${id}-${frequency}`}>{t(`digest.${frequency}`)}</label>
          </div>
        ))}
      </fieldset>
      <SubmitButton pending={action.pending} pendingLabel={t('common.saving')}>
        {t('common.save')}
      </SubmitButton>
    </form>
  );
}
