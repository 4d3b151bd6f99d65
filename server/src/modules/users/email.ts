// Email addresses are compared in one canonical form: Unicode NFKC, trimmed,
// lower-cased. (Lower-casing the local part is technically lossy, but every
// mainstream provider treats it case-insensitively and users expect it.)
import { validationFailed } from '../../errors.ts';

const EMAIL_SHAPE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/u;

/** The canonical form, without validation (for look-ups of what the user typed). */
export function canonicalEmail(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase();
}

/** The canonical form of an address that must be valid (400 otherwise). */
export function normaliseEmail(raw: string, field = 'email'): string {
  const email = canonicalEmail(raw);
  if (email.length > 254 || !EMAIL_SHAPE.test(email)) {
    throw validationFailed(`${field} is not a valid email address.`, [{ path: `body/${field}`, message: 'must be a valid email address' }]);
  }
  return email;
}
