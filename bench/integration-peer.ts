// The other side of the integration benchmark, in its own process as a real receiver or portal would
// be (in CQS's process it would share its event loop, heap and garbage collector):
//   receiver  a webhook receiver that checks every signature and applies each event id once
//   portal    the in-repo DVCQG contract server
// Started by bench/integration.ts with fork(); it sends { ready: { url, … } } and answers
// { cmd: 'stats' } with { stats: … }.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  startContractServer,
  WEBHOOK_HEADERS as HEADERS,
  verifyWebhook as verify,
} from '../src/server/modules/integration/index.ts';

export const BENCH_WEBHOOK_SECRET = 'whsec_bench';

export interface ReceiverStats {
  requests: number;
  applied: number;
  duplicates: number;
  badSignatures: number;
}
export interface PortalStats {
  held: number;
  /** applications of a (code, revision) already applied: must stay 0 */
  appliedTwice: number;
  counts: Record<string, number>;
}

/** A receiver as the contract tells clients to write one: verify, then apply an event id once. */
export async function startBenchReceiver() {
  const stats: ReceiverStats = { requests: 0, applied: 0, duplicates: 0, badSignatures: 0 };
  const seen = new Set<string>();
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      raw += c;
    });
    req.on('end', () => {
      stats.requests++;
      const ok = verify(
        BENCH_WEBHOOK_SECRET,
        {
          timestamp: req.headers[HEADERS.timestamp] as string | undefined,
          signature: req.headers[HEADERS.signature] as string | undefined,
        },
        raw,
      );
      if (!ok) {
        stats.badSignatures++;
        return res.writeHead(401).end();
      }
      const id = String(req.headers[HEADERS.id]);
      if (seen.has(id)) stats.duplicates++;
      else {
        seen.add(id);
        stats.applied++;
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    stats,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export async function startBenchPortal() {
  const portal = await startContractServer({ hangMs: 1_000 });
  const stats = (): PortalStats => ({
    held: portal.dossiers.size,
    appliedTwice: portal.applied.length - new Set(portal.applied.map((a) => `${a.code}@${a.revision}`)).size,
    counts: { ...portal.counts },
  });
  return { portal, stats };
}

if (import.meta.url === `file://${process.argv[1]}` && process.send) {
  const send = (m: unknown) => process.send!(m);
  if (process.argv[2] === 'receiver') {
    const r = await startBenchReceiver();
    process.on('message', (m: { cmd?: string }) => {
      if (m.cmd === 'stats') send({ stats: r.stats });
    });
    send({ ready: { url: r.url } });
  } else {
    const { portal, stats } = await startBenchPortal();
    process.on('message', (m: { cmd?: string }) => {
      if (m.cmd === 'stats') send({ stats: stats() });
    });
    send({ ready: { url: portal.url, clientId: portal.clientId, clientSecret: portal.clientSecret } });
  }
  process.on('disconnect', () => process.exit(0));
}
