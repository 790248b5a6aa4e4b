// A message to a person at the contact they gave: e-mail when they have one, else SMS. The texts are
// `identity:<key>.subject`, `.body` (e-mail) and `.sms` in the locales.
import { type Language, t } from '../../platform/i18n/index.ts';

export interface Contact {
  email: string | null;
  phone: string | null;
}

export function contactMessage(lang: Language, to: Contact, key: string, params: Record<string, unknown>) {
  return to.email
    ? {
        channel: 'email' as const,
        recipient: to.email,
        subject: t(lang, `identity:${key}.subject`),
        body: t(lang, `identity:${key}.body`, params),
      }
    : { channel: 'sms' as const, recipient: to.phone!, body: t(lang, `identity:${key}.sms`, params) };
}
