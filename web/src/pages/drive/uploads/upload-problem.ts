// Why an upload failed, in the person's words and language. The size limit
// is named when we know it; the rest is the app's usual problem messages.
import { ApiError, NETWORK_ERROR } from '../../../api/problem';
import type { Locale } from '../../../api/types';
import { formatBytes } from '../../../i18n/format-bytes';
import { problemMessage } from '../../../i18n/problem-message';
import type { Translate } from '../../../i18n/translate';

export function uploadProblem(error: unknown, t: Translate, locale: Locale, maxFileBytes: number | null): string {
  if (error instanceof ApiError) {
    if (error.code === 'file_too_large' && maxFileBytes !== null) {
      return t('drive.upload.tooLarge', { max: formatBytes(maxFileBytes, locale) });
    }
    if (error.code === NETWORK_ERROR) return t('drive.upload.interrupted');
  }
  return problemMessage(error, t);
}

/** Trying again cannot help a file over the size limit. */
export function canRetry(error: unknown): boolean {
  return !(error instanceof ApiError && error.code === 'file_too_large');
}
