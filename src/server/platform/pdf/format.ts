/**
 * Dates and amounts as Vietnamese administrative documents write them.
 *
 * Vietnam has kept UTC+7 without daylight saving since 1975, so the offset is applied by hand:
 * output never depends on the server's TZ or on the ICU data Node was built with.
 */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

export interface VnDateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_START = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * The instant a value names. A date-only string is Vietnam midnight of that day; a timestamp
 * without a zone is read as Vietnam local time (never as the server's).
 */
export function parseInstant(value: unknown): Date | undefined {
  let ms = Number.NaN;
  if (typeof value === 'string') {
    const text = value.trim();
    if (DATE_ONLY.test(text)) ms = Date.parse(`${text}T00:00:00+07:00`);
    else if (ISO_START.test(text)) ms = Date.parse(HAS_ZONE.test(text) ? text : `${text}+07:00`);
  } else if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value;
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

/** Calendar fields in Asia/Ho_Chi_Minh. */
export function vnParts(value: unknown): VnDateParts | undefined {
  const instant = parseInstant(value);
  return instant && fromEpoch(instant.getTime());
}

function fromEpoch(ms: number): VnDateParts {
  const d = new Date(ms + VN_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "26/11/2026" */
export function formatDate(value: unknown): string | undefined {
  const p = vnParts(value);
  return p && `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** "14:20" */
export function formatTime(value: unknown): string | undefined {
  const p = vnParts(value);
  return p && `${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** "14:20 ngày 26/11/2026" */
export function formatDateTime(value: unknown): string | undefined {
  const p = vnParts(value);
  return p && `${pad2(p.hour)}:${pad2(p.minute)} ngày ${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/**
 * "ngày 26 tháng 11 năm 2026". Decree 30/2020 (Appendix I): days below 10 and the months
 * January and February take a leading zero ("ngày 05 tháng 02"), other months do not.
 */
export function formatLongDate(value: unknown): string | undefined {
  const p = vnParts(value);
  if (!p) return undefined;
  const month = p.month <= 2 ? pad2(p.month) : String(p.month);
  return `ngày ${pad2(p.day)} tháng ${month} năm ${p.year}`;
}

/** The blank printed when a form is issued without a date, to be written in by hand. */
export const BLANK_LONG_DATE = 'ngày …… tháng …… năm ……';

/** "Thủ Dầu Một, ngày 26 tháng 11 năm 2026" */
export function formatPlaceDate(place: string | undefined, date: unknown): string {
  const when = formatLongDate(date) ?? BLANK_LONG_DATE;
  const where = place?.trim();
  return where ? `${where}, ${when}` : when.charAt(0).toUpperCase() + when.slice(1);
}

function toInteger(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : undefined;
}

/** "1.500.000"; undefined for anything that is not a whole number. */
export function formatNumber(value: unknown): string | undefined {
  const n = toInteger(value);
  if (n === undefined) return undefined;
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return n < 0 ? `-${digits}` : digits;
}

/** Integer đồng: "1.500.000 đồng". */
export function formatMoney(value: unknown): string | undefined {
  const text = formatNumber(value);
  return text && `${text} đồng`;
}
