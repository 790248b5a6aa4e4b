// The public portal: server-rendered HTML under /vi, /en, /ja, /ko, /zh (paths the web app does not
// use), the stylesheet, the feeds and the sitemap. Works without JavaScript; ETags and short caching.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/module.ts';
import { AppError } from '../../platform/errors.ts';
import { askQuestion } from './commands/ask-question.ts';
import { ratePortal } from './commands/rate-portal.ts';
import { registerForEvent } from './commands/register-for-event.ts';
import { submitEnquiry } from './commands/submit-enquiry.ts';
import { checkConformity, conformityFacts, DEFAULT_MAX_AGE_DAYS } from './conformity.ts';
import { PORTAL_PERMISSIONS } from './policy.ts';
import { FULL_LANGS, PORTAL_LANGS, type PortalLang } from './languages.ts';
import { portalPaths, segment } from './paths.ts';
import { articlePage, type Answer, homePage, newsPage } from './pages/articles.ts';
import { CSS, CSS_ETAG } from './pages/css.ts';
import { atomFeed, sitemap } from './pages/feeds.ts';
import { html } from './pages/html.ts';
import { type PageContext, renderPage } from './pages/layout.ts';
import { figuresPage, guidePage } from './pages/figures.ts';
import { parksPage, projectPage, projectsPage } from './pages/investment.ts';
import {
  legalDocPage,
  legalPage,
  organisationPage,
  procedurePage,
  proceduresPage,
} from './pages/registers.ts';
import { digitalPage } from './pages/digital.ts';
import { eventPage, eventsPage } from './pages/events.ts';
import { dcatCatalog, openDataPage } from './pages/open-data.ts';
import { conformityPage, questionsPage, ratingPage } from './pages/questions.ts';
import { DATASETS, datasetCsv, datasetData, datasetJson } from './open-data.ts';
import { searchPage } from './pages/search.ts';
import { translator } from './pages/strings.ts';
import { cachedPage, storePage } from './page-cache.ts';
import { LEGAL_STATUSES, LEGAL_TYPES, SEARCH_KINDS } from './tables.ts';

const page = z.coerce.number().int().min(1).max(10_000).optional();
const text = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((v) => v?.trim() || undefined);
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.enum(values), z.literal('')])
    .optional()
    .transform((v) => (v ? v : undefined));
const optionalYear = z
  .union([z.coerce.number().int().min(1990).max(2100), z.literal('')])
  .optional()
  .transform((v) => (v === '' ? undefined : v));

export async function portalPublicRoutes(root: FastifyInstance, deps: Deps) {
  // Its own scope: the plain form posts of the public pages are parsed here and nowhere else.
  await root.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 32_768 },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );
    await publicPages(scope, deps);
  });
}

