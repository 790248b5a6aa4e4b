import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { RealtimeHub } from './hub.ts';
import { MAX_TOPICS, parseTopics, TOPIC_PATTERN } from './topics.ts';

const Query = z.strictObject({ topics: z.string().max(4_000).optional() });

/** `GET /api/events`: the signed-in user's live events (ADR 19), optionally only some topics. */
export async function sseRoutes(app: FastifyInstance, hub: RealtimeHub) {
  app.get(
    '/api/events',
    {
      schema: {
        tags: ['Sự kiện (events)'],
        summary: 'Luồng sự kiện (text/event-stream); ?topics=services,meeting:123 để chỉ nhận một số chủ đề',
        querystring: Query,
      },
    },
    async (req, reply) => {
      const topics = parseTopics((req.query as z.infer<typeof Query>).topics);
      if (topics && (topics.length > MAX_TOPICS || topics.some((t) => !TOPIC_PATTERN.test(t))))
        throw new AppError('validation', {}, [{ field: 'querystring.topics', key: 'field.topics' }]);
      const principal = req.principal!;
      const header = req.headers['last-event-id'];
      const lastId = typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : null;
      const opened = hub.open(reply.raw, {
        principal,
        sessionKey: principal.sessionTokenHash,
        topics,
        lastEventId: lastId,
      });
      if (!opened) throw new AppError('streams_full');
      reply.hijack();
    },
  );
}
