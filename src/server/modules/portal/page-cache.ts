// Rendered public pages, kept a few seconds per node: a page is the same bytes for every reader, so a
// burst of readers costs one render. Writes in this process clear it at once; other nodes within the TTL.
import { createHash } from 'node:crypto';

export interface CachedPage {
  status: number;
  type: string;
  body: string;
  etag: string;
  /** set for redirects */
  location?: string;
  at: number;
}

const TTL_MS = 10_000;
const MAX_ENTRIES = 5_000;
const pages = new Map<string, CachedPage>();

export const etagOf = (body: string) => `W/"${createHash('sha1').update(body).digest('base64url')}"`;

export function cachedPage(key: string, now = Date.now()): CachedPage | undefined {
  const hit = pages.get(key);
  if (hit && now - hit.at < TTL_MS) return hit;
  if (hit) pages.delete(key);
  return undefined;
}

export function storePage(key: string, page: Omit<CachedPage, 'at' | 'etag'>): CachedPage {
  if (pages.size >= MAX_ENTRIES) pages.clear();
  const entry = { ...page, etag: etagOf(page.body), at: Date.now() };
  pages.set(key, entry);
  return entry;
}

/** After a write that readers should see (publication, unpublication, a register change). */
export function clearPageCache(): void {
  pages.clear();
}
