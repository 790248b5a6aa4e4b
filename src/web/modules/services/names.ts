import { currentLanguage } from '../../app/i18n.ts';

/** A procedure's (or sector's) name in the page's language, where a translation exists. */
export function localName(item: { name: string; nameEn?: string | null | undefined }): string {
  return currentLanguage() === 'en' && item.nameEn ? item.nameEn : item.name;
}
