// Choosing, previewing, sending and removing a profile picture. The file is
// checked here for its type and size first, so a wrong one is explained at
// once; the server decodes and re-encodes whatever it accepts.
import { useEffect, useId, useState } from 'react';
import { removeAvatar, uploadAvatar } from '../../api/people';
import { AVATAR_MAX_BYTES, AVATAR_TYPES, type Profile } from '../../api/people-types';
import { Avatar } from '../../components/avatar';
import { ConfirmButton } from '../../components/confirm-button';
import { FormError } from '../../components/form-error';
import { Notice } from '../../components/notice';
import { useAction } from '../../hooks/use-action';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/i18n-context';
import { useInstance } from '../instance/instance-context';

function problemWith(file: File): MessageKey | null {
  if (!(AVATAR_TYPES as readonly string[]).includes(file.type)) return 'avatar.wrongType';
  if (file.size > AVATAR_MAX_BYTES) return 'avatar.tooLarge';
  return null;
}

export function AvatarEditor({ profile, onChanged }: { profile: Profile; onChanged: () => void }) {
  const t = useT();
  const id = useId();
  const { instance } = useInstance();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [done, setDone] = useState<MessageKey | null>(null);
  // Changing the key empties the file input after a send.
  const [inputKey, setInputKey] = useState(0);
  const action = useAction(async (perform: () => Promise<void>, result: MessageKey) => {
    await perform();
    setFile(null);
    setInputKey((n) => n + 1);
    setDone(result);
    onChanged();
  });

  useEffect(() => {
    if (!file) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  function choose(chosen: File | undefined) {
    setDone(null);
    action.clearError();
    const found = chosen ? problemWith(chosen) : null;
    setProblem(found);
    setFile(chosen && !found ? chosen : null);
  }

  const name = profile.displayName;
  return (
    <section className="avatar-editor" aria-labelledby={`${id}-title`}>
      {preview ? (
        <img className="avatar" src={preview} alt={t('avatar.preview')} width={96} height={96} />
      ) : (
        <Avatar name={name} url={profile.avatarUrl} size={96} />
      )}
      <div className="avatar-editor-controls">
        <h3 id={`${id}-title`}>{t('avatar.title')}</h3>
        <Notice>{done && t(done)}</Notice>
        <FormError error={action.error} />
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('avatar.choose')}</label>
          <input
            key={inputKey}
            id={`${id}-file`}
            type="file"
            accept={AVATAR_TYPES.join(',')}
            aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
            aria-invalid={problem ? true : undefined}
            onChange={(event) => choose(event.target.files?.[0])}
          />
          <p className="field-hint" id={`${id}-hint`}>
            {t('avatar.hint')}
          </p>
          {problem && (
            <p className="field-invalid" id={`${id}-problem`}>
              {t(problem)}
            </p>
          )}
        </div>
        <div className="button-row">
          {file && (
            <button
              type="button"
              className="button button-primary"
              disabled={action.pending}
              aria-busy={action.pending || undefined}
              onClick={() => void action.run(() => uploadAvatar(instance.slug, profile.userId, file), 'avatar.saved')}
            >
              {action.pending ? t('avatar.uploading') : t('avatar.upload')}
            </button>
          )}
          {profile.avatarUrl && !file && (
            <ConfirmButton
              label={t('avatar.remove')}
              disabled={action.pending}
              onConfirm={() => void action.run(() => removeAvatar(instance.slug, profile.userId), 'avatar.removed')}
            />
          )}
        </div>
      </div>
    </section>
  );
}
