// The icon of a file or folder: a page with a coloured band naming its kind
// (PDF, IMG, ZIP…) or a folder, drawn inline so it looks the same everywhere.
// It is labelled with the kind, which the name next to it does not say.
import { useT } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/en';
import type { MediaKind } from './media-kind';

const LOOK: Record<Exclude<MediaKind, 'folder'>, { band: string; color: string }> = {
  image: { band: 'IMG', color: '#7c3aed' },
  pdf: { band: 'PDF', color: '#dc2626' },
  text: { band: 'TXT', color: '#475569' },
  code: { band: '</>', color: '#0e7490' },
  audio: { band: '♪', color: '#be185d' },
  video: { band: '▶', color: '#c2410c' },
  archive: { band: 'ZIP', color: '#a16207' },
  spreadsheet: { band: 'XLS', color: '#15803d' },
  document: { band: 'DOC', color: '#1d4ed8' },
  presentation: { band: 'PPT', color: '#b45309' },
  other: { band: '', color: '#64748b' },
};

export const KIND_LABEL: Record<MediaKind, MessageKey> = {
  folder: 'drive.kind.folder',
  image: 'drive.kind.image',
  pdf: 'drive.kind.pdf',
  text: 'drive.kind.text',
  code: 'drive.kind.code',
  audio: 'drive.kind.audio',
  video: 'drive.kind.video',
  archive: 'drive.kind.archive',
  spreadsheet: 'drive.kind.spreadsheet',
  document: 'drive.kind.document',
  presentation: 'drive.kind.presentation',
  other: 'drive.kind.other',
};

export function FileIcon({ kind, size = 32 }: { kind: MediaKind; size?: number }) {
  const t = useT();
  const label = t(KIND_LABEL[kind]);
  if (kind === 'folder') {
    return (
      <svg className="file-icon" width={size} height={size} viewBox="0 0 24 24" role="img" aria-label={label}>
        <path d="M2 6.5A2.5 2.5 0 0 1 4.5 4h4.3l2.2 2.2h8.5A2.5 2.5 0 0 1 22 8.7v9.8a2.5 2.5 0 0 1-2.5 2.5h-15A2.5 2.5 0 0 1 2 18.5z" fill="#f2b33d" />
        <path d="M2 9.5h20v9a2.5 2.5 0 0 1-2.5 2.5h-15A2.5 2.5 0 0 1 2 18.5z" fill="#f7c75c" />
      </svg>
    );
  }
  const look = LOOK[kind];
  return (
    <svg className="file-icon" width={size} height={size} viewBox="0 0 24 24" role="img" aria-label={label}>
      <path d="M5.5 1.5h9l5 5v15a1 1 0 0 1-1 1h-13a1 1 0 0 1-1-1v-19a1 1 0 0 1 1-1z" fill="var(--surface)" stroke={look.color} strokeWidth="1.2" />
      <path d="M14.5 1.5v4a1 1 0 0 0 1 1h4" fill="none" stroke={look.color} strokeWidth="1.2" />
      {look.band && (
        <>
          <rect x="2.5" y="12" width="15" height="7" rx="1.2" fill={look.color} />
          <text x="10" y="17.3" textAnchor="middle" fontSize="5.2" fontWeight="700" fontFamily="system-ui, sans-serif" fill="#fff">
            {look.band}
          </text>
        </>
      )}
    </svg>
  );
}
