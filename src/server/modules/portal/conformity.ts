// The Decree 42/2022 conformity report: what the portal must publish (art. 4.1), the English rule of
// art. 7 (organisation, functions and contact officials in English) and art. 8's questions and ratings,
// each item present or missing, and stale when its newest update is older than the age asked for.
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db/client.ts';
import { listAgencies } from '../identity/index.ts';
import { searchProcedures } from '../services/index.ts';
import {
  editions,
  items,
  legalDocuments,
  projects,
  questions,
  ratings,
  type SectionKind,
  sections,
} from './tables.ts';

export type CheckState = 'ok' | 'missing' | 'stale';

export interface ConformityItem {
  code: string;
  /** "4.1.a", "7.2"… */
  article: string;
  state: CheckState;
  count: number;
  /** the newest update, when the item has dates */
  latest: Date | null;
  /** what is missing, by name (agencies without an English name…) */
  missing?: string[];
}

/** What the checks look at: gathered from the database by `conformityFacts`, or made up in tests. */
export interface ConformityFacts {
  legal: { count: number; latest: Date | null };
  procedures: number;
  sections: Partial<Record<SectionKind, { vi: number; en: number; latest: Date | null }>>;
  agencies: { name: string; nameEn: string | null }[];
  projects: { count: number; latest: Date | null };
  questions: { published: number; latest: Date | null } | null;
  ratings: { count: number; latest: Date | null } | null;
}

export const DEFAULT_MAX_AGE_DAYS = 365;

const SECTION_ITEMS: [string, string, SectionKind][] = [
  ['news', '4.1', 'news'],
  ['guidance', '4.1.c', 'guidance'],
  ['plans', '4.1.d', 'plans'],
  ['disclosure', '4.1.đ', 'disclosure'],
  ['contacts', '4.1.e', 'contacts'],
  ['budget', '4.1.g', 'budget'],
  ['statistics', '4.1.g', 'statistics'],
];

export function checkConformity(f: ConformityFacts, maxAgeDays: number, now = new Date()): ConformityItem[] {
  const limit = now.getTime() - maxAgeDays * 86_400_000;
  const dated = (code: string, article: string, count: number, latest: Date | null): ConformityItem => ({
    code,
    article,
    count,
    latest,
    state: count === 0 ? 'missing' : latest && latest.getTime() < limit ? 'stale' : 'ok',
  });
  const out: ConformityItem[] = [
    dated('legal', '4.1.a', f.legal.count, f.legal.latest),
    {
      code: 'procedures',
      article: '4.1.b',
      count: f.procedures,
      latest: null,
      state: f.procedures ? 'ok' : 'missing',
    },
  ];
  for (const [code, article, kind] of SECTION_ITEMS) {
    const s = f.sections[kind];
    out.push(dated(code, article, s?.vi ?? 0, s?.latest ?? null));
  }
  out.push({
    code: 'organisation',
    article: '4.1.e',
    count: f.agencies.length,
    latest: null,
    state: f.agencies.length ? 'ok' : 'missing',
  });
  out.push(dated('projects', '4.1.h', f.projects.count, f.projects.latest));
  // Art. 7: the organisation, its functions and contact officials in English.
  const noEnglish = f.agencies.filter((a) => !a.nameEn?.trim()).map((a) => a.name);
  out.push({
    code: 'english_organisation',
    article: '7',
    count: f.agencies.length - noEnglish.length,
    latest: null,
    state: f.agencies.length && noEnglish.length === 0 ? 'ok' : 'missing',
    ...(noEnglish.length ? { missing: noEnglish.slice(0, 50) } : {}),
  });
  const contacts = f.sections.contacts;
  out.push({
    code: 'english_contacts',
    article: '7',
    count: contacts?.en ?? 0,
    latest: null,
    state: (contacts?.en ?? 0) > 0 ? 'ok' : 'missing',
  });
  out.push(
    f.questions
      ? dated('questions', '8', f.questions.published, f.questions.latest)
      : { code: 'questions', article: '8', count: 0, latest: null, state: 'missing' },
  );
  out.push(
    f.ratings
      ? dated('ratings', '8', f.ratings.count, f.ratings.latest)
      : { code: 'ratings', article: '8', count: 0, latest: null, state: 'missing' },
  );
  return out;
}

const toDate = (v: Date | string | null | undefined) => (v ? new Date(v) : null);

/** Gathers the facts from the portal's tables and, through their doors, identity's and services'. */
export async function conformityFacts(db: DbOrTx): Promise<ConformityFacts> {
  const [legal] = await queryRows<{ n: number; latest: Date | null }>(
    db,
    sql`select count(*)::int as n, max(${legalDocuments.updatedAt}) as latest from ${legalDocuments}`,
  );
  const sectionRows = await queryRows<{ kind: SectionKind; vi: number; en: number; latest: Date | null }>(
    db,
    sql`select s.kind,
          count(*) filter (where e.lang = 'vi')::int as vi,
          count(*) filter (where e.lang = 'en')::int as en,
          max(e.published_at) as latest
        from ${editions} e join ${items} i on i.id = e.item_id join ${sections} s on s.id = i.section_id
        where e.state = 'published' group by s.kind`,
  );
  const [proj] = await queryRows<{ n: number; latest: Date | null }>(
    db,
    sql`select count(*)::int as n, max(${projects.updatedAt}) as latest from ${projects}`,
  );
  const agencies = (await listAgencies(db, undefined, true)).map((r) => ({
    name: r.agency.name,
    nameEn: r.agency.nameEn,
  }));
  const procedures = (await searchProcedures(db, undefined, 1)).length;
  const [qa] = await queryRows<{ n: number; latest: Date | null }>(
    db,
    sql`select count(*)::int as n, max(${questions.publishedAt}) as latest from ${questions} where state = 'published'`,
  );
  const [rated] = await queryRows<{ n: number; latest: Date | null }>(
    db,
    sql`select count(*)::int as n, max(${ratings.createdAt}) as latest from ${ratings}`,
  );
  return {
    legal: { count: legal?.n ?? 0, latest: toDate(legal?.latest) },
    procedures,
    sections: Object.fromEntries(
      sectionRows.map((r) => [r.kind, { vi: r.vi, en: r.en, latest: toDate(r.latest) }]),
    ),
    agencies,
    projects: { count: proj?.n ?? 0, latest: toDate(proj?.latest) },
    // The question form and the rating form are always there; the check is that they are used.
    questions: { published: qa?.n ?? 0, latest: toDate(qa?.latest) },
    ratings: { count: rated?.n ?? 0, latest: toDate(rated?.latest) },
  };
}
