import type { FastifyInstance } from 'fastify';
import type { Principal } from '../access.ts';
import { canSee, type EventBus, type StoredEvent } from '../events/index.ts';

interface Client {
  principal: Principal | null;
  write(chunk: string): void;
}

function frame(e: StoredEvent): string {
  const data = JSON.stringify({
    id: e.id,
    type: e.type,
    aggregateType: e.aggregateType,
    aggregateId: e.aggregateId,
    payload: e.payload,
  });
  // Unnamed frames (the type is in the data), so one onmessage handler sees every event.
  return `id: ${e.id}\ndata: ${data}\n\n`;
}

/** Server-sent events: each browser gets the dispatched events its user may see, and missed ones on reconnect. */
export async function sseRoutes(app: FastifyInstance, bus: EventBus) {
  const clients = new Set<Client>();
  bus.onBroadcast((event) => {
    for (const c of clients) if (canSee(c.principal, event.audience)) c.write(frame(event));
  });
  const heartbeat = setInterval(() => {
    for (const c of clients) c.write(': keep-alive\n\n');
  }, 25_000);
  heartbeat.unref();
  app.addHook('onClose', async () => clearInterval(heartbeat));

  app.get(
    '/api/events',
    { schema: { tags: ['Sự kiện (events)'], summary: 'Luồng sự kiện (text/event-stream)' } },
    async (req, reply) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n\n');
      const client: Client = { principal: req.principal, write: (chunk) => res.write(chunk) };
      const lastId = Number(req.headers['last-event-id']);
      if (Number.isFinite(lastId) && lastId > 0) {
        for (const e of await bus.since(lastId))
          if (canSee(client.principal, e.audience)) client.write(frame(e));
      }
      clients.add(client);
      req.raw.on('close', () => clients.delete(client));
    },
  );
}
