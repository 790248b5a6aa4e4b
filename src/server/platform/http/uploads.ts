// Routes that read multipart bodies (uploads, imports) live in their own scope with @fastify/multipart:
// the plugin adds an async onRequest and onResponse hook to every route of the scope it is registered
// in (for temporary files CQS never writes: uploads are streamed to the blob store), so registered
// globally it cost every request of the API two promises. Elsewhere a multipart body is a 415.
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

/** Registers `register`'s routes in a scope of `app` that parses multipart bodies (same type provider). */
export async function uploadRoutes<A extends FastifyInstance>(
  app: A,
  register: (scope: A) => void | Promise<void>,
): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, {
      // One byte over the limit reaches the blob store, which refuses it before anything is recorded.
      limits: { fileSize: app.uploadLimit + 1, files: 10, fields: 20, fieldSize: 64 * 1024, parts: 30 },
    });
    await register(scope as A);
  });
}