async function publicPages(root: FastifyInstance, deps: Deps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, config } = deps;
  const publicUrl = config.publicUrl.replace(/\/$/, '');
  const ctxFor = (lang: PortalLang, missing?: unknown): PageContext => ({
    lang,
    t: translator(lang),
    publicUrl,
    missingFrom:
      typeof missing === 'string' && missing.startsWith('/') && !missing.startsWith('//')
        ? missing
        : undefined,
  });

  /** Sends a cached answer, or renders, caches and sends it; 304 when the reader has it already. */
  const serve = async (
    req: FastifyRequest,
    reply: FastifyReply,
    produce: () => Promise<Answer>,
    lang: PortalLang,
  ) => {
    const key = req.url;
    let entry = cachedPage(key);
    if (!entry) {
      const answer = await produce();
      const ctx = ctxFor(lang, (req.query as { missing?: unknown }).missing);
      if (answer.kind === 'redirect')
        entry = storePage(key, {
          status: answer.permanent ? 301 : 302,
          type: 'text/plain',
          body: '',
          location: answer.to,
        });
      else if (answer.kind === 'not_found')
        entry = storePage(key, { status: 404, type: 'text/html; charset=utf-8', body: notFound(ctx) });
      else
        entry = storePage(key, {
          status: answer.status ?? 200,
          type: 'text/html; charset=utf-8',
          body: renderPage(ctx, answer.page),
        });
    }
    if (entry.location) return reply.code(entry.status).header('location', entry.location).send();
    reply
      .header('cache-control', 'public, max-age=30, stale-while-revalidate=60')
      .header('etag', entry.etag)
      .header('vary', 'accept-encoding');
    if (entry.status === 200 && req.headers['if-none-match'] === entry.etag) return reply.code(304).send();
    return reply.code(entry.status).type(entry.type).send(entry.body);
  };

  const notFound = (ctx: PageContext) =>
    renderPage(ctx, {
      title: ctx.t('notfound.title'),
      path: portalPaths.home(ctx.lang),
      alternates: {},
      main: html`<h1>${ctx.t('notfound.title')}</h1><p>${ctx.t('notfound.text')}</p><p><a href="${portalPaths.home(ctx.lang)}">${ctx.t('nav.home')}</a> · <a href="${portalPaths.search(ctx.lang)}">${ctx.t('search.title')}</a></p>`,
    });

  const hide = { hide: true };
  app.get('/portal.css', { config: { access: 'public' }, schema: hide }, async (req, reply) => {
    reply.header('cache-control', 'public, max-age=31536000, immutable').header('etag', CSS_ETAG);
    if (req.headers['if-none-match'] === CSS_ETAG) return reply.code(304).send();
    return reply.type('text/css; charset=utf-8').send(CSS);
  });
  app.get('/sitemap.xml', { config: { access: 'public' }, schema: hide }, async (_req, reply) =>
    reply
      .header('cache-control', 'public, max-age=300')
      .type('application/xml; charset=utf-8')
      .send(await sitemap(db, publicUrl)),
  );

  // Open data: the DCAT catalogue and every dataset as CSV or JSON, read from the live tables.
  app.get('/open-data/catalog.json', { config: { access: 'public' }, schema: hide }, async (_req, reply) =>
    reply
      .header('cache-control', 'public, max-age=60')
      .type('application/ld+json; charset=utf-8')
      .send(await dcatCatalog(db, translator('vi'), publicUrl)),
  );
  app.get(
    '/open-data/:file',
    {
      config: { access: 'public' },
      schema: {
        ...hide,
        params: z.object({ file: z.string().regex(new RegExp(`^(${DATASETS.join('|')})\\.(csv|json)$`)) }),
      },
    },
    async (req, reply) => {
      const [id, ext] = req.params.file.split('.') as [(typeof DATASETS)[number], 'csv' | 'json'];
      const data = await datasetData(db, id);
      reply.header('cache-control', 'public, max-age=60').header('access-control-allow-origin', '*');
      if (data.modified) reply.header('last-modified', data.modified.toUTCString());
      if (ext === 'json') return reply.type('application/json; charset=utf-8').send(datasetJson(data));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${id}.csv"`)
        .send(datasetCsv(data));
    },
  );

  for (const lang of PORTAL_LANGS) {
    const full = FULL_LANGS.includes(lang);
    const q = { missing: z.string().max(300).optional() };
    app.get(
      `/${lang}`,
      { config: { access: 'public' }, schema: { ...hide, querystring: z.object(q) } },
      (req, reply) => serve(req, reply, () => homePage(db, ctxFor(lang)), lang),
    );
    app.get(`/${lang}/feed.xml`, { config: { access: 'public' }, schema: hide }, async (_req, reply) =>
      reply
        .header('cache-control', 'public, max-age=120')
        .type('application/atom+xml; charset=utf-8')
        .send(await atomFeed(db, lang, translator(lang), publicUrl)),
    );
    app.get(
      `/${lang}/feed/:section.xml`,
      {
        config: { access: 'public' },
        schema: { ...hide, params: z.object({ section: z.string().max(60) }) },
      },
      async (req, reply) => {
        const feed = await atomFeed(db, lang, translator(lang), publicUrl, req.params.section);
        if (feed === null)
          return reply.code(404).type('text/plain; charset=utf-8').send(translator(lang)('notfound.title'));
        return reply
          .header('cache-control', 'public, max-age=120')
          .type('application/atom+xml; charset=utf-8')
          .send(feed);
      },
    );
    app.get(
      `/${lang}/${segment(lang, 'investment')}`,
      {
        config: { access: 'public' },
        schema: {
          ...hide,
          querystring: z.object({
            ...q,
            sector: text(60),
            commune: text(10),
            form: text(30),
            status: text(30),
          }),
        },
      },
      (req, reply) => serve(req, reply, () => projectsPage(db, ctxFor(lang), req.query), lang),
    );
    app.get(
      `/${lang}/${segment(lang, 'investment')}/:slug`,
      {
        config: { access: 'public' },
        schema: {
          ...hide,
          params: z.object({ slug: z.string().max(200) }),
          querystring: z.object({ ...q, sent: z.literal('1').optional() }),
        },
      },
      (req, reply) => {
        if (req.query.sent)
          return projectPage(db, ctxFor(lang), req.params.slug, { sent: true }).then((a) =>
            send(reply, lang, a),
          );
        return serve(req, reply, () => projectPage(db, ctxFor(lang), req.params.slug), lang);
      },
    );
    // The enquiry form works without JavaScript: a plain form post, answered with the page again.
    app.post(
      `/${lang}/${segment(lang, 'investment')}/:slug/enquiry`,
      {
        config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          ...hide,
          params: z.object({ slug: z.string().max(200) }),
          body: z.record(z.string(), z.string()),
        },
      },
      async (req, reply) => {
        try {
          await db.transaction((tx) =>
            submitEnquiry(tx, req.ctx(), { projectSlug: req.params.slug, lang, fields: req.body }),
          );
        } catch (err) {
          if (err instanceof AppError && err.code === 'validation') {
            const t = translator(lang);
            const errors = err.fields.map(
              (f) =>
                `${t(`enq.${f.field.replace('body.', '')}`)}: ${t(`enq.problem.${f.key.replace('field.', '')}`)}`,
            );
            return send(
              reply.code(400),
              lang,
              await projectPage(db, ctxFor(lang), req.params.slug, { errors, values: req.body }),
            );
          }
          throw err;
        }
        return reply
          .code(303)
          .header('location', `${portalPaths.project(lang, req.params.slug)}?sent=1`)
          .send();
      },
    );
    app.get(
      `/${lang}/${segment(lang, 'parks')}`,
      { config: { access: 'public' }, schema: { ...hide, querystring: z.object(q) } },
      (req, reply) => serve(req, reply, () => parksPage(db, ctxFor(lang)), lang),
    );
    app.get(
      `/${lang}/${segment(lang, 'events')}`,
      { config: { access: 'public' }, schema: { ...hide, querystring: z.object(q) } },
      (req, reply) => serve(req, reply, () => eventsPage(db, ctxFor(lang)), lang),
    );
    // An event's page shows the slots left: never cached.
    app.get(
      `/${lang}/${segment(lang, 'events')}/:slug`,
      {
        config: { access: 'public' },
        schema: {
          ...hide,
          params: z.object({ slug: z.string().max(200) }),
          querystring: z.object({ ...q, ma: text(20) }),
        },
      },
      async (req, reply) =>
        send(reply, lang, await eventPage(db, ctxFor(lang), req.params.slug, { code: req.query.ma })),
    );
    app.post(
      `/${lang}/${segment(lang, 'events')}/:slug/register`,
      {
        config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          ...hide,
          params: z.object({ slug: z.string().max(200) }),
          body: z.record(z.string(), z.string()),
        },
      },
      async (req, reply) => {
        try {
          const { registration } = await db.transaction((tx) =>
            registerForEvent(tx, req.ctx(), { slug: req.params.slug, lang, fields: req.body }),
          );
          return reply
            .code(303)
            .header('location', `${portalPaths.event(lang, req.params.slug)}?ma=${registration.code}`)
            .send();
        } catch (err) {
          if (!(err instanceof AppError && err.code === 'validation')) throw err;
          const t = translator(lang);
          const errors = err.fields.map((f) => {
            const name = f.field.replace('body.', '');
            const key = f.key.replace('field.', '');
            if (name === 'event') return t(`ev.problem.${key}`);
            const label = ['bridgePoint', 'question'].includes(name)
              ? t(name === 'bridgePoint' ? 'ev.bridge_point' : 'ev.question')
              : t(`enq.${name}`);
            return `${label}: ${t(key === 'already_registered' ? 'ev.problem.already_registered' : `enq.problem.${key}`)}`;
          });
          return send(
            reply.code(400),
            lang,
            await eventPage(db, ctxFor(lang), req.params.slug, { errors, values: req.body }),
          );
        }
      },
    );
    app.get(
      `/${lang}/${segment(lang, 'figures')}`,
      { config: { access: 'public' }, schema: { ...hide, querystring: z.object(q) } },
      (req, reply) => serve(req, reply, () => figuresPage(db, ctxFor(lang)), lang),
    );
    app.get(
      `/${lang}/${segment(lang, 'guide')}`,
      { config: { access: 'public' }, schema: { ...hide, querystring: z.object(q) } },
      (req, reply) => serve(req, reply, () => guidePage(db, ctxFor(lang)), lang),
    );
    app.get(
      `/${lang}/${segment(lang, 'search')}`,
      {
        config: { access: 'public' },
        schema: {
          ...hide,
          querystring: z.object({
            ...q,
            q: text(200),
            kind: optionalEnum(SEARCH_KINDS),
            agency: text(200),
            year: optionalYear,
            page,
          }),
        },
      },
      (req, reply) => serve(req, reply, () => searchPage(db, ctxFor(lang), req.query), lang),
    );
    if (!full) continue;
    app.get(
      `/${lang}/${segment(lang, 'openData')}`,
      { config: { access: 'public' }, schema: { ...hide, querystring: z.object(q) } },
      (req, reply) => serve(req, reply, () => openDataPage(db, ctxFor(lang)), lang),
    );
    app.get(
      `/${lang}/${segment(lang, 'digital')}`,
      { config: { access: 'public' }, schema: { ...hide, querystring: z.object(q) } },
      (req, reply) => serve(req, reply, () => digitalPage(db, ctxFor(lang)), lang),
    );
    // Questions and answers, and following a question by its code: never cached (the code is the asker's).
    app.get(
      `/${lang}/${segment(lang, 'questions')}`,
      {
        config: { access: 'public' },
        schema: { ...hide, querystring: z.object({ ma: text(20), sent: z.literal('1').optional() }) },
      },
      async (req, reply) =>
        send(
          reply,
          lang,
          await questionsPage(db, ctxFor(lang), { code: req.query.ma, sent: !!req.query.sent }),
        ),
    );
    app.post(
      `/${lang}/${segment(lang, 'questions')}`,
      {
        config: { access: 'public', rateLimit: { max: 5, timeWindow: '1 minute' } },
        schema: { ...hide, body: z.record(z.string(), z.string()) },
      },
      async (req, reply) => {
        try {
          const q = await db.transaction((tx) => askQuestion(tx, req.ctx(), { lang, fields: req.body }));
          return reply
            .code(303)
            .header('location', `${portalPaths.questions(lang)}?ma=${q.code}&sent=1`)
            .send();
        } catch (err) {
          if (!(err instanceof AppError && err.code === 'validation')) throw err;
          const t = translator(lang);
          const errors = err.fields.map((f) => {
            const name = f.field.replace('body.', '');
            const label = ['title', 'question'].includes(name) ? t(`qa.field.${name}`) : t(`enq.${name}`);
            return `${label}: ${t(`enq.problem.${f.key.replace('field.', '')}`)}`;
          });
          return send(
            reply.code(400),
            lang,
            await questionsPage(db, ctxFor(lang), {}, { errors, values: req.body }),
          );
        }
      },
    );
    app.get(
      `/${lang}/${segment(lang, 'rating')}`,
      {
        config: { access: 'public' },
        schema: { ...hide, querystring: z.object({ from: text(300), thanks: z.literal('1').optional() }) },
      },
      async (req, reply) =>
        send(reply, lang, ratingPage(ctxFor(lang), { from: req.query.from, thanks: !!req.query.thanks })),
    );
    app.post(
      `/${lang}/${segment(lang, 'rating')}`,
      {
        config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: { ...hide, body: z.record(z.string(), z.string()) },
      },
      async (req, reply) => {
        try {
          const r = await db.transaction((tx) =>
            ratePortal(tx, req.ctx(), { lang, score: req.body.score, path: req.body.path }),
          );
          return reply
            .code(303)
            .header('location', `${portalPaths.rating(lang)}?thanks=1&from=${encodeURIComponent(r.path)}`)
            .send();
        } catch (err) {
          if (!(err instanceof AppError && err.code === 'validation')) throw err;
          return send(reply.code(400), lang, ratingPage(ctxFor(lang), { from: req.body.path, error: true }));
        }
      },
    );
    // The Decree 42 conformity report, for the portal's reviewers (signed in), never cached.
    app.get(
      `/${lang}/${segment(lang, 'conformity')}`,
      {
        config: { access: { permission: PORTAL_PERMISSIONS.review } },
        schema: {
          ...hide,
          querystring: z.object({
            maxAgeDays: z.coerce.number().int().min(1).max(3650).default(DEFAULT_MAX_AGE_DAYS),
          }),
        },
      },
      async (req, reply) => {
        const report = checkConformity(await conformityFacts(db), req.query.maxAgeDays);
        return send(reply, lang, conformityPage(ctxFor(lang), report, req.query.maxAgeDays));
      },
    );
    app.get(
      `/${lang}/${segment(lang, 'news')}`,
      {
        config: { access: 'public' },
        schema: { ...hide, querystring: z.object({ ...q, page, section: text(60) }) },
      },
      (req, reply) => serve(req, reply, () => newsPage(db, ctxFor(lang), req.query), lang),
    );
    app.get(
      `/${lang}/${segment(lang, 'news')}/:slug`,
      {
        config: { access: 'public' },
        schema: { ...hide, params: z.object({ slug: z.string().max(200) }), querystring: z.object(q) },
      },
      (req, reply) => serve(req, reply, () => articlePage(db, ctxFor(lang), req.params.slug), lang),
    );
    app.get(
      `/${lang}/${segment(lang, 'legal')}`,
      {
        config: { access: 'public' },
        schema: {
          ...hide,
          querystring: z.object({
            ...q,
            q: text(200),
            type: optionalEnum(LEGAL_TYPES),
            status: optionalEnum(LEGAL_STATUSES),
            year: optionalYear,
            page,
          }),
        },
      },
      (req, reply) => serve(req, reply, () => legalPage(db, ctxFor(lang), req.query), lang),
    );
    app.get(
      `/${lang}/${segment(lang, 'legal')}/:id`,
      {
        config: { access: 'public' },
        schema: { ...hide, params: z.object({ id: z.string().max(40) }), querystring: z.object(q) },
      },
      (req, reply) => serve(req, reply, () => legalDocPage(db, ctxFor(lang), req.params.id), lang),
    );
    app.get(
      `/${lang}/${segment(lang, 'organisation')}`,
      { config: { access: 'public' }, schema: { ...hide, querystring: z.object(q) } },
      (req, reply) => serve(req, reply, () => organisationPage(db, ctxFor(lang)), lang),
    );
    app.get(
      `/${lang}/${segment(lang, 'procedures')}`,
      { config: { access: 'public' }, schema: { ...hide, querystring: z.object({ ...q, q: text(200) }) } },
      (req, reply) => serve(req, reply, () => proceduresPage(db, ctxFor(lang), req.query), lang),
    );
    app.get(
      `/${lang}/${segment(lang, 'procedures')}/:code`,
      {
        config: { access: 'public' },
        schema: { ...hide, params: z.object({ code: z.string().max(60) }), querystring: z.object(q) },
      },
      (req, reply) => serve(req, reply, () => procedurePage(db, ctxFor(lang), req.params.code), lang),
    );
  }

  const send = (reply: FastifyReply, lang: PortalLang, answer: Answer) => {
    const ctx = ctxFor(lang);
    reply.header('cache-control', 'no-store');
    if (answer.kind === 'redirect') return reply.code(301).header('location', answer.to).send();
    if (answer.kind === 'not_found')
      return reply.code(404).type('text/html; charset=utf-8').send(notFound(ctx));
    return reply.type('text/html; charset=utf-8').send(renderPage(ctx, answer.page));
  };
}
