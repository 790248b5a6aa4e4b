import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFrom } from '../helpers/agents.ts';
import { startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

describe('the HTTP surface', () => {
  it('answers health and readiness', async () => {
    const anon = t.client();
    expect((await anon.get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await anon.get('/readyz')).json()).toEqual({ status: 'ready' });
  });

  it('keeps /metrics from callers outside this host when no token is set', async () => {
    const outsider = agentFrom(t, '203.0.113.40');
    const res = await outsider.get('/metrics');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
    expect(res.body).not.toContain('cqs_http');
    // …even when a proxy says the request came from loopback.
    const spoofed = await outsider.get('/metrics', { 'x-forwarded-for': '127.0.0.1' });
    expect(spoofed.statusCode).toBe(401);
  });

  it('asks for METRICS_TOKEN when set, from any address', async () => {
    const m = await startTestPlatform({ env: { METRICS_TOKEN: 'metrics-token-0123456789' } });
    try {
      const here = m.client(); // loopback: no longer enough
      expect((await here.get('/metrics')).statusCode).toBe(401);
      expect(
        (await here.get('/metrics', { authorization: 'Bearer wrong-token-0123456789' })).statusCode,
      ).toBe(401);
      const ok = await agentFrom(m, '203.0.113.41').get('/metrics', {
        authorization: 'Bearer metrics-token-0123456789',
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('cqs_process_resident_memory_bytes');
    } finally {
      await m.close();
    }
  });

  it('serves Prometheus metrics that count requests by route', async () => {
    const anon = t.client();
    await anon.get('/api/units?parent=79');
    const res = await anon.get('/metrics');
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(
      /cqs_http_request_duration_seconds_count\{method="GET",route="\/api\/units",status="200"\} [1-9]/,
    );
    expect(res.body).toContain('cqs_process_resident_memory_bytes');
    // A histogram: cumulative buckets ending with +Inf equal to the count.
    const series = 'method="GET",route="/api/units",status="200"';
    const buckets = [
      ...res.body.matchAll(/cqs_http_request_duration_seconds_bucket\{le="([^"]+)",([^}]+)\} (\d+)/g),
    ]
      .filter((m) => m[2] === series)
      .map((m) => Number(m[3]));
    expect(buckets).toHaveLength(10);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    const count = res.body.match(
      /cqs_http_request_duration_seconds_count\{[^}]*route="\/api\/units"[^}]*\} (\d+)/,
    )?.[1];
    expect(buckets.at(-1)).toBe(Number(count));
  });

  it('describes every API route in an OpenAPI 3.1 document', async () => {
    const doc = (await t.client().get('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/auth/login',
      '/api/dossiers',
      '/api/dossiers/{id}/step',
      '/api/track',
      '/api/uploads/{id}',
    ])
      expect(doc.paths).toHaveProperty([path]);
    expect(
      doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('identifier');
  });

  it('sends a strict Content-Security-Policy and hardening headers on every document', async () => {
    for (const res of [await t.client().get('/healthz'), await t.client().get('/some/page')]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    }
  });

  it('sends API answers the REST set: nothing rendered, framed, sniffed or stored', async () => {
    const me = await t.login('admin@cqs.demo');
    for (const res of [
      await t.client().get('/api/nothing-here'),
      await t.client().get('/api/openapi.json'),
      await me.get('/api/account/me'),
    ]) {
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    }
  });

  it('answers an unknown route with the catalogue error, in the asked language', async () => {
    const res = await t.client().get('/api/nothing-here', { 'accept-language': 'en' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'route_not_found', message: 'There is no such address.' });
  });
});
