import { hash, verify } from '@node-rs/argon2';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verifying against this when no user matches keeps login time the same either way (no enumeration by timing).
let dummyHash: Promise<string> | undefined;
export async function verifyDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('cqs-timing-equaliser');
  await verifyPassword(await dummyHash, password);
  return false;
}

export const MIN_PASSWORD_LENGTH = 10;

/** Problems with a new password, as message keys (empty when acceptable). */
export function passwordProblems(password: string, personal: (string | null | undefined)[] = []): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push('password.too_short');
  if (new Set(password).size < 5) problems.push('password.too_simple');
  const lower = password.toLowerCase();
  if (personal.some((p) => p && p.length >= 4 && lower.includes(p.toLowerCase())))
    problems.push('password.contains_personal');
  return problems;
}
