// Reads for the public pages and the editor screens.
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db/client.ts';
import type { PortalLang } from './languages.ts';
import { queryWords, snippet, toTsQuery } from './search-text.ts';
import {
  editions,
  enquiries,
  investmentFigures,
  items,
  type LegalStatus,
  type LegalType,
  legalDocuments,
  parks,
  projects,
  type SearchKind,
  searchDocs,
  sections,
  sites,
  slugs,
} from './tables.ts';

export interface ArticleSummary {
  itemId: string;
  title: string;
  summary: string;
  slug: string;
  publishedAt: Date;
  firstPublishedAt: Date;
  sectionCode: string;
  sectionNames: Record<string, string>;
  siteSlug: string;
  siteNames: Record<string, string>;
}

/** Published articles in a language, newest first; optionally of one section or one site. */
export async function latestArticles(
  db: DbOrTx,
  lang: PortalLang,
  opts: { limit: number; offset?: number; sectionCode?: string; siteSlug?: string },
): Promise<ArticleSummary[]> {
  const where: SQL[] = [eq(editions.lang, lang), eq(editions.state, 'published'), eq(items.kind, 'article')];
  if (opts.sectionCode) where.push(eq(sections.code, opts.sectionCode));
  if (opts.siteSlug !== undefined) where.push(eq(sites.slug, opts.siteSlug));
  return db
    .select({
      itemId: editions.itemId,
      title: editions.title,
      summary: editions.summary,
      slug: editions.slug,
      publishedAt: editions.publishedAt,
      firstPublishedAt: editions.firstPublishedAt,
      sectionCode: sections.code,
      sectionNames: sections.names,
      siteSlug: sites.slug,
      siteNames: sites.names,
    })
    .from(editions)
    .innerJoin(items, eq(items.id, editions.itemId))
    .innerJoin(sections, eq(sections.id, items.sectionId))
    .innerJoin(sites, eq(sites.id, sections.siteId))
    .where(and(...where))
    .orderBy(desc(editions.firstPublishedAt), desc(editions.itemId))
    .limit(opts.limit)
    .offset(opts.offset ?? 0) as Promise<ArticleSummary[]>;
}

