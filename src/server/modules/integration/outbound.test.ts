// The outbound HTTP client against a real local server: answers and bodies, keep-alive reuse,
// timeouts (the whole exchange), connections cut, and what it refuses to call.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboundError, request } from './outbound.ts';

let server: Server;
let base = '';
const sockets = new Set<unknown>();
beforeAll(async () => {
  server = createServer((req, res) => {
    sockets.add(req.socket);
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      if (req.url === '/echo') return res.writeHead(201).end(`${req.method} ${raw}`);
      if (req.url === '/slow') return setTimeout(() => res.writeHead(200).end('late'), 500).unref();
      if (req.url === '/slow-body') {
        res.writeHead(200);
        res.write('part');
        return setTimeout(() => res.end('rest'), 500).unref();
      }
      if (req.url === '/reset') return req.socket.destroy();
      if (req.url === '/redirect') return res.writeHead(302, { location: '/echo' }).end();
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
);

const post = (path: string, body = 'x', timeoutMs = 2_000, readBody = true) =>
  request(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body,
    timeoutMs,
    readBody,
  });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => 'answered',
    (e: unknown) => (e instanceof OutboundError ? e.code : `not an OutboundError: ${String(e)}`),
  );

describe('outbound HTTP', () => {
  it('answers with status and body, and reuses one connection for requests one after another', async () => {
    sockets.clear();
    for (let i = 0; i < 5; i++)
      expect(await post('/echo', `n${i}`)).toEqual({ status: 201, body: `POST n${i}` });
    expect(sockets.size).toBe(1);
    expect(await post('/echo', 'unread', 2_000, false)).toEqual({ status: 201, body: '' });
  });

  it('does not follow redirects', async () => {
    expect((await post('/redirect')).status).toBe(302);
  });

  it('times out on a late answer and on a body that does not end in time', async () => {
    expect(await failure(post('/slow', 'x', 100))).toBe('timeout');
    expect(await failure(post('/slow-body', 'x', 100))).toBe('timeout');
    // The connection it gave up on is not reused: the next request is answered.
    expect((await post('/echo')).status).toBe(201);
  });

  it('reports a cut connection and an unreachable server by their codes, and refuses other protocols', async () => {
    expect(await failure(post('/reset'))).toBe('ECONNRESET');
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(
      await failure(request(`http://127.0.0.1:${port}/`, { method: 'GET', headers: {}, timeoutMs: 1_000 })),
    ).toBe('ECONNREFUSED');
    expect(
      await failure(request('ftp://127.0.0.1/x', { method: 'GET', headers: {}, timeoutMs: 1_000 })),
    ).toBe('unsupported protocol ftp:');
  });
});
