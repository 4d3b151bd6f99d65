// Email addresses are compared in one canonical form: Unicode NFKC, trimmed,
// lower-cased. (Lower-casing the local part is technically lossy, but every
// mainstream provider treats it case-insensitively and users expect it.)
import { validationFailed } from '../../errors.ts';

const EMAIL_SHAPE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/u;

export function normaliseEmail(raw: string, field = 'email'): string {
  const email = raw.normalize('NFKC').trim().toLowerCase();
  if (email.length > 254 || !EMAIL_SHAPE.test(email)) {
    throw validationFailed(`${field} is not a valid email address.`, [{ path: `body/${field}`, message: 'must be a valid email address' }]);
  }
  return email;
}
