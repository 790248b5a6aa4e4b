import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { resolveHolidays, VN_HOLIDAY_RULES, VN_NOTICE_ENTRIES } from './holidays.ts';
import { tetDate } from './lunar.ts';
import { createWorkingCalendar, dayInfo } from './working-calendar.ts';

const cal = createWorkingCalendar();
const ruleOnly = createWorkingCalendar({ notices: [] });

describe('days off and on, with the official notices', () => {
  it.each([
    // 2025: Tết 25 Jan–2 Feb; the substitute for Sat 1 Feb moved to Mon 27 Jan; 2 May swapped with Sat 26 Apr
    ['2025-01-01', 'holiday'],
    ['2025-01-24', 'workday'],
    ['2025-01-27', 'holiday'],
    ['2025-01-28', 'holiday'],
    ['2025-01-31', 'holiday'],
    ['2025-02-01', 'holiday'],
    ['2025-02-03', 'workday'],
    ['2025-04-07', 'holiday'],
    ['2025-04-26', 'makeup'],
    ['2025-04-30', 'holiday'],
    ['2025-05-01', 'holiday'],
    ['2025-05-02', 'holiday'],
    ['2025-05-05', 'workday'],
    ['2025-09-01', 'holiday'],
    ['2025-09-02', 'holiday'],
    ['2025-09-03', 'workday'],
    // 2026: New Year 1–4 Jan (2 Jan swapped with Sat 10 Jan); Tết 14–22 Feb; Hùng Kings on Sunday
    // 26 Apr → Monday 27 Apr; National Day 29 Aug–2 Sep (31 Aug swapped with Sat 22 Aug)
    ['2026-01-02', 'holiday'],
    ['2026-01-10', 'makeup'],
    ['2026-02-13', 'workday'],
    ['2026-02-16', 'holiday'],
    ['2026-02-20', 'holiday'],
    ['2026-02-23', 'workday'],
    ['2026-04-27', 'holiday'],
    ['2026-04-28', 'workday'],
    ['2026-04-30', 'holiday'],
    ['2026-05-01', 'holiday'],
    ['2026-08-22', 'makeup'],
    ['2026-08-31', 'holiday'],
    ['2026-09-01', 'holiday'],
    ['2026-09-02', 'holiday'],
    ['2026-09-03', 'workday'],
    ['2026-11-24', 'holiday'],
    // 2027 (expected, no notice yet): Tết Fri 5–Thu 11 Feb (weekend substitutes Wed 10, Thu 11);
    // Labour Day on Saturday → Monday 3 May; National Day Thu 2 + Fri 3 Sep
    ['2027-02-04', 'workday'],
    ['2027-02-05', 'holiday'],
    ['2027-02-10', 'holiday'],
    ['2027-02-11', 'holiday'],
    ['2027-02-12', 'workday'],
    ['2027-04-16', 'holiday'],
    ['2027-05-03', 'holiday'],
    ['2027-09-01', 'workday'],
    ['2027-09-03', 'holiday'],
  ])('%s is a %s', (date, kind) => {
    expect(dayInfo(cal, date).kind).toBe(kind);
  });

  it('names the days and cites their source', () => {
    const tet = dayInfo(cal, '2026-02-17');
    expect(tet.nameKey).toBe('holiday.tet');
    expect(tet.source).toMatch(/Thủ tướng/);
    expect(dayInfo(cal, '2026-04-27').source).toMatch(/Điều 111 khoản 3/);
    expect(dayInfo(cal, '2026-03-10').nameKey).toBeNull();
  });
});

