import { currentLanguage } from '../app/i18n.ts';

const ZONE = 'Asia/Ho_Chi_Minh';
const locale = () => (currentLanguage() === 'en' ? 'en-GB' : 'vi-VN');

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A moment in Vietnam's time zone, whatever the browser's, as administrative documents write it: 26/11/2026 14:19. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = Object.fromEntries(parts.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** A calendar date (YYYY-MM-DD) shown as the reader expects (dd/mm/yyyy). */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

export function formatNumber(value: number, digits = 0): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

/** Today in Vietnam, as YYYY-MM-DD. */
export function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
}
