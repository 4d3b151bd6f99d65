// File and folder names come from people and from browsers' file pickers, and
// go back out in Content-Disposition headers and on other people's screens.
// They never become paths on disk (blobs are stored by hash), but a name must
// still not smuggle a path, control characters or direction overrides that
// make "invoice‮fdp.exe" read as "invoiceexe.pdf".
import { validationFailed } from '../../errors.ts';

export const MAX_NAME_LENGTH = 255;

// C0/C1 controls, bidirectional overrides and isolates, zero-width characters and the BOM.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const RESERVED = /[<>:"|?*]/g;

/**
 * The name to store, or a validation error. A path keeps its last segment
 * (as browsers do for uploads), so "../../etc/passwd" becomes "passwd".
 */
export function cleanName(raw: string): string {
  const segment = raw.split(/[/\\]/).at(-1) ?? '';
  const name = segment.normalize('NFC').replace(INVISIBLE, '').replace(RESERVED, '_').replace(/\s+/g, ' ').trim().replace(/[. ]+$/, '');
  if (name === '' || name === '.' || name === '..') throw validationFailed('A name is needed.', [{ path: '/name', message: 'must contain at least one visible character' }]);
  if ([...name].length > MAX_NAME_LENGTH) throw validationFailed(`A name is at most ${MAX_NAME_LENGTH} characters long.`, [{ path: '/name', message: `must be at most ${MAX_NAME_LENGTH} characters` }]);
  return name;
}

/** "report.pdf" → "report (2).pdf": the first free variant of a name in a folder. */
export function numberedName(name: string, n: number): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
}
