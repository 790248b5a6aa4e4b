// API clients: created by an administrator with scopes and an agency subtree; they exchange their
// credentials for short-lived bearer tokens (OAuth 2.0 client credentials, RFC 6749 §4.4).
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { can, type Principal } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit/index.ts';
import { randomToken, safeEqual, sha256 } from '../../../platform/auth/tokens.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { OAuthError } from './oauth.ts';
import { getAgency } from '../../identity/index.ts';
import { apiClients, apiTokens } from '../tables.ts';
import { webhookSources } from '../webhooks/sources.ts';

/**
 * What a client may be granted; each scope opens endpoints of /api/v1. (`dossiers:write` was listed
 * without any endpoint and is gone: migration 0008 took it out of stored clients and tokens.)
 */
export const SCOPES = ['dossiers:read', 'procedures:read', 'stats:read'] as const;
export type Scope = string;
/** Every scope a client may be granted: the API's and those of the webhook sources other modules add. */
export const grantableScopes = (): [string, ...string[]] =>
  [...new Set([...SCOPES, ...webhookSources().map((s) => s.scope)])] as [string, ...string[]];
const isScope = (s: string): s is Scope => grantableScopes().includes(s);
/** scope-token (RFC 6749 §3.3) */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;
/** Lifetime of an access token: short, so a revocation or a leaked token matters for minutes only. */
export const TOKEN_TTL_S = 900;

export interface NewClient {
  name: string;
  agencyId: string;
  scopes: Scope[];
  rateLimitPerMinute: number;
}

/** Creates a client; the secret is returned here only and stored as a hash. */
export async function createApiClient(tx: Tx, ctx: ActionContext, input: NewClient) {
  const agency = await getAgency(tx, input.agencyId);
  if (!agency)
    throw new AppError('validation', {}, [{ field: 'body.agencyId', key: 'field.unknown_agency' }]);
  // A client reads what its agency subtree holds: an administrator binds it inside their own subtree.
  if (ctx.actor && !can(ctx.actor, MANAGE, agency.path)) throw new AppError('forbidden');
  const secret = randomToken(32);
  const [client] = await tx
    .insert(apiClients)
    .values({
      name: input.name,
      agencyId: agency.id,
      agencyPath: agency.path,
      scopes: [...new Set(input.scopes)],
      secretHash: sha256(secret),
      rateLimitPerMinute: input.rateLimitPerMinute,
      createdBy: ctx.actor?.userId ?? null,
    })
    .returning();
  await audit(tx, ctx, {
    action: 'api_client.create',
    targetType: 'api_client',
    targetId: client!.id,
    agencyId: agency.id,
    summary: { name: input.name, scopes: client!.scopes, rateLimitPerMinute: input.rateLimitPerMinute },
  });
  return { client: client!, secret };
}

/** The permission that administers clients and webhooks, over the client's agency subtree. */
export const MANAGE = 'integration.manage';

/** Whether the actor administers this client (the CLI and jobs act without an actor). */
export const managesClient = (ctx: ActionContext, client: { agencyPath: string }) =>
  !ctx.actor || can(ctx.actor, MANAGE, client.agencyPath);

/** Revokes a client: its tokens stop working at once. Revoking twice is a no-op. */
export async function revokeApiClient(tx: Tx, ctx: ActionContext, id: string) {
  const [client] = await tx.select().from(apiClients).where(eq(apiClients.id, id)).for('update');
  // Another agency's client is not shown to this administrator: not found rather than forbidden.
  if (!client || !managesClient(ctx, client)) throw new AppError('not_found');
  if (client.revokedAt) return client;
  const [updated] = await tx
    .update(apiClients)
    .set({ revokedAt: new Date() })
    .where(eq(apiClients.id, id))
    .returning();
  await tx.delete(apiTokens).where(eq(apiTokens.clientId, id));
  await audit(tx, ctx, {
    action: 'api_client.revoke',
    targetType: 'api_client',
    targetId: id,
    agencyId: client.agencyId,
    summary: { name: client.name },
  });
  return updated!;
}

