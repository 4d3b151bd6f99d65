// The paperclip: opens the system's file picker (several files at once).
// The file input stays hidden; the button is what people and screen readers
// reach, named "Attach files", and says when no more can be added.
import { useRef } from 'react';
import { MAX_ATTACHMENTS } from '../../api/attachment-types';
import { useT } from '../../i18n/i18n-context';
import { PaperclipIcon } from './attachment-icon';
import type { AttachmentUploads } from './use-attachment-uploads';

interface AttachButtonProps {
  uploads: AttachmentUploads;
  /** The icon only (the chat composer); the name is still there for assistive technology. */
  iconOnly?: boolean;
  disabled?: boolean;
}

export function AttachButton({ uploads, iconOnly = false, disabled = false }: AttachButtonProps) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const label = t('attachments.attach');
  const title = uploads.full ? t('attachments.full', { max: MAX_ATTACHMENTS }) : label;

  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        onChange={(event) => {
          const files = event.target.files ? [...event.target.files] : [];
          // Picking the same file again must fire change again.
          event.target.value = '';
          if (files.length > 0) uploads.add(files);
        }}
      />
      <button
        type="button"
        className={iconOnly ? 'button button-quiet attach-button attach-button-icon' : 'button button-quiet attach-button'}
        aria-label={iconOnly ? label : undefined}
        title={title}
        disabled={disabled || uploads.full}
        onClick={() => input.current?.click()}
      >
        <PaperclipIcon />
        {!iconOnly && <span>{label}</span>}
      </button>
    </>
  );
}
