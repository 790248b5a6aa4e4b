import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Membership, Principal } from '../../platform/access.ts';
import { randomToken, sha256 } from '../../platform/auth/tokens.ts';
import { Batcher } from '../../platform/db/batch.ts';
import type { Database, DbOrTx } from '../../platform/db/client.ts';
import { agencies, memberships, roles, sessions, users } from './tables.ts';

export const SESSION_COOKIE = 'cqs_session';
export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
// last_seen is written at most this often: it only needs minute precision for the idle timeout.
const TOUCH_EVERY_MS = 60_000;
// A cached principal is re-read after this long even without an invalidation.
const CACHE_TTL_MS = 30_000;
const MAX_CACHED = 50_000;

export type SessionState = { principal: Principal } | { expired: true } | null;

interface CacheEntry {
  principal: Principal;
  userId: string;
  lastSeenAt: number;
  expiresAt: number;
  loadedAt: number;
}

/** Whether any role the user holds requires a second factor. */
export async function rolesRequireTotp(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ code: roles.code })
    .from(memberships)
    .innerJoin(roles, eq(roles.code, memberships.roleCode))
    .where(and(eq(memberships.userId, userId), eq(roles.requiresTotp, true)))
    .limit(1);
  return Boolean(row);
}

export async function loadMemberships(db: DbOrTx, userId: string): Promise<Membership[]> {
  return (await loadMembershipsOf(db, [userId])).map(({ userId: _, ...m }) => m);
}

async function loadMembershipsOf(db: DbOrTx, userIds: string[]) {
  const rows = await db
    .select({
      userId: memberships.userId,
      agencyId: memberships.agencyId,
      agencyPath: agencies.path,
      roleCode: memberships.roleCode,
      permissions: roles.permissions,
    })
    .from(memberships)
    .innerJoin(roles, eq(roles.code, memberships.roleCode))
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(and(inArray(memberships.userId, userIds), eq(agencies.active, true)));
  return rows;
}

/**
 * Server-side sessions. The principal of a session is cached in memory for speed; every change that
 * affects it (logout, disable, role or membership change) NOTIFYs 'cqs_sessions', so all nodes drop it.
 */
export class SessionService {
  private cache = new Map<string, CacheEntry>();
  private stopListening: (() => Promise<void>) | undefined;

  constructor(
    private readonly database: Database,
    private readonly opts: { demo: boolean },
  ) {}

  async start(): Promise<void> {
    SessionService.running.add(this);
    this.stopListening = await this.database.listen('cqs_sessions', (userId) => this.forget(userId));
  }

  async stop(): Promise<void> {
    SessionService.running.delete(this);
    await this.stopListening?.();
  }

  // The services of this process: they forget at once, not when the NOTIFY comes back on another connection.
  private static running = new Set<SessionService>();

  private readonly invalidationListeners = new Set<(userId: string) => void>();

  /** Calls `fn` with the user id ('*': everyone) whenever sessions or permissions change, on every node. */
  onInvalidate(fn: (userId: string) => void): () => void {
    this.invalidationListeners.add(fn);
    return () => this.invalidationListeners.delete(fn);
  }

  private forget(userId: string): void {
    for (const fn of this.invalidationListeners) fn(userId);
    if (userId === '*') {
      this.cache.clear();
      return;
    }
    for (const [key, entry] of this.cache) if (entry.userId === userId) this.cache.delete(key);
  }

  /** Tell every node that this user's sessions or permissions changed (delivered on commit). */
  static async invalidate(tx: DbOrTx, userId: string | '*'): Promise<void> {
    for (const s of SessionService.running) s.forget(userId);
    await tx.execute(sql`select pg_notify('cqs_sessions', ${userId})`);
  }

