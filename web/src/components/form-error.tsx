// The error box every form shows after a failed submit: a translated sentence
// for the problem's code, and the server's per-field messages when it sent any.
import { ApiError } from '../api/problem';
import { useT } from '../i18n/i18n-context';
import { problemMessage } from '../i18n/problem-message';

export function FormError({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : [];
  return (
    <div className="alert alert-error" role="alert">
      <p>{problemMessage(error, t)}</p>
      {fieldErrors.length > 0 && (
        <ul>
          {fieldErrors.map((fieldError, index) => (
            <li key={index}>
              {fieldError.field ? `${fieldError.field.replace(/^\//, '')}: ` : ''}
              {fieldError.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
