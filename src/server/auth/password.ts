import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id minimum (19 MiB, 2 passes); the algorithm defaults to argon2id (its const enum is not imported,
// see STACK-NOTES).
const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export async function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), OPTIONS);
}

/** Whether `password` matches; never throws on a malformed hash. */
export async function verifyPasswordHash(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

export const passwordProblems = ['too_short', 'too_long', 'too_simple', 'contains_email'] as const;
export type PasswordProblem = (typeof passwordProblems)[number];

/** A password staff may choose: 12 to 200 characters, not one repeated character or an obvious sequence, not the e-mail. */
export function checkPasswordStrength(password: string, email?: string): PasswordProblem | null {
  if (password.length < 12) return 'too_short';
  if (password.length > 200) return 'too_long';
  const lower = password.toLowerCase();
  if (new Set(lower).size < 5 || /^(0123456789|123456789|abcdefgh|qwertyui|password|matkhau)/.test(lower)) return 'too_simple';
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'contains_email';
  return null;
}
