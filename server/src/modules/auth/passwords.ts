// Password hashing and policy. argon2id with the OWASP / ASVS 5.0 L2
// parameters (19 MiB, 2 passes, 1 lane). Policy per NIST 800-63B / ASVS: 8 to
// 128 characters, checked against a list of common passwords, no composition
// rules. Unicode is normalised (NFKC) so the same password typed on two
// keyboards hashes the same.
import argon2 from 'argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../../errors.ts';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const commonPasswords = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

function normalise(password: string): string {
  return password.normalize('NFKC');
}

/** Throws a 400 with a stable code when the password is not acceptable as a new password. */
export function assertAcceptablePassword(password: string, context: { email?: string } = {}): void {
  const value = normalise(password);
  const length = [...value].length;
  if (length < PASSWORD_MIN_LENGTH) {
    throw new AppError(400, 'password_too_short', `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`);
  }
  if (length > PASSWORD_MAX_LENGTH) {
    throw new AppError(400, 'password_too_long', `The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`);
  }
  const lower = value.toLowerCase();
  if (commonPasswords.has(lower) || (context.email && lower === context.email.toLowerCase())) {
    throw new AppError(400, 'password_too_common', 'This password is too common. Choose another one.');
  }
}

// node-argon2 writes the parameters as m,p,t (ranisalt/node-argon2#559) where the
// PHC string format requires m,t,p; libargon2-based verifiers (PHP, Symfony, Java)
// reject the other order, so hashes are rewritten to stay portable. Verification
// here parses the parameters by name, so hashes stored in either order still verify.
function inPhcOrder(hash: string): string {
  return hash.replace(/\$m=(\d+),p=(\d+),t=(\d+)\$/, '$m=$1,t=$3,p=$2$');
}

export async function hashPassword(password: string): Promise<string> {
  return inPhcOrder(await argon2.hash(normalise(password), HASH_OPTIONS));
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, normalise(password));
  } catch {
    return false;
  }
}

// Verifying against a fixed hash when the account does not exist keeps the
// answer time the same, so timing does not reveal which emails have accounts.
let decoyHash: Promise<string> | undefined;
export async function spendVerificationTime(password: string): Promise<void> {
  decoyHash ??= hashPassword('decoy password that never matches');
  await verifyPassword(await decoyHash, password);
}
