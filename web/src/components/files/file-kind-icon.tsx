// The icon of a file: a page with a coloured band naming its kind (PDF, IMG,
// ZIP…), drawn inline so it looks the same everywhere, in the drive and on
// attachments. Each of them decides which kind a media type is and what the
// kind is called, and passes that name as the label: the file's name next to
// the icon does not say it.
export type FileKind = 'image' | 'pdf' | 'text' | 'audio' | 'video' | 'archive' | 'spreadsheet' | 'document' | 'presentation' | 'code' | 'other';

const LOOK: Record<FileKind, { band: string; color: string }> = {
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

export function FileKindIcon({ kind, label, size }: { kind: FileKind; label: string; size: number }) {
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
