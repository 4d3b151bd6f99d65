// Instance slugs: the part of the address after /i/. The server enforces the
// rule (same pattern as server/src/modules/instances/schemas.ts); the client
// suggests a valid slug from the name and warns early.

const SLUG_MAX_LENGTH = 40;
const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/;

export function isValidSlug(slug: string): boolean {
  return SLUG_PATTERN.test(slug);
}

/** "Équipe Nord & Co" → "equipe-nord-co". */
export function suggestSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, '');
}
