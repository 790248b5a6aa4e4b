import { currentLanguage } from './i18n.ts';

/** An agency's or role's name in the interface language, when the record has one. */
export function localName(record: { name: string; nameEn: string | null }): string {
  return currentLanguage() === 'en' && record.nameEn ? record.nameEn : record.name;
}