/**
 * Client credentials → an access token for the requested scopes (all the client's by default).
 * Refusals are OAuth errors (RFC 6749 §5.2): a wrong, unknown or revoked client is `invalid_client`;
 * a scope unknown or not granted, `invalid_scope`; a client left with no scope this server still
 * offers, `unauthorized_client`.
 */
export async function issueToken(
  db: Db,
  ctx: ActionContext,
  input: { clientId: string; clientSecret: string; scope?: string | undefined; viaBasic?: boolean },
) {
  const uuid = /^[0-9a-f-]{36}$/i.test(input.clientId) ? input.clientId : null;
  const [client] = uuid ? await db.select().from(apiClients).where(eq(apiClients.id, uuid)) : [];
  if (!client || client.revokedAt || !safeEqual(sha256(input.clientSecret), client.secretHash))
    throw new OAuthError('invalid_client', 'oauth.invalid_client', {}, input.viaBasic);
  // A scope stored before it was withdrawn is not granted any more.
  const granted = client.scopes.filter(isScope);
  if (granted.length === 0) throw new OAuthError('unauthorized_client', 'oauth.unauthorized_client');
  const asked = input.scope?.split(' ').filter(Boolean) ?? [];
  const malformed = asked.filter((s) => !SCOPE_TOKEN.test(s));
  if (malformed.length > 0) throw new OAuthError('invalid_scope', 'oauth.malformed_scope');
  const refused = asked.filter((s) => !(granted as string[]).includes(s));
  if (refused.length > 0)
    throw new OAuthError('invalid_scope', 'oauth.invalid_scope', { scopes: refused.join(' ') });
  const requested = asked.length > 0 ? [...new Set(asked)] : granted;
  const token = randomToken(32);
  const expiresAt = new Date(Date.now() + TOKEN_TTL_S * 1000);
  await db.transaction(async (tx) => {
    await tx
      .insert(apiTokens)
      .values({ tokenHash: sha256(token), clientId: client.id, scopes: requested, expiresAt });
    await tx.update(apiClients).set({ lastUsedAt: new Date() }).where(eq(apiClients.id, client.id));
    await audit(
      tx,
      { ...ctx, actor: null, actorLabel: `api:${client.name}` },
      {
        action: 'api_client.token',
        targetType: 'api_client',
        targetId: client.id,
        agencyId: client.agencyId,
        summary: { scopes: requested },
      },
    );
  });
  return { token, expiresIn: TOKEN_TTL_S, scope: requested.join(' ') };
}

/**
 * A bearer token → the client as a principal: its scopes are its permissions, over its agency subtree
 * only (human roles hold no scope, so the client API is closed to sessions and vice versa).
 */
export async function principalFromToken(db: Db, token: string): Promise<Principal | null> {
  const [row] = await db
    .select({ client: apiClients, scopes: apiTokens.scopes })
    .from(apiTokens)
    .innerJoin(apiClients, eq(apiClients.id, apiTokens.clientId))
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(token)),
        gt(apiTokens.expiresAt, sql`now()`),
        isNull(apiClients.revokedAt),
      ),
    );
  if (!row) return null;
  const c = row.client;
  return {
    userId: c.id,
    kind: 'official',
    fullName: `api:${c.name}`,
    locale: 'vi',
    memberships: [
      { agencyId: c.agencyId, agencyPath: c.agencyPath, roleCode: 'api_client', permissions: row.scopes },
    ],
    apiClient: { id: c.id, rateLimitPerMinute: c.rateLimitPerMinute },
  };
}

/** Expired tokens are of no use to anyone. */
export const deleteExpiredTokens = (db: Db) =>
  db.delete(apiTokens).where(sql`${apiTokens.expiresAt} < now()`);
