import { withoutDiacritics } from '../../platform/i18n/index.ts';
/** Lower case without Vietnamese diacritics: "Đăng ký khai sinh" → "dang ky khai sinh". */
export function foldVietnamese(text: string): string {
  return withoutDiacritics(text).toLowerCase().replace(/\s+/g, ' ').trim();
}
