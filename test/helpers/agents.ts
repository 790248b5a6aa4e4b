import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Platform } from '../../src/server/main.ts';
import { Agent, DEMO_PASSWORD, type TestPlatform } from '../platform.ts';

/** The demo accounts by role (password DEMO_PASSWORD). */
export const DEMO = {
  admin: 'admin@cqs.demo',
  one_stop_officer: 'motcua.thudaumot@cqs.demo',
  one_stop_officer_centre: 'motcua.ttpvhcc@cqs.demo',
  specialist: 'chuyenvien.xaydung@cqs.demo',
  agency_leader: 'lanhdao.xaydung@cqs.demo',
  city_leader: 'lanhdao.ubnd@cqs.demo',
  citizen: 'congdan@cqs.demo',
} as const;

let ipCounter = 0;
/** A client address nobody else in this process uses, so per-IP rate limits never couple two tests. */
export function freshIp(): string {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

/**
 * An Agent (cookie jar + CSRF token, see test/platform.ts) whose requests come from `ip`.
 * The login route is rate limited per client address; giving each agent its own address keeps the
 * limit out of tests that are not about it.
 */
export function agentFrom(t: TestPlatform, ip = freshIp()): Agent {
  const app = t.platform.app;
  const fromIp = {
    ...t.platform,
    app: { inject: (opts: object) => app.inject({ ...opts, remoteAddress: ip }) },
  } as unknown as Platform;
  return new Agent(fromIp);
}

/** Signs in from a fresh address; fails the test when the login is refused. */
export async function signIn(t: TestPlatform, identifier: string, password = DEMO_PASSWORD): Promise<Agent> {
  const agent = agentFrom(t);
  const res = await agent.post('/api/auth/login', { identifier, password });
  expect(res.statusCode, `login ${identifier}: ${res.body}`).toBe(200);
  return agent;
}

export interface ErrorJson {
  code: string;
  message: string;
  requestId: string;
  fields?: { field: string; message: string }[];
}

/** Asserts the catalogue's error shape, status and code; returns the error for further checks. */
export function expectError(res: LightMyRequestResponse, status: number, code: string): ErrorJson {
  expect(res.statusCode, res.body.slice(0, 400)).toBe(status);
  const body = res.json() as { error: ErrorJson };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  return body.error;
}

/** The field names of an error body. */
export const fieldNames = (e: ErrorJson) => (e.fields ?? []).map((f) => f.field);

/** The session cookie an agent holds. */
export function sessionCookie(agent: Agent): string {
  const value = agent.cookies.get('cqs_session');
  expect(value).toBeTruthy();
  return value!;
}
