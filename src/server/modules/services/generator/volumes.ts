// How many dossiers, of what, where, when and how they end: the generator's distributions as data.
// Figures are plausible for a province like former Bình Dương, not measured: every one is a knob.
import {
  isWorkingDay,
  isWorkingMoment,
  nextWorkingMoment,
  startOfLocalDay,
  tetDate,
  type WorkingCalendar,
} from '../../../platform/calendar/index.ts';
import { apportion, hashSeed, type Rng, Weighted } from './prng.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Relative volume per procedure code (certified copies and births dominate; land and permits are few). */
export const PROCEDURE_SHARE: Readonly<Record<string, number>> = {
  '2.000815': 36, // chứng thực bản sao từ bản chính
  '1.001193': 22, // đăng ký khai sinh
  '2.000488': 12, // cấp Phiếu lý lịch tư pháp
  '2.000720': 7, // đăng ký hộ kinh doanh
  '1.000894': 6, // đăng ký kết hôn
  '1.009994': 3, // giấy phép xây dựng nhà ở riêng lẻ
  '1.012766': 2.5, // đăng ký, cấp Giấy chứng nhận lần đầu
  '2.000591': 2, // Giấy chứng nhận cơ sở đủ điều kiện ATTP
  '1.012274': 1.5, // giấy phép hành nghề khám bệnh, chữa bệnh
};
/** Any other published procedure. */
export const DEFAULT_PROCEDURE_SHARE = 2;

/** Online share of dossiers for procedures offered online: grows linearly over the window. */
export const ONLINE_SHARE = { start: 0.3, end: 0.65 };
/** Per-procedure shift of the online share (criminal records go online most, land least). */
export const ONLINE_SHIFT: Readonly<Record<string, number>> = {
  '2.000488': 0.1,
  '1.001193': 0.05,
  '1.009994': -0.1,
  '1.012766': -0.15,
  '2.000591': -0.05,
};
/** Share sent by post (VNPost) where the procedure accepts it. */
export const POST_SHARE = 0.02;

/** What happens to dossiers (probabilities; see build-dossier.ts for where each applies). */
export const OUTCOMES = {
  /** online/post dossiers refused at intake (form 03) */
  refuseAtIntake: 0.06,
  /** online/post dossiers withdrawn before intake */
  withdrawAtIntake: 0.005,
  /** dossiers with exactly one / two supplement requests (form 02) */
  oneSupplement: 0.13,
  twoSupplements: 0.02,
  /** of online dossiers with a supplement: the first one asked at intake, before acceptance */
  supplementAtIntake: 0.4,
  /** supplement requests never answered: closed by the supplement time limit (status 3) */
  supplementUnanswered: 0.04,
  /** withdrawn (7) or stopped (8) while in processing */
  withdrawInProcess: 0.01,
  stopInProcess: 0.008,
  /** planned to finish after the due date */
  late: 0.065,
  /** results never collected (stay at status 9) */
  neverCollected: 0.012,
  /** finished dossiers the applicant rated */
  rated: 0.4,
};

/** Rating scores 1–5: mostly satisfied. */
export const SCORES = new Weighted([5, 4, 3, 2, 1], [62, 24, 8, 4, 2]);

/**
 * Relative size of a commune: no population figures ship with the reference units, so dense urban
 * wards (small area) weigh most, large wards less, rural communes least, with a stable ±15% per unit.
 */
export function communeWeight(unitCode: string, fullName: string, areaKm2: number | null): number {
  const ward = fullName.startsWith('Phường');
  const area = areaKm2 ?? 50;
  const base = ward ? (area < 25 ? 170 : area < 70 ? 115 : 85) : 45;
  const jitter = 0.85 + 0.3 * (hashSeed('commune', unitCode) / 4294967296);
  return base * jitter;
}

