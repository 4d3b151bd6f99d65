// Why an upload failed, in plain words for its chip, and whether trying
// again may help (a virus or a file over the limit stays refused).
import { ApiError, NETWORK_ERROR } from '../../api/problem';
import type { MessageKey } from '../../i18n/en';
import { problemMessage } from '../../i18n/problem-message';
import type { Translate } from '../../i18n/translate';

const KEYS: Partial<Record<string, MessageKey>> = {
  file_too_large: 'attachments.error.tooLarge',
  quota_exceeded: 'attachments.error.quota',
  file_infected: 'attachments.error.infected',
  scan_unavailable: 'attachments.error.scanUnavailable',
  [NETWORK_ERROR]: 'attachments.error.network',
};

export function uploadProblem(error: unknown, t: Translate): string {
  const key = error instanceof ApiError ? KEYS[error.code] : undefined;
  return key ? t(key) : problemMessage(error, t);
}

export function mayRetryUpload(error: unknown): boolean {
  return !(error instanceof ApiError && (error.code === 'file_too_large' || error.code === 'file_infected'));
}