describe('holiday rules alone', () => {
  const offDays = (year: number) =>
    resolveHolidays(year, { notices: [] })
      .filter((d) => d.status === 'off')
      .map((d) => `${d.date} ${d.origin}`);

  it('Tết is the last day of the lunar year plus lunar 1–4 January, with substitutes after weekends', () => {
    expect(offDays(2025).filter((d) => d.startsWith('2025-0'))).toEqual(
      expect.arrayContaining([
        '2025-01-28 rule',
        '2025-01-29 rule',
        '2025-02-01 rule',
        // mùng 4 is a Saturday → the next working day
        '2025-02-03 substitute',
      ]),
    );
    expect(offDays(2027)).toEqual(
      expect.arrayContaining([
        '2027-02-05 rule',
        '2027-02-09 rule',
        '2027-02-10 substitute',
        '2027-02-11 substitute',
      ]),
    );
    expect(dayInfo(ruleOnly, '2025-01-27').kind).toBe('workday');
  });

  it('adds 1 September by default and Culture Day only from 2026', () => {
    expect(offDays(2025)).toContain('2025-09-01 rule');
    expect(offDays(2020)).not.toContain('2020-09-01 rule');
    expect(offDays(2025).some((d) => d.startsWith('2025-11-24'))).toBe(false);
    expect(offDays(2026)).toContain('2026-11-24 rule');
  });

  it('lets a notice cancel a rule day and add half days', () => {
    const halfDay = createWorkingCalendar({
      notices: [{ date: '2026-03-11', kind: 'half_day_am', nameKey: 'holiday.other', source: 'test' }],
    });
    const info = dayInfo(halfDay, '2026-03-11');
    expect(info.kind).toBe('half_day');
    expect(info.workingMinutes).toBe(240);
    expect(info.sessions).toEqual([{ start: '07:30', end: '11:30' }]);
  });

  it('keeps rules and notices as sourced data', () => {
    expect(new Set(VN_HOLIDAY_RULES.map((r) => r.id)).size).toBe(VN_HOLIDAY_RULES.length);
    for (const rule of VN_HOLIDAY_RULES) expect(rule.source.length).toBeGreaterThan(10);
    expect(VN_HOLIDAY_RULES.find((r) => r.id === 'culture_day')?.source).toMatch(/\(confirm\)/);
    for (const entry of VN_NOTICE_ENTRIES) {
      expect(entry.date).toMatch(/^20\d\d-\d\d-\d\d$/);
      expect(entry.source.length).toBeGreaterThan(10);
    }
    expect(
      VN_NOTICE_ENTRIES.filter((e) => e.date.startsWith('2027')).every((e) => /\(confirm\)/.test(e.source)),
    ).toBe(true);
  });
});

// Cross-check against the date-holidays package. Known differences, by design:
// - it marks only Giao thừa (last day of the lunar year) and mùng 1 as public, not mùng 2–4;
// - it has no adjacent National Day day, no substitute days and no annual notices;
// - both reckon the lunar calendar in UTC+7, so 2030 Tết is 2 Feb in both (China: 3 Feb).
describe('agrees with date-holidays (VN) on the dates both define', () => {
  const hd = new Holidays('VN');
  it.each([2025, 2026, 2027, 2028, 2029, 2030])('%i', (year) => {
    const theirs = new Map(
      hd
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => [h.name, h.date.slice(0, 10)]),
    );
    const ours = new Set(
      resolveHolidays(year, { notices: [] })
        .filter((d) => d.origin === 'rule')
        .map((d) => d.date),
    );
    for (const fixed of ['01-01', '04-30', '05-01', '09-02']) {
      expect(ours).toContain(`${year}-${fixed}`);
      expect([...theirs.values()]).toContain(`${year}-${fixed}`);
    }
    const tet = tetDate(year);
    const tetIso = `${year}-${String(tet.month).padStart(2, '0')}-${String(tet.day).padStart(2, '0')}`;
    expect(theirs.get('Tết Nguyên Đán')).toBe(tetIso);
    const eve = theirs.get('Giao thừa Tết Nguyên Đán')!;
    expect(Date.parse(tetIso) - Date.parse(eve)).toBe(86_400_000);
    expect(ours).toContain(eve);
    expect(ours).toContain(tetIso);
    expect(ours).toContain(theirs.get('Giỗ tổ Hùng Vương'));
  });
});
