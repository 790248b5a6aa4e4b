// Atom feeds (all news, or one section) and the sitemap with hreflang alternates.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { escapeHtml } from '../body.ts';
import { FULL_LANGS, LANG_TAGS, PORTAL_LANGS, type PortalLang } from '../languages.ts';
import { portalPaths } from '../paths.ts';
import { latestArticles, legalList, projectList, publishedForSitemap } from '../queries.ts';
import { sections } from '../tables.ts';
import type { Translate } from './strings.ts';

const x = escapeHtml;

export async function atomFeed(
  db: DbOrTx,
  lang: PortalLang,
  t: Translate,
  publicUrl: string,
  section?: string,
): Promise<string | null> {
  // A section that does not exist has no feed (null: the route answers 404), not an empty one.
  const [named] = section
    ? await db.select({ names: sections.names }).from(sections).where(eq(sections.code, section)).limit(1)
    : [];
  if (section && !named) return null;
  const list = await latestArticles(db, lang, { limit: 50, sectionCode: section });
  const self = `${publicUrl}${portalPaths.feed(lang, section)}`;
  const updated = (list[0]?.publishedAt ?? new Date(0)).toISOString();
  const title = named ? `${t('site.name')} — ${named.names[lang] ?? named.names.vi}` : t('site.name');
  const entries = list
    .map((a) => {
      const url = `${publicUrl}${portalPaths.article(lang, a.slug)}`;
      return `<entry><title>${x(a.title)}</title><link href="${x(url)}"/><id>urn:uuid:${a.itemId}</id><published>${a.firstPublishedAt.toISOString()}</published><updated>${a.publishedAt.toISOString()}</updated><summary>${x(a.summary)}</summary></entry>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${LANG_TAGS[lang]}">
<title>${x(title)}</title><id>${x(self)}</id><link rel="self" href="${x(self)}"/><link href="${x(`${publicUrl}${portalPaths.news(lang)}`)}"/>
<updated>${updated}</updated><author><name>${x(t('site.name'))}</name></author>
${entries}
</feed>`;
}

export async function sitemap(db: DbOrTx, publicUrl: string) {
  const urls: { loc: string; alternates: [PortalLang, string][]; lastmod?: string }[] = [];
  const group = (paths: Partial<Record<PortalLang, string>>, lastmod?: string) => {
    const alts = Object.entries(paths) as [PortalLang, string][];
    for (const [, p] of alts) urls.push({ loc: p, alternates: alts, lastmod });
  };
  for (const make of [
    portalPaths.home,
    portalPaths.projects,
    portalPaths.parks,
    portalPaths.figures,
    portalPaths.guide,
    portalPaths.events,
  ])
    group(Object.fromEntries(PORTAL_LANGS.map((l) => [l, make(l)])));
  for (const make of [
    portalPaths.news,
    portalPaths.legal,
    portalPaths.organisation,
    portalPaths.procedures,
    portalPaths.questions,
    portalPaths.openData,
    portalPaths.digital,
  ])
    group(Object.fromEntries(FULL_LANGS.map((l) => [l, make(l)])));
  const byItem = new Map<string, { paths: Partial<Record<PortalLang, string>>; at: Date }>();
  for (const e of await publishedForSitemap(db)) {
    const entry = byItem.get(e.itemId) ?? { paths: {}, at: e.at! };
    entry.paths[e.lang] = portalPaths.article(e.lang, e.slug);
    if (e.at! > entry.at) entry.at = e.at!;
    byItem.set(e.itemId, entry);
  }
  for (const { paths, at } of byItem.values()) group(paths, at.toISOString());
  for (const p of await projectList(db, {}))
    group(
      Object.fromEntries(
        PORTAL_LANGS.filter((l) => p.texts[l]).map((l) => [l, portalPaths.project(l, p.slug)]),
      ),
      p.updatedAt.toISOString(),
    );
  const { rows } = await legalList(db, { limit: 5000, offset: 0 });
  for (const d of rows) group(Object.fromEntries(FULL_LANGS.map((l) => [l, portalPaths.legalDoc(l, d.id)])));
  const body = urls
    .map(
      (u) =>
        `<url><loc>${x(publicUrl + u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}${u.alternates
          .map(
            ([l, p]) => `<xhtml:link rel="alternate" hreflang="${LANG_TAGS[l]}" href="${x(publicUrl + p)}"/>`,
          )
          .join('')}</url>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${body}
</urlset>`;
}
