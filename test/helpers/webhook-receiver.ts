// A webhook receiver as a careful client system writes one: it checks the signature and the timestamp,
// applies each event id once (answering 200 to a repeat), and can be told to misbehave: answer 5xx,
// hang past the sender's timeout, or cut the connection — the last two after applying, so the sender
// never learns that it worked.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '../../src/server/modules/integration/webhooks/signing.ts';

export type ReceiverFault = 'server_error' | 'timeout' | 'reset';

export interface WebhookReceiver {
  url: string;
  /** event id → how many times it was applied (must stay 1) */
  applied: Map<string, number>;
  bodies: Map<string, { type: string; data: Record<string, unknown> }>;
  duplicates: number;
  badSignatures: number;
  faultsInjected: Record<ReceiverFault, number>;
  setSecret(secret: string): void;
  setRates(rates: Partial<Record<ReceiverFault, number>>): void;
  /** answer every request with 500 from now on (a receiver that is down for good) */
  down(on: boolean): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(seed = 7, hangMs = 2_000): Promise<WebhookReceiver> {
  let secret = '';
  let rates: Partial<Record<ReceiverFault, number>> = {};
  let isDown = false;
  let a = seed;
  const roll = () => {
    a = (a * 1_103_515_245 + 12_345) % 2 ** 31;
    return a / 2 ** 31;
  };
  const hanging = new Set<ServerResponse>();
  const r: WebhookReceiver = {
    url: '',
    applied: new Map(),
    bodies: new Map(),
    duplicates: 0,
    badSignatures: 0,
    faultsInjected: { server_error: 0, timeout: 0, reset: 0 },
    setSecret: (s) => {
      secret = s;
    },
    setRates: (x) => {
      rates = x;
    },
    down: (on) => {
      isDown = on;
    },
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      raw += c;
    });
    req.on('end', () => {
      const answer = (status: number) => {
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(String(status));
      };
      if (isDown) return answer(500);
      const ok = verify(
        secret,
        {
          timestamp: req.headers['x-cqs-timestamp'] as string | undefined,
          signature: req.headers['x-cqs-signature'] as string | undefined,
        },
        raw,
      );
      if (!ok) {
        r.badSignatures++;
        return answer(401);
      }
      const fault = (['server_error', 'timeout', 'reset'] as const).find((f) => roll() < (rates[f] ?? 0));
      if (fault) r.faultsInjected[fault]++;
      if (fault === 'server_error') return answer(503);
      const id = String(req.headers['x-cqs-event-id']);
      const body = JSON.parse(raw) as { id: string; type: string; data: Record<string, unknown> };
      if (body.id !== id) return answer(400);
      if (r.applied.has(id)) r.duplicates++;
      else {
        r.applied.set(id, 1);
        r.bodies.set(id, { type: body.type, data: body.data });
      }
      if (fault === 'timeout') {
        hanging.add(res);
        setTimeout(() => {
          hanging.delete(res);
          if (!res.writableEnded) answer(200);
        }, hangMs).unref();
        return;
      }
      if (fault === 'reset') return req.socket.destroy();
      answer(200);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  r.close = () =>
    new Promise((resolve) => {
      for (const h of hanging) h.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return r;
}
