// Questions and answers (Decree 42, art. 8): the published answers, the form, and following a question
// by its code; the rating form; the conformity report for the portal's reviewers.
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import type { ConformityItem } from '../conformity.ts';
import { portalPaths } from '../paths.ts';
import { questions } from '../tables.ts';
import type { Answer } from './articles.ts';
import { html } from './html.ts';
import { alternatesOf, formatDate, type PageContext } from './layout.ts';

export interface FormState {
  errors?: string[];
  values?: Record<string, string>;
}

export async function questionsPage(
  db: DbOrTx,
  ctx: PageContext,
  q: { code?: string | undefined; sent?: boolean },
  form?: FormState,
): Promise<Answer> {
  const { lang, t } = ctx;
  const published = await db
    .select()
    .from(questions)
    .where(eq(questions.state, 'published'))
    .orderBy(desc(questions.publishedAt))
    .limit(50);
  const code = q.code?.trim().toUpperCase();
  const [followed] = code ? await db.select().from(questions).where(eq(questions.code, code)) : [];
  const v = form?.values ?? {};
  const path = portalPaths.questions(lang);
  const main = html`<h1>${t('qa.title')}</h1>
<p>${t('qa.lead')}</p>
<section aria-labelledby="h-follow"><h2 id="h-follow">${t('qa.follow')}</h2>
${q.sent && followed ? html`<p class="notice" role="status">${t('qa.sent', { code: followed.code })}</p>` : ''}
<form class="filters" method="get" action="${path}"><label>${t('qa.code')}<input name="ma" value="${code ?? ''}" maxlength="20" autocomplete="off"></label><button type="submit">${t('qa.follow_submit')}</button></form>
${
  code
    ? followed
      ? html`<p role="status">${t('qa.state_of', { code: followed.code })} <strong>${t(`qa.state.${followed.state}`)}</strong>${followed.state === 'rejected' && followed.rejectReason ? html` — ${followed.rejectReason}` : ''}</p>`
      : html`<p role="status">${t('qa.no_such_code', { code })}</p>`
    : ''
}</section>
<section aria-labelledby="h-answers"><h2 id="h-answers">${t('qa.answers')}</h2>
${
  published.length
    ? published.map(
        (
          x,
        ) => html`<article class="qa"><h3>${x.title}</h3><p class="meta">${x.name} · ${formatDate(lang, x.createdAt)}</p><p>${x.question}</p>
<p><strong>${t('qa.answer')}</strong> (${formatDate(lang, x.answeredAt ?? x.publishedAt!)}): ${x.answer ?? ''}</p></article>`,
      )
    : html`<p>${t('qa.none')}</p>`
}</section>
<section aria-labelledby="h-ask"><h2 id="h-ask">${t('qa.ask')}</h2>
${form?.errors?.length ? html`<div class="banner" role="alert"><p>${t('enq.problems')}</p><ul>${form.errors.map((e) => html`<li>${e}</li>`)}</ul></div>` : ''}
<form class="stack" method="post" action="${path}">
<label>${t('enq.name')}<input name="name" required maxlength="200" autocomplete="name" value="${v.name ?? ''}"></label>
<label>${t('enq.email')}<input name="email" type="email" maxlength="200" autocomplete="email" value="${v.email ?? ''}"></label>
<label>${t('enq.phone')}<input name="phone" type="tel" maxlength="30" autocomplete="tel" value="${v.phone ?? ''}"></label>
<label>${t('qa.field.title')}<input name="title" required maxlength="300" value="${v.title ?? ''}"></label>
<label>${t('qa.field.question')}<textarea name="question" required maxlength="5000" rows="6">${v.question ?? ''}</textarea></label>
<button type="submit">${t('qa.submit')}</button>
</form></section>`;
  return {
    kind: 'page',
    page: {
      title: t('qa.title'),
      path,
      alternates: alternatesOf(portalPaths.questions),
      main,
      breadcrumbs: [
        { name: t('nav.home'), path: portalPaths.home(lang) },
        { name: t('qa.title'), path },
      ],
    },
  };
}

export function ratingPage(
  ctx: PageContext,
  q: { from?: string | undefined; thanks?: boolean; error?: boolean },
): Answer {
  const { lang, t } = ctx;
  const path = portalPaths.rating(lang);
  const from = q.from && /^\/(vi|en|ja|ko|zh)(\/|$)/.test(q.from) ? q.from : portalPaths.home(lang);
  const main = html`<h1>${t('rate.title')}</h1>
${q.thanks ? html`<p class="notice" role="status">${t('rate.thanks')} <a href="${from}">${t('rate.back')}</a></p>` : ''}
${q.error ? html`<div class="banner" role="alert"><p>${t('rate.error')}</p></div>` : ''}
<form class="stack" method="post" action="${path}">
<input type="hidden" name="path" value="${from}">
<fieldset><legend>${t('rate.question')}</legend>
${[5, 4, 3, 2, 1].map((n) => html`<label><input type="radio" name="score" value="${n}" required> ${t(`rate.score.${n}`)}</label>`)}
</fieldset>
<button type="submit">${t('rate.submit')}</button></form>`;
  return {
    kind: 'page',
    page: {
      title: t('rate.title'),
      path,
      alternates: alternatesOf(portalPaths.rating),
      main,
    },
  };
}

export function conformityPage(ctx: PageContext, report: ConformityItem[], maxAgeDays: number): Answer {
  const { lang, t } = ctx;
  const path = portalPaths.conformity(lang);
  const bad = report.filter((r) => r.state !== 'ok');
  const main = html`<h1>${t('d42.title')}</h1>
<p>${t('d42.lead')}</p>
<form class="filters" method="get" action="${path}"><label>${t('d42.max_age')}<input name="maxAgeDays" type="number" min="1" max="3650" value="${maxAgeDays}"></label><button type="submit">${t('filter.apply')}</button></form>
<p role="status">${bad.length ? t('d42.problems', { count: bad.length }) : t('d42.all_ok')}</p>
<table><thead><tr><th scope="col">${t('d42.article')}</th><th scope="col">${t('d42.item')}</th><th scope="col">${t('d42.state')}</th><th scope="col">${t('d42.count')}</th><th scope="col">${t('d42.latest')}</th></tr></thead>
<tbody>${report.map(
    (r) =>
      html`<tr><td>${r.article}</td><td>${t(`d42.item.${r.code}`)}${r.missing?.length ? html`<br><span class="meta">${t('d42.missing_names')}: ${r.missing.join('; ')}</span>` : ''}</td><td><strong>${t(`d42.state.${r.state}`)}</strong></td><td>${r.count}</td><td>${r.latest ? formatDate(lang, r.latest) : '—'}</td></tr>`,
  )}</tbody></table>`;
  return {
    kind: 'page',
    page: { title: t('d42.title'), path, alternates: alternatesOf(portalPaths.conformity), main },
  };
}
