// Turns an API failure into a sentence for the user: our own translation when
// we know the problem's code, else the server's `detail`, which is written
// for people but only in the server's language.
import { ApiError } from '../api/problem';
import type { MessageKey } from './en';
import { en } from './en';
import type { Translate } from './translate';

function keyForCode(code: string): MessageKey | null {
  const key = `error.${code}`;
  return key in en ? (key as MessageKey) : null;
}

export function problemMessage(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('error.unexpected_response');
  const key = keyForCode(error.code);
  if (key) return t(key);
  return error.detail ?? error.title;
}
