import { and, ne, or, sql } from 'drizzle-orm';
import { passwordProblems } from '../../../platform/auth/passwords.ts';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { users } from '../tables.ts';

export function assertPasswordAcceptable(
  password: string,
  personal: (string | null | undefined)[],
  field = 'body.password',
) {
  const problems = passwordProblems(password, personal);
  if (problems.length) {
    throw new AppError(
      'weak_password',
      {},
      problems.map((key) => ({ field, key, params: { min: 10 } })),
    );
  }
}

/** E-mail and phone identify one account each. */
export async function assertContactFree(
  tx: DbOrTx,
  email: string | null,
  phone: string | null,
  exceptUserId?: string,
) {
  if (!email && !phone) return;
  const clash = await tx
    .select({ email: users.email, phone: users.phone })
    .from(users)
    .where(
      and(
        or(
          email ? sql`lower(${users.email}) = lower(${email})` : sql`false`,
          phone ? sql`${users.phone} = ${phone}` : sql`false`,
        ),
        exceptUserId ? ne(users.id, exceptUserId) : undefined,
      ),
    )
    .limit(1);
  if (clash[0]) {
    if (email && clash[0].email?.toLowerCase() === email.toLowerCase())
      throw new AppError('email_taken', {}, [{ field: 'body.email', key: 'field.taken' }]);
    throw new AppError('phone_taken', {}, [{ field: 'body.phone', key: 'field.taken' }]);
  }
}