const WEEKDAY_FACTOR = [0.7, 1.15, 1.05, 1.0, 1.0, 0.92, 0.7]; // Sun … Sat (Sat/Sun only when make-up days)
const MONTH_FACTOR = [1.05, 1.0, 1.05, 0.95, 1.0, 1.0, 0.95, 1.0, 1.0, 1.05, 1.05, 1.1]; // Jan … Dec

/** Volume factor of a day around Tết: a rush before, a dip in the last days and the weeks after. */
function tetFactor(day: number): number {
  const year = new Date(day * DAY_MS).getUTCFullYear();
  for (const y of [year, year + 1]) {
    const t = tetDate(y);
    const tet = Date.UTC(t.year, t.month - 1, t.day) / DAY_MS;
    const d = day - tet;
    if (d >= -24 && d <= -10) return 1.2;
    if (d > -10 && d < 0) return 0.65;
    if (d >= 0 && d <= 14) return 0.55;
    if (d > 14 && d <= 28) return 0.85;
  }
  return 1;
}

export interface DayPlan {
  /** epoch day number of the local date */
  day: number;
  count: number;
}

/**
 * Spreads `count` dossiers over the working days in [from, until): weekday, month and Tết factors, a
 * slight growth over the window. Deterministic (largest remainder), in date order.
 */
export function planDays(cal: WorkingCalendar, fromDay: number, untilDay: number, count: number): DayPlan[] {
  const days: number[] = [];
  const weights: number[] = [];
  const span = Math.max(1, untilDay - fromDay);
  for (let day = fromDay; day < untilDay; day++) {
    if (!isWorkingDay(cal, day)) continue;
    const date = new Date(day * DAY_MS);
    const trend = 1 + 0.12 * ((day - fromDay) / span);
    days.push(day);
    weights.push(
      WEEKDAY_FACTOR[date.getUTCDay()]! * MONTH_FACTOR[date.getUTCMonth()]! * tetFactor(day) * trend,
    );
  }
  const counts = apportion(count, weights);
  return days.map((day, i) => ({ day, count: counts[i]! })).filter((d) => d.count > 0);
}

/** Counter arrivals per half hour of the office day: a morning peak, a smaller afternoon one. */
const COUNTER_SLOTS = new Weighted(
  [450, 480, 510, 540, 570, 600, 630, 660, 810, 840, 870, 900, 930, 960, 990],
  [0.8, 1.3, 1.5, 1.5, 1.3, 1.1, 0.9, 0.6, 0.8, 1.1, 1.1, 1.0, 0.8, 0.6, 0.3],
);
/** Online submissions per hour, 06:00–22:00: office hours and evenings. */
const ONLINE_HOURS = new Weighted(
  [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21],
  [0.2, 0.6, 1.0, 1.2, 1.2, 1.0, 0.6, 0.7, 1.0, 1.0, 0.9, 0.6, 0.4, 0.6, 0.7, 0.5],
);

/** A submission moment on a working day: office time at the counter, 06:00–22:00 online. */
export function submissionTime(rng: Rng, cal: WorkingCalendar, day: number, online: boolean): number {
  const midnight = startOfLocalDay(cal, day).getTime();
  if (online) return midnight + ONLINE_HOURS.pick(rng) * 3_600_000 + rng.int(0, 3599) * 1000;
  const t = midnight + (COUNTER_SLOTS.pick(rng) + rng.next() * 30) * MINUTE_MS;
  // A half day (notice) has fewer sessions: move into the next session.
  return isWorkingMoment(cal, t) ? Math.floor(t / 1000) * 1000 : nextWorkingMoment(cal, t).getTime();
}

/** Online share at a point of the window (0 = start, 1 = end) for one procedure. */
export function onlineShare(code: string, progress: number): number {
  const base = ONLINE_SHARE.start + (ONLINE_SHARE.end - ONLINE_SHARE.start) * progress;
  return Math.min(0.95, Math.max(0.02, base + (ONLINE_SHIFT[code] ?? 0)));
}

export { DAY_MS, MINUTE_MS };
