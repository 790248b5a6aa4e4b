// The demo stations, simulated: each publishes its attributes over MQTT like a real device, with
// daily cycles — fine dust peaking with the morning and evening traffic, ozone at midday, the rivers'
// semi-diurnal tide, afternoon rain on the flooding spot, and a rural network point that degrades in
// the evening. Values are a pure function of the station and the time (plus small noise).
import mqtt from 'mqtt';
import type { Logger } from '../../../platform/log.ts';
import { DEMO_APIKEY, DEMO_THINGS, type DemoThing } from '../seed.ts';

const HOUR = 3_600_000;
/** Local (UTC+7) hour of day, fractional. */
const localHour = (t: number) => ((((t + 7 * HOUR) % (24 * HOUR)) + 24 * HOUR) % (24 * HOUR)) / HOUR;
const bump = (h: number, centre: number, width: number) => Math.exp(-(((h - centre) / width) ** 2));
const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Deterministic noise in [−1, 1] from the station and the minute. */
function noise(code: string, t: number, salt: number): number {
  let h = salt * 2654435761;
  for (const ch of `${code}:${Math.floor(t / 60_000)}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return ((h >>> 0) / 0xffffffff) * 2 - 1;
}

/** How dusty a station's surroundings are (industrial parks, traffic). */
const DUST: Record<string, number> = { 'AQ-TDM': 1, 'AQ-DA': 1.35, 'AQ-TA': 1.2, 'AQ-BC': 0.9 };

export function simulatedValues(thing: Pick<DemoThing, 'code' | 'kind'>, t: number): Record<string, number> {
  const h = localHour(t);
  const n = (salt: number) => noise(thing.code, t, salt);
  switch (thing.kind) {
    case 'air_quality': {
      const k = DUST[thing.code] ?? 1;
      const traffic = bump(h, 7.5, 1.5) + 0.9 * bump(h, 18.5, 2);
      const pm25 = k * (22 + 30 * traffic + 4 * n(1));
      return {
        pm25: round(Math.max(2, pm25)),
        pm10: round(Math.max(5, pm25 * 1.7 + 6 * n(2))),
        o3: round(Math.max(5, 40 + 90 * bump(h, 13, 2.5) + 8 * n(3))),
        no2: round(Math.max(3, k * (25 + 45 * traffic + 5 * n(4)))),
        so2: round(Math.max(1, k * (12 + 6 * traffic + 2 * n(5)))),
        co: Math.round(Math.max(200, k * (900 + 1400 * traffic + 150 * n(6)))),
        t: round(27 + 5 * bump(h, 14, 4) + 0.5 * n(7)),
      };
    }
    case 'water_level': {
      // Semi-diurnal tide (12.42 h) with a fortnightly spring-neap swing; December's spring tides reach level I.
      const phase = (2 * Math.PI * t) / (12.42 * HOUR);
      const spring = 0.75 + 0.25 * Math.cos((2 * Math.PI * t) / (14.77 * 24 * HOUR));
      const base = thing.code === 'WL-DN' ? 1.15 : 0.95;
      return { h: round(base + 0.5 * spring * Math.sin(phase) + 0.02 * n(1), 2) };
    }
    case 'flood_spot': {
      // A downpour most afternoons: the street floods for an hour or so.
      const rain = bump(h, 16.5, 0.6);
      return { depth: round(Math.max(0, 24 * rain - 2 + 1.5 * n(1))) };
    }
    case 'network_point': {
      const rural = thing.code === 'NET-25777';
      const evening = rural ? bump(h, 20, 1.5) : 0;
      return {
        up: 1,
        rtt: round(18 + 6 * Math.abs(n(1)) + 180 * evening, 0),
        loss: round(Math.max(0, 0.3 + 0.3 * n(2) + 8 * evening), 1),
      };
    }
  }
}

export interface Simulator {
  stop(): Promise<void>;
}

export interface SimulatorOptions {
  log: Logger;
  apikey?: string;
  /** how often each station publishes (default one minute) */
  intervalMs?: number;
}

/** Connects to the broker and publishes every station's attributes now and every interval. */
export async function startSimulator(url: string, opts: SimulatorOptions): Promise<Simulator> {
  const apikey = opts.apikey ?? DEMO_APIKEY;
  const client = mqtt.connect(url, { clientId: `cqs-simulator-${process.pid}-${Date.now()}` });
  client.on('error', (err) => opts.log.warn({ err: err.message }, 'simulator: MQTT error'));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulator: broker ${url} not reachable`)), 10_000);
    client.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  const publishAll = () => {
    const now = Date.now();
    for (const thing of DEMO_THINGS)
      client.publish(`/json/${apikey}/${thing.code}/attrs`, JSON.stringify(simulatedValues(thing, now)), {
        qos: 0,
      });
  };
  publishAll();
  const timer = setInterval(publishAll, opts.intervalMs ?? 60_000);
  opts.log.info({ url, stations: DEMO_THINGS.length }, 'sensor simulator running');
  return {
    async stop() {
      clearInterval(timer);
      await client.endAsync();
    },
  };
}
