// Vietnamese lunisolar calendar → Gregorian, after Hồ Ngọc Đức's astronomical algorithm
// (https://www.informatik.uni-leipzig.de/~duc/amlich/). Vietnam reckons new moons and solar terms
// in UTC+7, which is why some years differ from the Chinese calendar (UTC+8), e.g. Tết 1985, 2007.
// Accurate for 1900–2100; outside that range we refuse rather than guess.

const TIME_ZONE_HOURS = 7;
const SYNODIC_MONTH = 29.530588853;
const JD_1900_NEW_MOON = 2415021.076998695;
/** Julian Day Number of 1970-01-01, so epoch days and JDNs convert by addition. */
const JDN_UNIX_EPOCH = 2440588;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

export interface SolarDate {
  year: number;
  month: number;
  day: number;
}

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

function jdnFromSolar(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000 + JDN_UNIX_EPOCH;
}

function solarFromJdn(jdn: number): SolarDate {
  const d = new Date((jdn - JDN_UNIX_EPOCH) * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** JDN (local day) of the k-th new moon after 1900-01-01. */
function newMoonDay(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
  const m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  let c1 = (0.1734 - 0.000393 * t) * Math.sin(m * dr) + 0.0021 * Math.sin(2 * dr * m);
  c1 = c1 - 0.4068 * Math.sin(mpr * dr) + 0.0161 * Math.sin(dr * 2 * mpr);
  c1 -= 0.0004 * Math.sin(dr * 3 * mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * f) - 0.0051 * Math.sin(dr * (m + mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (m - mpr)) + 0.0004 * Math.sin(dr * (2 * f + m));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * f - m)) - 0.0006 * Math.sin(dr * (2 * f + mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * f - mpr)) + 0.0005 * Math.sin(dr * (2 * mpr + m));
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return Math.floor(jd1 + c1 - deltaT + 0.5 + TIME_ZONE_HOURS / 24);
}

/** Sun's longitude at local midnight starting day `jdn`, as a sector 0..11 (30° each). */
function sunLongitudeSector(jdn: number): number {
  const t = (jdn - 2451545.5 - TIME_ZONE_HOURS / 24) / 36525;
  const t2 = t * t;
  const dr = Math.PI / 180;
  const m = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  let dl = (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(dr * m);
  dl = dl + (0.019993 - 0.000101 * t) * Math.sin(dr * 2 * m) + 0.00029 * Math.sin(dr * 3 * m);
  let l = (l0 + dl) * dr;
  l -= Math.PI * 2 * Math.floor(l / (Math.PI * 2));
  return Math.floor((l / Math.PI) * 6);
}

/** JDN of the start of lunar month 11 (the month holding the winter solstice) of solar year `year`. */
function lunarMonth11(year: number): number {
  const off = jdnFromSolar(year, 12, 31) - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  const nm = newMoonDay(k);
  return sunLongitudeSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

/** Offset (in months after month 11) of the leap month in a 13-month lunar year starting at `a11`. */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - JD_1900_NEW_MOON) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunLongitudeSector(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunLongitudeSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`lunar calendar supports years ${MIN_YEAR}–${MAX_YEAR}, got ${year}`);
  }
}

/**
 * Gregorian date of a Vietnamese lunar date. Returns null when the date does not exist
 * (a leap month that year does not have, or day 30 of a 29-day month).
 */
export function lunarToSolar(lunar: LunarDate): SolarDate | null {
  const { year, month, day, leap } = lunar;
  checkYear(year);
  if (month < 1 || month > 12 || day < 1 || day > 30) return null;
  const [a11, b11] =
    month < 11 ? [lunarMonth11(year - 1), lunarMonth11(year)] : [lunarMonth11(year), lunarMonth11(year + 1)];
  const k = Math.floor(0.5 + (a11 - JD_1900_NEW_MOON) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  const monthStart = newMoonDay(k + off);
  const jdn = monthStart + day - 1;
  if (day === 30 && newMoonDay(k + off + 1) <= jdn) return null;
  return solarFromJdn(jdn);
}

/** Vietnamese lunar date of a Gregorian date. */
export function solarToLunar(solar: SolarDate): LunarDate {
  checkYear(solar.year);
  const jdn = jdnFromSolar(solar.year, solar.month, solar.day);
  const k = Math.floor((jdn - JD_1900_NEW_MOON) / SYNODIC_MONTH);
  // The mean-month estimate can be one month ahead of the true new moons (2062-04-09 is such a day),
  // so step back until the month starts on or before the day.
  let m = k + 1;
  let monthStart = newMoonDay(m);
  while (monthStart > jdn) monthStart = newMoonDay(--m);
  let a11 = lunarMonth11(solar.year);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = solar.year;
    a11 = lunarMonth11(solar.year - 1);
  } else {
    lunarYear = solar.year + 1;
    b11 = lunarMonth11(solar.year + 1);
  }
  const day = jdn - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month, day, leap };
}

/** Gregorian date of Tết (lunar 1/1) falling in solar year `year`. */
export function tetDate(year: number): SolarDate {
  const tet = lunarToSolar({ year, month: 1, day: 1, leap: false });
  if (!tet) throw new RangeError(`no Tết in ${year}`);
  return tet;
}
