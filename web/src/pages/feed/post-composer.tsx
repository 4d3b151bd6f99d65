// Writing a new post: in a given group (group page), or in a place the
// author chooses among their profile and the groups where they may post
// (home feed). Files can be attached: picked, dropped on the form or pasted.
import { useState, type FormEvent } from 'react';
import { POST_MAX_LENGTH, type Post } from '../../api/post-types';
import { createPost } from '../../api/posts';
import { AttachButton } from '../../components/attachments/attach-button';
import { PendingAttachments } from '../../components/attachments/pending-attachments';
import { useAttachmentUploads } from '../../components/attachments/use-attachment-uploads';
import { useFileDrop } from '../../components/attachments/use-file-drop';
import { FormError } from '../../components/form-error';
import { SelectField } from '../../components/select-field';
import { SubmitButton } from '../../components/submit-button';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { useInstance } from '../instance/instance-context';
import { Composer } from './composer/composer';
import { useMentionLoader } from './composer/use-mention-loader';

/** The value of the place picker that stands for the author's profile. */
const PROFILE = 'profile';

export interface PostPlace {
  id: string;
  name: string;
}

interface PostComposerProps {
  /** Where the post may go; the first is chosen at first. */
  places: PostPlace[];
  /** Offer the author's profile as a place too. */
  allowProfile: boolean;
  onCreated: (post: Post) => void;
}

export function PostComposer({ places, allowProfile, onCreated }: PostComposerProps) {
  const t = useT();
  const { instance } = useInstance();
  const [body, setBody] = useState('');
  const [chosen, setChosen] = useState<string>('');
  const place = chosen || (allowProfile ? PROFILE : (places[0]?.id ?? PROFILE));
  const groupId = place === PROFILE ? null : place;
  const loadCandidates = useMentionLoader();
  const uploads = useAttachmentUploads(instance.slug);
  const drop = useFileDrop(uploads.add);
  const action = useAction((text: string, attachmentIds: string[]) => createPost(instance.slug, { groupId, body: text, attachmentIds }));
  const invalid = body.trim() === '' || body.length > POST_MAX_LENGTH || uploads.uploading;
  const options = [
    ...(allowProfile ? [{ value: PROFILE, label: t('composer.myProfile') }] : []),
    ...places.map((each) => ({ value: each.id, label: each.name })),
  ];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (invalid) return;
    const created = await action.run(body, uploads.ready.map((attachment) => attachment.id));
    if (!created) return;
    uploads.handOff();
    setBody('');
    onCreated(created);
  }

  return (
    <form
      className={drop.dragging ? 'card form post-composer attachments-drop-target' : 'card form post-composer'}
      onSubmit={submit}
      aria-label={t('composer.title')}
      data-drop-hint={t('attachments.dropHere')}
      {...drop.handlers}
    >
      <FormError error={action.error} />
      {options.length > 1 && (
        <SelectField label={t('composer.place')} value={place} options={options} onChange={setChosen} />
      )}
      <Composer
        label={t('composer.title')}
        placeholder={t('composer.placeholder')}
        value={body}
        onChange={setBody}
        maxLength={POST_MAX_LENGTH}
        loadCandidates={loadCandidates}
        rows={4}
      />
      <PendingAttachments uploads={uploads} />
      <div className="button-row composer-actions">
        <SubmitButton pending={action.pending} pendingLabel={t('composer.publishing')} disabled={invalid}>
          {t('composer.publish')}
        </SubmitButton>
        <AttachButton uploads={uploads} />
      </div>
    </form>
  );
}
