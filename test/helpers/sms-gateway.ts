// An in-repo SMS gateway that enforces docs/contracts/sms-gateway.md, with switchable faults.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SmsGatewayFake {
  url: string;
  token: string;
  accepted: { to: string; text: string; reference: string }[];
  /** answer the next n requests with this status (e.g. 503) */
  failNext(n: number, status: number): void;
  close(): Promise<void>;
}

export async function startSmsGateway(token = 'test-token-123'): Promise<SmsGatewayFake> {
  const accepted: SmsGatewayFake['accepted'] = [];
  let failures = 0;
  let failStatus = 503;
  const server: Server = createServer((req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/api/messages') return answer(404, { error: 'not_found' });
    if (req.headers.authorization !== `Bearer ${token}`) return answer(401, { error: 'unauthorized' });
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      if (failures > 0) {
        failures--;
        return answer(failStatus, { error: 'unavailable' });
      }
      let body: { to?: unknown; text?: unknown; reference?: unknown };
      try {
        body = JSON.parse(raw);
      } catch {
        return answer(400, { error: 'invalid_json' });
      }
      if (typeof body.to !== 'string' || !/^84\d{9}$/.test(body.to))
        return answer(400, { error: 'invalid_to' });
      if (typeof body.text !== 'string' || body.text.length < 1 || body.text.length > 612)
        return answer(400, { error: 'invalid_text' });
      if (typeof body.reference !== 'string' || body.reference.length < 1 || body.reference.length > 64)
        return answer(400, { error: 'invalid_reference' });
      const previous = accepted.find((m) => m.reference === body.reference);
      if (previous) return answer(409, { error: 'duplicate_reference', id: previous.reference });
      accepted.push({ to: body.to, text: body.text, reference: body.reference });
      answer(202, { id: body.reference, status: 'queued' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    token,
    accepted,
    failNext(n, status) {
      failures = n;
      failStatus = status;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
