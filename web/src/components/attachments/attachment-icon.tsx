// Icons drawn inline: a page with a coloured band naming the file's kind
// (PDF, IMG, ZIP…), labelled with that kind, which the name next to it may
// not say; and the paperclip of the attach button (decorative: the button
// has a name).
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/i18n-context';
import type { AttachmentKind } from './attachment-kind';

const LOOK: Record<AttachmentKind, { band: string; color: string }> = {
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

const KIND_LABEL: Record<AttachmentKind, MessageKey> = {
  image: 'attachments.kind.image',
  pdf: 'attachments.kind.pdf',
  text: 'attachments.kind.text',
  code: 'attachments.kind.code',
  audio: 'attachments.kind.audio',
  video: 'attachments.kind.video',
  archive: 'attachments.kind.archive',
  spreadsheet: 'attachments.kind.spreadsheet',
  document: 'attachments.kind.document',
  presentation: 'attachments.kind.presentation',
  other: 'attachments.kind.other',
};

export function AttachmentIcon({ kind, size = 28 }: { kind: AttachmentKind; size?: number }) {
  const t = useT();
  const look = LOOK[kind];
  return (
    <svg className="attachment-icon" width={size} height={size} viewBox="0 0 24 24" role="img" aria-label={t(KIND_LABEL[kind])}>
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
