// A search snippet: the server sends the text HTML-escaped with <mark>
// around the matches and nothing else. Rather than insert it as HTML (the
// app's one HTML sink, SanitisedHtml, is for sanitised Markdown), it is read
// back into text and <mark> elements, so even a server bug cannot inject markup.
import { Fragment } from 'react';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name: string) => ENTITIES[name] ?? '');
}

/** The parts of a snippet, each a text and whether it is a match. */
export function snippetParts(snippet: string): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  let match = false;
  for (const piece of snippet.split(/(<\/?mark>)/)) {
    if (piece === '<mark>') match = true;
    else if (piece === '</mark>') match = false;
    else if (piece) parts.push({ text: decode(piece), match });
  }
  return parts;
}

export function Snippet({ snippet, className }: { snippet: string; className?: string }) {
  return (
    <span className={className ?? 'search-snippet'}>
      {snippetParts(snippet).map((part, index) =>
        part.match ? <mark key={index}>{part.text}</mark> : <Fragment key={index}>{part.text}</Fragment>,
      )}
    </span>
  );
}
