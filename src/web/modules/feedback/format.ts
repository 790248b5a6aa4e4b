import { currentLanguage } from '../../app/i18n.ts';

/** A time in Asia/Ho_Chi_Minh, whatever the device's zone. */
export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat(currentLanguage() === 'en' ? 'en-GB' : 'vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(iso));
}
