import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { type Language, t } from '../i18n/index.ts';
import { handleError } from './errors.ts';

/** What every page shows before the app runs: the deployment's place and whether it is a demo. */
export interface PageShell {
  provinceName: string | null;
  provinceNameEn: string | null;
  demo: boolean;
  /** data a page shows at once rather than after a request (the home page's most used procedures) */
  preload?: Record<string, unknown>;
}

/** The entry page is rendered again after this long, with fresh boot data. */
const SHELL_TTL_MS = 10 * 60_000;

export interface WebAppOptions {
  /** the built web app (dist/web) */
  root: string;
  /** read once, at the first page served */
  shell: () => Promise<PageShell>;
  /** whether a path is one of the app's pages (others get the page with status 404) */
  isPage: (path: string) => boolean;
}

// Hashed file names change with their content: a browser may keep them for a year without asking.
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Rendered {
  mtimeMs: number;
  at: number;
  variants: Map<Language, { raw: Buffer; br: Buffer; gzip: Buffer }>;
}

/**
 * Serves the web app: hashed assets precompressed at build (brotli, gzip) and cached as immutable;
 * the entry page with the deployment's name and demo banner already in it (so nothing shifts when the
 * app starts) and the boot data, compressed once per language and again every ten minutes, never
 * cached by browsers; unknown paths get the page with a 404.
 */
export async function webAppRoutes(app: FastifyInstance, opts: WebAppOptions): Promise<void> {
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  await app.register(fastifyStatic, {
    root: opts.root,
    wildcard: true,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.includes('/assets/') ? IMMUTABLE : 'no-cache');
    },
  });

  let rendered: Rendered | null = null;
  const entry = join(opts.root, 'index.html');

  async function page(lang: Language) {
    const { mtimeMs } = await stat(entry);
    if (!rendered || rendered.mtimeMs !== mtimeMs || Date.now() - rendered.at > SHELL_TTL_MS) {
      const shell = await opts.shell();
      rendered = { mtimeMs, at: Date.now(), variants: new Map() };
      const template = await readFile(entry, 'utf8');
      for (const l of ['vi', 'en'] as const) {
        const raw = Buffer.from(renderEntryPage(template, shell, l));
        rendered.variants.set(l, {
          raw,
          br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
          gzip: gzipSync(raw, { level: 9 }),
        });
      }
    }
    return rendered.variants.get(lang)!;
  }

  async function sendPage(req: FastifyRequest, reply: FastifyReply, status: number) {
    const variant = await page(req.cookies.cqs_lang === 'en' ? 'en' : 'vi');
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
    reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('vary', 'accept-encoding, cookie');
    if (encoding) reply.header('content-encoding', encoding);
    return reply.send(encoding ? variant[encoding] : variant.raw);
  }

  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, (req, reply) =>
    sendPage(req, reply, 200),
  );
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if ((req.method === 'GET' || req.method === 'HEAD') && !path.startsWith('/api/') && !path.includes('.')) {
      return sendPage(req, reply, opts.isPage(path) ? 200 : 404);
    }
    return handleError(new AppError('route_not_found'), req, reply);
  });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The entry page with its shell filled in: the boot data the app reads at start (a JSON block, which
 * the page's script-src policy allows since it never runs) and the header and demo banner the app
 * will render in the same place.
 */
export function renderEntryPage(template: string, shell: PageShell, lang: Language): string {
  const place = (lang === 'en' ? shell.provinceNameEn : null) ?? shell.provinceName;
  const boot = JSON.stringify(shell).replace(/</g, '\\u003c');
  const header = [
    '<header class="app-header"><div class="header-inner">',
    '<a class="brand" href="/"><svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="6"/><path d="M16 6l2.6 6.4 6.9.4-5.3 4.4 1.7 6.7L16 20.2l-5.9 3.7 1.7-6.7-5.3-4.4 6.9-.4z"/></svg>',
    '<span class="brand-text"><span class="brand-name" lang="vi">CQS — Chính quyền số</span>',
    place ? `<span class="brand-place">${escapeHtml(place)}</span>` : '',
    '</span></a></div></header><div class="nav-bar"></div>',
    shell.demo
      ? `<aside class="demo-banner" aria-label="${escapeHtml(t(lang, 'web:demo.label'))}"><strong>${escapeHtml(t(lang, 'web:demo.banner'))}</strong></aside>`
      : '',
  ].join('');
  return template
    .replace('<html lang="vi">', `<html lang="${lang}">`)
    .replace('<!--boot-->', `<script type="application/json" id="cqs-boot">${boot}</script>`)
    .replace('<!--shell-->', header);
}
