import { describe, expect, it } from 'vitest';
import { aqiBand, dailyAqi, hourlyAqi, maxEightHourMean, nowcast, subIndex } from './aqi.ts';

describe('sub-indices on the breakpoints of Table 2 (Decision 1459/QĐ-TCMT)', () => {
  it.each([
    // Every breakpoint maps to its I value.
    ['pm25', 0, 0],
    ['pm25', 25, 50],
    ['pm25', 50, 100],
    ['pm25', 80, 150],
    ['pm25', 150, 200],
    ['pm25', 250, 300],
    ['pm25', 350, 400],
    ['pm25', 500, 500],
    ['pm10', 50, 50],
    ['pm10', 150, 100],
    ['pm10', 420, 300],
    ['pm10', 600, 500],
    ['o3', 160, 50],
    ['o3', 1200, 500],
    ['no2', 200, 100],
    ['no2', 3850, 500],
    ['so2', 125, 50],
    ['so2', 2630, 500],
    ['co', 10000, 50],
    ['co', 150000, 500],
    ['o3_8h', 100, 50],
    ['o3_8h', 400, 300],
  ] as const)('%s at %d µg/m³ → %d', (p, c, expected) => {
    expect(subIndex(p, c)).toBe(expected);
  });

  it.each([
    // Interpolation inside a segment, rounded: (100−50)/(50−25) × (41−25) + 50 = 82.
    ['pm25', 41, 82],
    // Just past a breakpoint starts the next band: (100−50)/(150−50) × (50.1−50) + 50 = 50.05 → 50.
    ['pm10', 50.1, 50],
    ['pm10', 51, 51],
    // (150−100)/(80−50) × (65.5−50) + 100 = 125.83 → 126.
    ['pm25', 65.5, 126],
    // (300−200)/(800−400) × (500−400) + 200 = 225.
    ['o3', 500, 225],
    // Off the scale.
    ['pm25', 650, 500],
  ] as const)('%s at %d µg/m³ → %d', (p, c, expected) => {
    expect(subIndex(p, c)).toBe(expected);
  });

  it('ozone 8 h has no breakpoint above 400 µg/m³', () => {
    expect(subIndex('o3_8h', 401)).toBeNull();
  });
  it('negative or missing concentrations give no index', () => {
    expect(subIndex('pm25', -1)).toBeNull();
    expect(subIndex('pm25', Number.NaN)).toBeNull();
  });
});

describe('NowCast', () => {
  it('steady air: the NowCast is the value', () => {
    expect(nowcast(Array(12).fill(40))).toBeCloseTo(40, 9);
  });
  it('w* above ½ weights by w*^(i−1)', () => {
    // c = 60, 50, 40 (newest first): w* = 40/60; (60 + 50w + 40w²) / (1 + w + w²).
    const w = 40 / 60;
    expect(nowcast([60, 50, 40])).toBeCloseTo((60 + 50 * w + 40 * w * w) / (1 + w + w * w), 9);
  });
  it('w* at or below ½ uses Σ (½)^i c_i', () => {
    expect(nowcast([100, 20, 20])).toBeCloseTo(0.5 * 100 + 0.25 * 20 + 0.125 * 20, 9);
  });
  it('missing hours drop out; two of the last three hours are required', () => {
    expect(nowcast([40, null, 40])).toBeCloseTo(40, 9);
    expect(nowcast([40, null, null, 40])).toBeNull();
    expect(nowcast([null, null, 40, 40])).toBeNull();
  });
});

describe('hourly and daily VN_AQI', () => {
  it('is the highest sub-index and names the pollutant', () => {
    const r = hourlyAqi({ pm25: Array(12).fill(41), o3: [500] });
    expect(r).toMatchObject({ aqi: 225, dominant: 'o3', subIndices: { pm25: 82, o3: 225 } });
  });
  it('needs PM2.5 or PM10', () => {
    expect(hourlyAqi({ o3: [500], no2: [150] })).toBeNull();
  });
  it('daily PM uses the 24-hour mean; gases their highest hour', () => {
    const pm = [...Array(12).fill(20), ...Array(12).fill(30)]; // mean 25 → 50
    const r = dailyAqi({ pm25: pm, no2: [...Array(23).fill(50), 200] });
    expect(r).toMatchObject({ aqi: 100, dominant: 'no2', subIndices: { pm25: 50, no2: 100 } });
  });
  it('daily PM needs 18 measured hours', () => {
    expect(dailyAqi({ pm25: [...Array(17).fill(30), ...Array(7).fill(null)] })).toBeNull();
    expect(dailyAqi({ pm25: [...Array(18).fill(30), ...Array(6).fill(null)] })?.aqi).toBe(60);
  });
  it('ozone takes the larger of its 1-hour and 8-hour sub-indices', () => {
    // Eight hours at 170 µg/m³: 8 h index 150; the 1 h index of 170 is 63.
    const o3 = [...Array(8).fill(170), ...Array(16).fill(20)];
    expect(maxEightHourMean(o3)).toBe(170);
    expect(dailyAqi({ pm25: Array(24).fill(10), o3 })?.subIndices.o3).toBe(150);
  });
});

describe('bands and colours of Table 1', () => {
  it.each([
    [0, 'good', '#00e400'],
    [50, 'good', '#00e400'],
    [51, 'moderate', '#ffff00'],
    [100, 'moderate', '#ffff00'],
    [101, 'poor', '#ff7e00'],
    [150, 'poor', '#ff7e00'],
    [151, 'bad', '#ff0000'],
    [200, 'bad', '#ff0000'],
    [201, 'very_bad', '#8f3f97'],
    [300, 'very_bad', '#8f3f97'],
    [301, 'hazardous', '#7e0023'],
    [500, 'hazardous', '#7e0023'],
  ] as const)('%d → %s', (aqi, band, colour) => {
    expect(aqiBand(aqi)).toEqual({ band, colour });
  });
});
