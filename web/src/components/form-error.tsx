// The error box every form shows after a failed submit: a translated sentence
// for the problem's code, and the server's per-field messages when it sent any.
import { ApiError } from '../api/problem';
import { useT } from '../i18n/i18n-context';
import { problemMessage } from '../i18n/problem-message';

interface FormErrorProps {
  error: unknown;
  /** Names a field the server pointed at (e.g. a custom field by its id), when it can. */
  fieldLabel?: (field: string) => string | undefined;
}

export function FormError({ error, fieldLabel }: FormErrorProps) {
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
              {fieldError.field
                ? `${fieldLabel?.(fieldError.field) ?? fieldError.field.replace(/^\//, '')}: `
                : ''}
              {fieldError.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