  async create(tx: DbOrTx, userId: string, meta: { ip: string | null; userAgent: string | null }) {
    const token = randomToken();
    const csrfToken = randomToken(24);
    const now = Date.now();
    await tx.insert(sessions).values({
      tokenHash: sha256(token),
      userId,
      csrfToken,
      // Every session time from this server's clock, which also judges the timeouts.
      createdAt: new Date(now),
      lastSeenAt: new Date(now),
      expiresAt: new Date(now + ABSOLUTE_TIMEOUT_MS),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    return { token, csrfToken };
  }

  async revoke(tx: DbOrTx, tokenHash: string, userId: string): Promise<void> {
    await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    await SessionService.invalidate(tx, userId);
  }

  async revokeAll(tx: DbOrTx, userId: string): Promise<void> {
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await SessionService.invalidate(tx, userId);
  }

  /**
   * The principal for a cookie token when the cache can answer alone: loaded recently, not timed out,
   * no last-seen update due. Most requests end here, with no database work and no promise.
   */
  cached(token: string): Principal | undefined {
    const entry = this.cache.get(token);
    if (!entry) return undefined;
    const now = Date.now();
    if (now - entry.loadedAt > CACHE_TTL_MS || now > entry.expiresAt) return undefined;
    if (now - entry.lastSeenAt > TOUCH_EVERY_MS) return undefined;
    return entry.principal;
  }

  /** The principal for a cookie token, or `{expired}` when the session timed out, or null. */
  async resolve(token: string): Promise<SessionState> {
    const now = Date.now();
    // Keyed by the token itself (memory only), so a cached request costs no hashing.
    let entry = this.cache.get(token);
    if (!entry || now - entry.loadedAt > CACHE_TTL_MS) {
      entry = await this.load(sha256(token));
      if (!entry) {
        this.cache.delete(token);
        return null;
      }
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(token, entry);
    }
    const tokenHash = entry.principal.sessionTokenHash!;
    if (now > entry.expiresAt || now - entry.lastSeenAt > IDLE_TIMEOUT_MS) {
      this.cache.delete(token);
      await this.database.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
      return { expired: true };
    }
    if (now - entry.lastSeenAt > TOUCH_EVERY_MS) {
      entry.lastSeenAt = now;
      await this.touches.get(tokenHash);
    }
    return { principal: entry.principal };
  }

  /**
   * The session behind a live stream, read afresh (a revocation just arrived, or a timeout may have
   * passed): its principal and until when it stays valid without activity, or null when it ended.
   * Reading does not count as activity: an open stream does not keep an idle session alive.
   */
  async check(tokenHash: string): Promise<{ principal: Principal; validUntil: number } | null> {
    const entry = await this.load(tokenHash);
    if (!entry) return null;
    const validUntil = Math.min(entry.expiresAt, entry.lastSeenAt + IDLE_TIMEOUT_MS);
    return validUntil > Date.now() ? { principal: entry.principal, validUntil } : null;
  }

  private readonly loads = new Batcher<string, CacheEntry>((hashes) => this.loadMany(hashes));
  private readonly touches = new Batcher<string, true>(async (hashes) => {
    await this.database.db
      .update(sessions)
      .set({ lastSeenAt: new Date() })
      .where(inArray(sessions.tokenHash, hashes));
    return undefined;
  });

  private load(tokenHash: string): Promise<CacheEntry | undefined> {
    return this.loads.get(tokenHash);
  }

  /**
   * Sessions are read and touched in batches (Batcher): the requests of one moment (thousands of
   * event streams reconnecting after a network drop, the morning sign-in) share three queries
   * instead of three each.
   */
  private async loadMany(tokenHashes: string[]): Promise<Map<string, CacheEntry>> {
    const { db } = this.database;
    const rows = await db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(inArray(sessions.tokenHash, tokenHashes));
    const live = rows.filter((r) => !r.user.disabledAt && (!r.user.demo || this.opts.demo));
    const userIds = [...new Set(live.map((r) => r.user.id))];
    const grants = new Map<string, Membership[]>();
    const needTotp = new Set<string>();
    if (userIds.length) {
      for (const m of await loadMembershipsOf(db, userIds)) {
        const list = grants.get(m.userId) ?? [];
        list.push({
          agencyId: m.agencyId,
          agencyPath: m.agencyPath,
          roleCode: m.roleCode,
          permissions: m.permissions,
        });
        grants.set(m.userId, list);
      }
      const withoutTotp = live.filter((r) => !r.user.totpEnabledAt).map((r) => r.user.id);
      if (withoutTotp.length)
        for (const r of await db
          .selectDistinct({ userId: memberships.userId })
          .from(memberships)
          .innerJoin(roles, eq(roles.code, memberships.roleCode))
          .where(and(inArray(memberships.userId, withoutTotp), eq(roles.requiresTotp, true))))
          needTotp.add(r.userId);
    }
    const loadedAt = Date.now();
    const entries = new Map<string, CacheEntry>();
    for (const { session, user } of live) {
      const principal: Principal = {
        userId: user.id,
        kind: user.kind,
        fullName: user.fullName,
        locale: user.locale,
        memberships: grants.get(user.id) ?? [],
        sessionTokenHash: session.tokenHash,
        csrfToken: session.csrfToken,
        mustSetUpTotp: !user.totpEnabledAt && needTotp.has(user.id),
      };
      entries.set(session.tokenHash, {
        principal,
        userId: user.id,
        lastSeenAt: session.lastSeenAt.getTime(),
        expiresAt: session.expiresAt.getTime(),
        loadedAt,
      });
    }
    return entries;
  }
}
