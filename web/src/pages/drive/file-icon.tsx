// The icon of a drive item: a folder, or the shared file icon, labelled with
// the kind in the drive's words, which the name next to it does not say.
import { FileKindIcon } from '../../components/files/file-kind-icon';
import { useT } from '../../i18n/i18n-context';
import type { MediaKind } from './media-kind';

export function FileIcon({ kind, size = 32 }: { kind: MediaKind; size?: number }) {
  const t = useT();
  const label = t(`drive.kind.${kind}`);
  if (kind === 'folder') {
    return (
      <svg className="file-icon" width={size} height={size} viewBox="0 0 24 24" role="img" aria-label={label}>
        <path d="M2 6.5A2.5 2.5 0 0 1 4.5 4h4.3l2.2 2.2h8.5A2.5 2.5 0 0 1 22 8.7v9.8a2.5 2.5 0 0 1-2.5 2.5h-15A2.5 2.5 0 0 1 2 18.5z" fill="#f2b33d" />
        <path d="M2 9.5h20v9a2.5 2.5 0 0 1-2.5 2.5h-15A2.5 2.5 0 0 1 2 18.5z" fill="#f7c75c" />
      </svg>
    );
  }
  return <FileKindIcon kind={kind} label={label} size={size} />;
}
