import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
// @ts-expect-error: a plain .mjs script without types
import { buildServer, serverBundleIsFresh } from '../scripts/build-server.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

// A benchmark measures what production runs: the bundled server (bin/cqs.mjs falls back to the
// TypeScript sources through tsx when the bundle is older than them), so rebuild it first when stale.
if (!serverBundleIsFresh()) {
  console.log('Building the server (dist/server)…');
  await buildServer();
}

export interface Child {
  proc: ChildProcess;
  output: () => string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

export function spawnNode(args: string[], env: Record<string, string> = {}): Child {
  let out = '';
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => {
    out += d;
  });
  proc.stderr!.on('data', (d) => {
    out += d;
  });
  return {
    proc,
    output: () => out,
    async waitFor(pattern, timeoutMs = 120_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const m = out.match(pattern);
        if (m) return m;
        if (proc.exitCode !== null) throw new Error(`process exited: ${out}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`timeout waiting for ${pattern}: ${out}`);
    },
    async stop() {
      if (proc.exitCode !== null) return;
      const done = new Promise((r) => proc.on('exit', r));
      proc.kill('SIGTERM');
      await done;
    },
  };
}

/** Polls a URL until it answers 200; returns the milliseconds since `since`. */
export async function waitOk(url: string, since: number, timeoutMs = 120_000): Promise<number> {
  for (;;) {
    try {
      if ((await fetch(url)).status === 200) return performance.now() - since;
    } catch {
      // not yet
    }
    if (performance.now() - since > timeoutMs) throw new Error(`${url} not ready`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/**
 * Drives HTTP load at a URL: with wrk (C, cheap on the client side) when installed, else autocannon.
 * On a 2-core machine the client competes with the server, so a cheaper client measures the server better.
 */
export async function load(
  url: string,
  opts: { headers?: Record<string, string>; connections?: number; duration?: number } = {},
) {
  if (existsSync('/usr/bin/wrk')) return loadWithWrk(url, opts);
  const result = await autocannon({
    url,
    headers: opts.headers,
    connections: opts.connections ?? 32,
    duration: opts.duration ?? 10,
    pipelining: 1,
  });
  return {
    rps: Math.round(result.requests.average),
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function loadWithWrk(
  url: string,
  opts: { headers?: Record<string, string>; connections?: number; duration?: number },
) {
  const args = ['-t1', `-c${opts.connections ?? 32}`, `-d${opts.duration ?? 10}s`, '--latency'];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}: ${v}`);
  const out = execFileSync('wrk', [...args, url], { encoding: 'utf8' });
  const rps = Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? 0);
  const p99raw = out.match(/\s99%\s+([\d.]+)(us|ms|s)/);
  const p99 = p99raw ? Number(p99raw[1]) * (p99raw[2] === 'us' ? 0.001 : p99raw[2] === 's' ? 1000 : 1) : NaN;
  const non2xx = Number(out.match(/Non-2xx or 3xx responses:\s+(\d+)/)?.[1] ?? 0);
  return { rps: Math.round(rps), p99, non2xx, errors: 0, client: 'wrk' };
}

/** CPU time (user + system) a process has used, in ms, from /proc (Linux); 0 once it has gone. */
export function cpuMs(pid: number): number {
  try {
    // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Waits until a process has been idle (under 30 ms of CPU in a second), at most a minute. */
export async function settle(pid: number): Promise<void> {
  let last = cpuMs(pid);
  for (let waited = 0; waited < 60_000; waited += 1000) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuMs(pid);
    if (now - last < 30) return;
    last = now;
  }
}

/**
 * CPU used by a server process and the database backends serving it, over a piece of work and the
 * background work it leaves behind (outbox, jobs): counted until the server has been idle for a second.
 * Independent of what else runs on the machine, unlike a throughput.
 */
export async function cpuOver<T>(
  serverPid: number,
  backendPids: () => Promise<number[]>,
  work: () => Promise<T>,
): Promise<{ result: T; serverMs: number; databaseMs: number }> {
  const before = new Map<number, number>();
  for (const pid of await backendPids()) before.set(pid, cpuMs(pid));
  // The last reading of each backend: a connection the pool closes keeps what it had used.
  const latest = new Map(before);
  const observe = async () => {
    for (const pid of new Set([...latest.keys(), ...(await backendPids())])) {
      const ms = cpuMs(pid);
      if (ms > 0) latest.set(pid, ms);
    }
  };
  const server0 = cpuMs(serverPid);
  const polling = setInterval(() => void observe(), 1000);
  let result: T;
  try {
    result = await work();
  } finally {
    clearInterval(polling);
  }
  let last = cpuMs(serverPid);
  for (let waited = 0; waited < 60_000; waited += 1000) {
    await observe();
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuMs(serverPid);
    const idle = now - last < 30;
    last = now;
    if (idle) break;
  }
  await observe();
  let databaseMs = 0;
  for (const [pid, ms] of latest) databaseMs += Math.max(0, ms - (before.get(pid) ?? 0));
  return { result, serverMs: last - server0, databaseMs };
}

// ---- PostgreSQL databases of a benchmark --------------------------------------------------------------

/** BENCH_DATABASE_URL: a superuser's URL on the server the benchmarks create their databases in. */
export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function urlOf(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A new, empty database of its own, dropped (connections and all) by `drop()`. */
export async function createPgDatabase(
  prefix: string,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  await admin((c) => c.query(`create database ${name}`));
  return {
    name,
    url: urlOf(name),
    drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}
