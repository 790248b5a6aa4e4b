// Investment-promotion events: the list (coming and past) and one event with its agenda, bridge points
// and the registration form (a plain form post; a confirmation code on success).
import { and, asc, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { PORTAL_LANGS, type PortalLang } from '../languages.ts';
import { portalPaths } from '../paths.ts';
import { eventRegistrations, events } from '../tables.ts';
import type { Answer } from './articles.ts';
import { html } from './html.ts';
import { alternatesOf, formatDate, type PageContext } from './layout.ts';

type EventRow = typeof events.$inferSelect;
const textsOf = (e: EventRow, lang: PortalLang) => e.texts[lang] ?? e.texts.en ?? e.texts.vi!;

export async function eventsPage(db: DbOrTx, ctx: PageContext, now = new Date()): Promise<Answer> {
  const { lang, t } = ctx;
  const coming = await db.select().from(events).where(gt(events.startsAt, now)).orderBy(asc(events.startsAt));
  const past = await db
    .select()
    .from(events)
    .where(lte(events.startsAt, now))
    .orderBy(desc(events.startsAt))
    .limit(20);
  const card = (e: EventRow) =>
    html`<li><h3><a href="${portalPaths.event(lang, e.slug)}">${textsOf(e, lang).title}</a></h3><p class="meta">${formatDate(lang, e.startsAt, true)} · ${t(`ev.format.${e.format}`)}</p><p>${textsOf(e, lang).summary}</p></li>`;
  const main = html`<h1>${t('ev.title')}</h1>
<section aria-labelledby="h-coming"><h2 id="h-coming">${t('ev.coming')}</h2>${coming.length ? html`<ul class="cards">${coming.map(card)}</ul>` : html`<p>${t('ev.none')}</p>`}</section>
<section aria-labelledby="h-past"><h2 id="h-past">${t('ev.past')}</h2>${past.length ? html`<ul class="cards">${past.map(card)}</ul>` : html`<p>${t('ev.none')}</p>`}</section>`;
  return {
    kind: 'page',
    page: {
      title: t('ev.title'),
      path: portalPaths.events(lang),
      alternates: alternatesOf(portalPaths.events, PORTAL_LANGS),
      main,
      breadcrumbs: [
        { name: t('nav.home'), path: portalPaths.home(lang) },
        { name: t('ev.title'), path: portalPaths.events(lang) },
      ],
    },
  };
}

export async function eventPage(
  db: DbOrTx,
  ctx: PageContext,
  slug: string,
  form?: { code?: string | undefined; errors?: string[]; values?: Record<string, string> },
  now = new Date(),
): Promise<Answer> {
  const { lang, t } = ctx;
  const [e] = await db.select().from(events).where(eq(events.slug, slug));
  if (!e) return { kind: 'not_found' };
  const tx = textsOf(e, lang);
  const path = portalPaths.event(lang, e.slug);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, e.id));
  const left = Math.max(0, e.slots - (count?.n ?? 0));
  const [confirmed] = form?.code
    ? await db
        .select()
        .from(eventRegistrations)
        .where(and(eq(eventRegistrations.eventId, e.id), eq(eventRegistrations.code, form.code)))
    : [];
  const open = e.startsAt > now && left > 0;
  const points = e.format === 'in_person' ? e.bridgePoints : [...e.bridgePoints, 'online'];
  const v = form?.values ?? {};
  const main = html`<h1>${tx.title}</h1>
<p class="meta">${formatDate(lang, e.startsAt, true)} – ${formatDate(lang, e.endsAt, true)} · ${t(`ev.format.${e.format}`)}</p>
<p>${tx.summary}</p>
<h2>${t('ev.agenda')}</h2><ol>${tx.agenda.map((a) => html`<li>${a}</li>`)}</ol>
${e.bridgePoints.length ? html`<h2>${t('ev.bridge_points')}</h2><ul>${e.bridgePoints.map((b) => html`<li>${b}</li>`)}</ul>` : ''}
<section aria-labelledby="h-register"><h2 id="h-register">${t('ev.register')}</h2>
${confirmed ? html`<p class="notice" role="status">${t('ev.registered', { code: confirmed.code })}</p>` : ''}
${form?.errors?.length ? html`<div class="banner" role="alert"><p>${t('enq.problems')}</p><ul>${form.errors.map((x) => html`<li>${x}</li>`)}</ul></div>` : ''}
${
  e.startsAt <= now
    ? html`<p>${t('ev.closed')}</p>`
    : left === 0
      ? html`<p>${t('ev.full')}</p>`
      : html`<p>${t('ev.slots_left', { count: left })}</p>`
}
${
  open
    ? html`<form class="stack" method="post" action="${path}/register">
<label>${t('enq.name')}<input name="name" required maxlength="200" autocomplete="name" value="${v.name ?? ''}"></label>
<label>${t('enq.organisation')}<input name="organisation" required maxlength="200" autocomplete="organization" value="${v.organisation ?? ''}"></label>
<label>${t('enq.country')}<input name="country" required maxlength="100" autocomplete="country-name" value="${v.country ?? ''}"></label>
<label>${t('enq.email')}<input name="email" type="email" required maxlength="200" autocomplete="email" value="${v.email ?? ''}"></label>
<label>${t('ev.bridge_point')}<select name="bridgePoint">${points.map((p) => html`<option value="${p}"${v.bridgePoint === p ? html` selected` : ''}>${p === 'online' ? t('ev.online') : p}</option>`)}</select></label>
<label>${t('ev.question')}<textarea name="question" maxlength="2000" rows="4">${v.question ?? ''}</textarea></label>
<button type="submit">${t('ev.submit')}</button></form>`
    : ''
}</section>`;
  return {
    kind: 'page',
    page: {
      title: tx.title,
      description: tx.summary,
      path,
      alternates: alternatesOf(
        (l) => portalPaths.event(l, e.slug),
        PORTAL_LANGS.filter((l) => e.texts[l]),
      ),
      main,
      breadcrumbs: [
        { name: t('nav.home'), path: portalPaths.home(lang) },
        { name: t('ev.title'), path: portalPaths.events(lang) },
        { name: tx.title, path },
      ],
      structured: [
        {
          '@context': 'https://schema.org',
          '@type': 'Event',
          name: tx.title,
          description: tx.summary,
          startDate: e.startsAt.toISOString(),
          endDate: e.endsAt.toISOString(),
          eventAttendanceMode: `https://schema.org/${e.format === 'in_person' ? 'Offline' : e.format === 'online' ? 'Online' : 'Mixed'}EventAttendanceMode`,
          location:
            e.format === 'in_person'
              ? { '@type': 'Place', name: e.bridgePoints[0] ?? 'Thủ Dầu Một' }
              : { '@type': 'VirtualLocation', url: `${ctx.publicUrl}${path}` },
          organizer: { '@type': 'GovernmentOrganization', name: t('site.name') },
        },
      ],
    },
  };
}
