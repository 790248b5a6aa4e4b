// Stored template overrides: documents per agency (falling back to the deployment's, then the shipped
// default) and the applicant notification per language (falling back to the locale files).
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { parseTemplate } from '../../platform/pdf/index.ts';
import type { DocumentTemplate } from '../../platform/pdf/index.ts';
import { templates } from './tables.ts';

export async function documentTemplate(
  db: DbOrTx,
  form: string,
  agencyId: string,
): Promise<DocumentTemplate | undefined> {
  const rows = await db
    .select()
    .from(templates)
    .where(and(eq(templates.kind, 'document'), eq(templates.key, form)));
  const row = rows.find((r) => r.agencyId === agencyId) ?? rows.find((r) => r.agencyId === null);
  return row ? parseTemplate(row.content) : undefined;
}

export interface NotificationTemplate {
  subject: string;
  body: string;
  sms: string;
}

export async function notificationTemplate(
  db: DbOrTx,
  lang: string,
): Promise<NotificationTemplate | undefined> {
  const [row] = await db
    .select()
    .from(templates)
    .where(
      and(
        eq(templates.kind, 'notification'),
        eq(templates.key, 'dossier_status'),
        isNull(templates.agencyId),
        eq(templates.lang, lang),
      ),
    );
  return row?.content as NotificationTemplate | undefined;
}

/** {{name}} substitution for notification texts (plain text, nothing evaluated). */
export function fillText(text: string, params: Record<string, string>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => params[k] ?? '');
}
export const NOTIFICATION_PLACEHOLDERS = ['code', 'name', 'status'] as const;
