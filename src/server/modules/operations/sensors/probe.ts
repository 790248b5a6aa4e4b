// The probe agent of a connection point: it opens TCP connections to a target (the data centre's
// gateway, a service's port) a few times, and publishes what it saw — `up` (1 when any attempt
// succeeded), `rtt` (mean connect time, ms) and `loss` (% of attempts that failed) — as a FIWARE
// message over MQTT, like any other sensor. No ICMP: raw sockets need privileges the agent should not have.
import { connect } from 'node:net';
import mqtt from 'mqtt';
import type { Logger } from '../../../platform/log.ts';

export interface ProbeResult {
  up: 0 | 1;
  /** mean connect time of the successful attempts, ms; absent when none succeeded */
  rtt?: number;
  loss: number;
}

function attempt(host: string, port: number, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect({ host, port });
    const done = (ms: number | null) => {
      socket.destroy();
      resolve(ms);
    };
    socket.setTimeout(timeoutMs, () => done(null));
    socket.once('connect', () => done(performance.now() - started));
    socket.once('error', () => done(null));
  });
}

/** `count` connection attempts one after another; what a probe publishes. */
export async function probeOnce(
  target: { host: string; port: number },
  opts: { count?: number; timeoutMs?: number } = {},
): Promise<ProbeResult> {
  const count = opts.count ?? 5;
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const ms = await attempt(target.host, target.port, opts.timeoutMs ?? 2000);
    if (ms !== null) times.push(ms);
  }
  const loss = Math.round(((count - times.length) / count) * 1000) / 10;
  if (times.length === 0) return { up: 0, loss };
  return { up: 1, rtt: Math.round((times.reduce((a, b) => a + b, 0) / times.length) * 10) / 10, loss };
}

/** "host:port" → its parts; throws a readable error otherwise. */
export function parseTarget(text: string): { host: string; port: number } {
  const m = /^(.+):(\d{1,5})$/.exec(text);
  const port = m ? Number(m[2]) : Number.NaN;
  if (!m || port < 1 || port > 65535) throw new Error(`--target must be host:port (got "${text}")`);
  return { host: m[1]!, port };
}

export interface Probe {
  stop(): Promise<void>;
}

/** Probes every interval and publishes to `/json/{apikey}/{device}/attrs` on the broker. */
export async function startProbe(opts: {
  url: string;
  apikey: string;
  device: string;
  target: { host: string; port: number };
  intervalMs: number;
  count?: number;
  log: Logger;
}): Promise<Probe> {
  const client = await mqtt.connectAsync(opts.url, { clientId: `cqs-probe-${opts.device}-${process.pid}` });
  const topic = `/json/${opts.apikey}/${opts.device}/attrs`;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const once = async () => {
    const result = await probeOnce(opts.target, { count: opts.count ?? 5 });
    if (!stopped) await client.publishAsync(topic, JSON.stringify(result), { qos: 1 });
    opts.log.info({ device: opts.device, ...result }, 'probe published');
  };
  running = once();
  const timer = setInterval(() => {
    running = running.then(once).catch((err: Error) => opts.log.warn({ err: err.message }, 'probe failed'));
  }, opts.intervalMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running.catch(() => {});
      await client.endAsync();
    },
  };
}
