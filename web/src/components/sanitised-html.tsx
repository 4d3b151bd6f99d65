// Shows HTML the server rendered from Markdown and sanitised. This is the
// only place the client inserts HTML, and it inserts nothing else. Links to
// pages of this app (mentions, groups) are followed without a page reload.
import type { MouseEvent } from 'react';
import { useNavigate } from 'react-router';

export function SanitisedHtml({ html, className }: { html: string; className?: string }) {
  const navigate = useNavigate();

  function followInternalLink(event: MouseEvent<HTMLDivElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element).closest('a');
    const href = link?.getAttribute('href');
    if (!link || !href || !href.startsWith('/') || href.startsWith('//') || link.target) return;
    event.preventDefault();
    navigate(href);
  }

  return (
    // The click handler only delegates clicks on the links inside.
    <div className={className} onClick={followInternalLink} dangerouslySetInnerHTML={{ __html: html }} />
  );
}
