// Icons drawn inline: the file's kind (the shared file icon, labelled in the
// attachments' words), and the paperclip of the attach button and the arrow
// of a download (decorative: the button or link has a name).
import { useT } from '../../i18n/i18n-context';
import { FileKindIcon, type FileKind } from '../files/file-kind-icon';

export function AttachmentIcon({ kind, size = 28 }: { kind: FileKind; size?: number }) {
  const t = useT();
  return <FileKindIcon kind={kind} label={t(`attachments.kind.${kind}`)} size={size} />;
}

export function PaperclipIcon({ size = 18 }: { size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5" />
    </svg>
  );
}

export function DownloadIcon({ size = 16 }: { size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
    </svg>
  );
}
