// Kinds every deployment starts with; demo meetings live in demo.ts.
import type { Tx } from '../../platform/db/client.ts';
import { DEFAULT_KINDS } from './kinds.ts';
import { meetingKinds } from './tables.ts';

export async function seedMeetingKinds(tx: Tx): Promise<void> {
  await tx
    .insert(meetingKinds)
    .values(
      DEFAULT_KINDS.map((k) => ({
        code: k.code,
        name: k.name,
        nameEn: k.nameEn,
        rules: k.rules,
        template: k.template,
      })),
    )
    .onConflictDoNothing();
}