export async function countArticles(db: DbOrTx, lang: PortalLang, sectionCode?: string) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${editions} e join ${items} i on i.id = e.item_id
        join ${sections} s on s.id = i.section_id
        where e.lang = ${lang} and e.state = 'published' and i.kind = 'article'
        ${sectionCode ? sql`and s.code = ${sectionCode}` : sql``}`,
  );
  return row?.n ?? 0;
}

/**
 * The article a reader asked for by slug: its live edition in that language (published, withdrawn,
 * redirected or gone), the slug it now has, and the languages it is live in (for hreflang and the switch).
 */
export async function articleBySlug(db: DbOrTx, lang: PortalLang, slug: string) {
  const [owner] = await db
    .select({ itemId: slugs.itemId })
    .from(slugs)
    .where(and(eq(slugs.lang, lang), eq(slugs.slug, slug)));
  if (!owner) return undefined;
  return articleByItem(db, owner.itemId, lang);
}

export async function articleByItem(db: DbOrTx, itemId: string, lang: PortalLang) {
  const rows = await db
    .select({
      edition: editions,
      item: items,
      sectionCode: sections.code,
      sectionNames: sections.names,
      siteNames: sites.names,
    })
    .from(editions)
    .innerJoin(items, eq(items.id, editions.itemId))
    .innerJoin(sections, eq(sections.id, items.sectionId))
    .innerJoin(sites, eq(sites.id, sections.siteId))
    .where(
      and(
        eq(editions.itemId, itemId),
        inArray(editions.state, ['published', 'withdrawn', 'redirected', 'gone']),
      ),
    );
  const here = rows.find((r) => r.edition.lang === lang);
  const translations = rows
    .filter((r) => r.edition.state === 'published' || r.edition.state === 'withdrawn')
    .map((r) => ({ lang: r.edition.lang, slug: r.edition.slug }));
  if (!here) return { itemId, edition: undefined, translations };
  return { itemId, ...here, translations };
}

/** Every published edition, for the sitemap. */
export async function publishedForSitemap(db: DbOrTx) {
  return db
    .select({ itemId: editions.itemId, lang: editions.lang, slug: editions.slug, at: editions.publishedAt })
    .from(editions)
    .where(eq(editions.state, 'published'))
    .orderBy(editions.itemId, editions.lang);
}

export interface LegalFilter {
  q?: string | undefined;
  type?: LegalType | undefined;
  status?: LegalStatus | undefined;
  year?: number | undefined;
  limit: number;
  offset: number;
}

export async function legalList(db: DbOrTx, f: LegalFilter) {
  const where: SQL[] = [];
  if (f.type) where.push(eq(legalDocuments.docType, f.type));
  if (f.status) where.push(eq(legalDocuments.status, f.status));
  if (f.year) where.push(sql`extract(year from ${legalDocuments.issuedOn}) = ${f.year}`);
  const words = queryWords(f.q ?? '');
  if (words.length)
    where.push(
      sql`${legalDocuments.id}::text in (select ref_id from ${searchDocs} where kind = 'legal' and lang = 'vi'
            and tsv @@ to_tsquery('simple', ${toTsQuery(words)}))`,
    );
  const rows = await db
    .select()
    .from(legalDocuments)
    .where(and(...where))
    .orderBy(desc(legalDocuments.issuedOn), asc(legalDocuments.numberSymbol))
    .limit(f.limit)
    .offset(f.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(legalDocuments)
    .where(and(...where));
  return { rows, total: count?.n ?? 0 };
}

export async function legalDocument(db: DbOrTx, id: string) {
  const [row] = await db.select().from(legalDocuments).where(eq(legalDocuments.id, id));
  return row;
}

export interface ProjectFilter {
  sector?: string | undefined;
  commune?: string | undefined;
  form?: string | undefined;
  status?: string | undefined;
}

export async function projectList(db: DbOrTx, f: ProjectFilter) {
  const where: SQL[] = [];
  if (f.sector) where.push(eq(projects.sector, f.sector));
  if (f.commune) where.push(eq(projects.communeCode, f.commune));
  if (f.form) where.push(sql`${projects.investmentForm} = ${f.form}`);
  if (f.status) where.push(sql`${projects.status} = ${f.status}`);
  return db
    .select()
    .from(projects)
    .where(and(...where))
    .orderBy(asc(projects.code));
}

export async function projectBySlug(db: DbOrTx, slug: string) {
  const [row] = await db.select().from(projects).where(eq(projects.slug, slug));
  return row;
}

export async function projectById(db: DbOrTx, id: string) {
  const [row] = await db.select().from(projects).where(eq(projects.id, id));
  return row;
}

export async function parkList(db: DbOrTx) {
  return db.select().from(parks).orderBy(asc(parks.code));
}

export async function sectionList(db: DbOrTx) {
  return db
    .select({ section: sections, siteSlug: sites.slug, siteNames: sites.names })
    .from(sections)
    .innerJoin(sites, eq(sites.id, sections.siteId))
    .orderBy(asc(sites.slug), asc(sections.position));
}

export interface SearchHit {
  kind: SearchKind;
  refId: string;
  title: string;
  path: string;
  agencyName: string | null;
  year: number | null;
  snippet: { text: string; marks: [number, number][] };
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  facets: { kind: Record<string, number>; agency: Record<string, number>; year: Record<string, number> };
}

/**
 * One search over articles, legal documents, procedures and projects, in one language, insensitive to
 * case and Vietnamese diacritics, ranked by ts_rank; facets count the matches before the filters of
 * the other facets apply... kept simple: counted over all matches of the words.
 */
export async function searchPortal(
  db: DbOrTx,
  lang: PortalLang,
  q: string,
  f: {
    kind?: SearchKind | undefined;
    agency?: string | undefined;
    year?: number | undefined;
    limit: number;
    offset: number;
  },
): Promise<SearchResult> {
  const words = queryWords(q);
  const empty = { hits: [], total: 0, facets: { kind: {}, agency: {}, year: {} } };
  if (words.length === 0) return empty;
  const tsq = toTsQuery(words);
  const match = sql`lang = ${lang} and tsv @@ to_tsquery('simple', ${tsq})`;
  const filters: SQL[] = [];
  if (f.kind) filters.push(sql`and kind = ${f.kind}`);
  if (f.agency) filters.push(sql`and agency_name = ${f.agency}`);
  if (f.year) filters.push(sql`and year = ${f.year}`);
  const rows = await queryRows<Omit<SearchHit, 'snippet'> & { body: string; total: number }>(
    db,
    sql`select kind, ref_id as "refId", title, body, path, agency_name as "agencyName", year,
          count(*) over ()::int as total
        from ${searchDocs} where ${match} ${sql.join(filters, sql` `)}
        order by ts_rank(tsv, to_tsquery('simple', ${tsq})) desc, at desc nulls last, title
        limit ${f.limit} offset ${f.offset}`,
  );
  const facetRows = await queryRows<{ facet: string; value: string | null; n: number }>(
    db,
    sql`select 'kind' as facet, kind as value, count(*)::int as n from ${searchDocs} where ${match} group by kind
        union all
        select 'agency', agency_name, count(*)::int from ${searchDocs} where ${match} and agency_name is not null group by agency_name
        union all
        select 'year', year::text, count(*)::int from ${searchDocs} where ${match} and year is not null group by year`,
  );
  const facets: SearchResult['facets'] = { kind: {}, agency: {}, year: {} };
  for (const r of facetRows)
    if (r.value !== null) facets[r.facet as keyof SearchResult['facets']][r.value] = r.n;
  return {
    hits: rows.map(({ body, total: _t, ...r }) => ({ ...r, snippet: snippet(body || r.title, words) })),
    total: rows[0]?.total ?? 0,
    facets,
  };
}

/** The editor's list: items of the sections the user may edit, with each language's open and live state. */
export async function editorialList(db: DbOrTx, agencyPaths: string[]) {
  if (agencyPaths.length === 0) return [];
  return queryRows<{
    itemId: string;
    sectionCode: string;
    lang: PortalLang;
    number: number;
    state: string;
    title: string;
    lockVersion: number;
    updatedAt: Date;
    scheduledAt: Date | null;
    scheduleError: string | null;
  }>(
    db,
    sql`select e.item_id as "itemId", s.code as "sectionCode", e.lang, e.number, e.state, e.title,
          e.lock_version as "lockVersion", e.updated_at as "updatedAt", e.scheduled_at as "scheduledAt",
          e.schedule_error as "scheduleError"
        from ${editions} e join ${items} i on i.id = e.item_id join ${sections} s on s.id = i.section_id
        where e.state <> 'superseded'
          and (${sql.join(
            agencyPaths.map((p) => sql`s.agency_path like ${`${p}%`}`),
            sql` or `,
          )})
        order by e.updated_at desc limit 300`,
  );
}

/** Every edition of an item that is not superseded, for the editor. */
export async function itemEditions(db: DbOrTx, itemId: string) {
  return db
    .select()
    .from(editions)
    .where(and(eq(editions.itemId, itemId), sql`${editions.state} <> 'superseded'`))
    .orderBy(asc(editions.lang), desc(editions.number));
}

export interface FigureTotals {
  key: string;
  projects: number;
  capitalKusd: number;
}

/** FDI and domestic figures summed by year, by country (FDI) and by sector, optionally for one year. */
export async function figureTotals(db: DbOrTx, year?: number) {
  const byYear = await queryRows<{ kind: string; key: string; projects: number; capitalKusd: number }>(
    db,
    sql`select kind, year::text as key, sum(projects)::int as projects, sum(capital_kusd)::float8 as "capitalKusd"
        from ${investmentFigures} group by kind, year order by year, kind`,
  );
  const yearFilter = year ? sql`and year = ${year}` : sql``;
  const byCountry = await queryRows<FigureTotals>(
    db,
    sql`select country as key, sum(projects)::int as projects, sum(capital_kusd)::float8 as "capitalKusd"
        from ${investmentFigures} where kind = 'fdi' ${yearFilter}
        group by country order by 3 desc, 1`,
  );
  const bySector = await queryRows<FigureTotals & { kind: string }>(
    db,
    sql`select kind, sector as key, sum(projects)::int as projects, sum(capital_kusd)::float8 as "capitalKusd"
        from ${investmentFigures} where true ${yearFilter}
        group by kind, sector order by 4 desc, 2`,
  );
  return { byYear, byCountry, bySector };
}

/** Leads by country, by the project's sector and by stage, within the manager's agencies. */
export async function leadReport(db: DbOrTx, agencyPaths: string[], now = new Date()) {
  if (agencyPaths.length === 0) return { byCountry: [], bySector: [], byStage: [], overdue: 0 };
  const scope = sql.join(
    agencyPaths.map((p) => sql`p.agency_path like ${`${p}%`}`),
    sql` or `,
  );
  const group = (col: SQL) =>
    queryRows<{ key: string; leads: number; open: number }>(
      db,
      sql`select ${col} as key, count(*)::int as leads,
            count(*) filter (where e.stage not in ('aftercare', 'closed'))::int as open
          from ${enquiries} e join ${projects} p on p.id = e.project_id
          where (${scope}) group by 1 order by 2 desc, 1`,
    );
  const [overdue] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${enquiries} e join ${projects} p on p.id = e.project_id
        where (${scope}) and e.responded_at is null and e.stage = 'enquiry' and e.respond_by < ${now}`,
  );
  return {
    byCountry: await group(sql`e.country`),
    bySector: await group(sql`p.sector`),
    byStage: await group(sql`e.stage`),
    overdue: overdue?.n ?? 0,
  };
}
