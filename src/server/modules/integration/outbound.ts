// Outbound HTTP to other systems (webhook receivers, the national portal). node:http with keep-alive
// agents: a burst of requests to one host reuses a few connections instead of opening one each, and
// costs far less per request than fetch (no web streams, no AbortSignal per call). Redirects are not
// followed; the whole exchange, the answer's body included, must end within the timeout.
import http from 'node:http';
import https from 'node:https';
import { AddressRefused, type AddressGuard } from '../../platform/http/address-guard.ts';

// An idle connection is closed after 4 s, or a second before the server says it closes it (a Node
// server announces 5 s), so that a request is not written into a connection the server is closing.
const AGENT_OPTIONS = {
  keepAlive: true,
  timeout: 4_000,
  maxSockets: 64,
  maxFreeSockets: 64,
  scheduling: 'lifo',
} as const;
const agents: Record<string, http.Agent> = {
  'http:': new http.Agent(AGENT_OPTIONS),
  'https:': new https.Agent(AGENT_OPTIONS),
};

export interface OutboundAnswer {
  status: number;
  /** the answer's body as text ('' unless asked for) */
  body: string;
}

/** The code of a request the address guard stopped (before any packet was sent). */
export const REFUSED = 'address_refused';

/** A request that got no answer: `code` is `timeout`, a socket error code (ECONNRESET, …) or a message. */
export class OutboundError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

export function request(
  url: string | URL,
  init: {
    method: 'GET' | 'POST';
    headers: Record<string, string>;
    body?: string;
    timeoutMs: number;
    /** read the answer's body (otherwise it is drained unread) */
    readBody?: boolean;
    /** for URLs someone else chose: the target checked before the request and its address at connect */
    guard?: AddressGuard;
  },
): Promise<OutboundAnswer> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = typeof url === 'string' ? new URL(url) : url;
    } catch {
      return reject(new OutboundError('invalid URL'));
    }
    const agent = agents[target.protocol];
    if (!agent) return reject(new OutboundError(`unsupported protocol ${target.protocol}`));
    const guard = init.guard;
    try {
      guard?.checkTarget(target);
    } catch (err) {
      return reject(new OutboundError(err instanceof AddressRefused ? REFUSED : 'invalid URL'));
    }
    const payload = init.body === undefined ? undefined : Buffer.from(init.body);
    let settled = false;
    const settle = (err: OutboundError | undefined, answer?: OutboundAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(answer!);
    };
    const req = (target.protocol === 'https:' ? https : http).request(target, {
      method: init.method,
      agent,
      ...(guard ? { lookup: guard.lookup } : {}),
      headers: payload ? { ...init.headers, 'content-length': String(payload.length) } : init.headers,
    });
    const timer = setTimeout(() => {
      settle(new OutboundError('timeout'));
      req.destroy();
    }, init.timeoutMs);
    const fail = (err: NodeJS.ErrnoException) =>
      settle(new OutboundError(err instanceof AddressRefused ? REFUSED : (err.code ?? err.message)));
    req.on('error', fail);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      if (init.readBody) res.on('data', (c: Buffer) => chunks.push(c));
      else res.resume();
      res.on('error', fail);
      res.on('aborted', () => settle(new OutboundError('ECONNRESET')));
      res.on('end', () =>
        settle(undefined, {
          status: res.statusCode ?? 0,
          body: init.readBody ? Buffer.concat(chunks).toString('utf8') : '',
        }),
      );
    });
    req.end(payload);
  });
}
