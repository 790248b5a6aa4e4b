import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWebPage } from '../../src/contracts/web-pages.ts';
import { createHttp } from '../../src/server/platform/http/app.ts';
import { createLogger } from '../../src/server/platform/log.ts';

// The web app as the server sends it: the entry page filled in, compressed, never cached; hashed
// assets precompressed and immutable; an address that is no page answered with a 404.
let app: FastifyInstance;
let root: string;
const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cqs-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><html lang="vi"><head><!--boot--></head><body><div id="root"><!--shell--></div></body></html>',
  );
  writeFileSync(join(root, 'assets/app-abc123.js'), script);
  writeFileSync(join(root, 'assets/app-abc123.js.br'), brotliCompressSync(script));
  writeFileSync(join(root, 'assets/app-abc123.js.gz'), gzipSync(script));
  app = await createHttp({
    log: createLogger('silent'),
    trustProxy: false,
    maxUploadBytes: 1024,
    secureCookies: false,
    ready: async () => {},
    auth: { cookieName: 'sid', fromCookie: () => null },
    web: {
      root,
      isPage: isWebPage,
      shell: async () => ({
        provinceName: 'Thành phố Hồ Chí Minh',
        provinceNameEn: 'Ho Chi Minh City',
        demo: true,
      }),
    },
  });
  app.get('/api/big', { config: { access: 'public' } }, async () => ({ items: 'y'.repeat(5000) }));
});
afterAll(async () => {
  await app.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the web app as served', () => {
  it('puts the place and the demo banner in the first HTML, in the chosen language', async () => {
    const vi = await app.inject({ url: '/thu-tuc', headers: { 'accept-encoding': 'br' } });
    expect(vi.statusCode).toBe(200);
    expect(vi.headers['content-encoding']).toBe('br');
    expect(vi.headers['cache-control']).toBe('no-cache');
    const html = brotliDecompressSync(vi.rawPayload).toString();
    expect(html).toContain('<span class="brand-place">Thành phố Hồ Chí Minh</span>');
    expect(html).toContain('class="demo-banner"');
    expect(html).toContain('<script type="application/json" id="cqs-boot">{"provinceName"');
    const en = await app.inject({ url: '/', headers: { cookie: 'cqs_lang=en' } });
    expect(en.headers['content-encoding']).toBeUndefined();
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('<span class="brand-place">Ho Chi Minh City</span>');
  });

  it('answers an address that is no page with the page and a 404', async () => {
    const res = await app.inject({ url: '/khong-co-trang-nay', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(404);
    expect(gunzipSync(res.rawPayload).toString()).toContain('id="root"');
    expect((await app.inject({ url: '/lam-viec/ho-so/abc' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/assets/missing-1.js' })).statusCode).toBe(404);
  });

  it('sends hashed assets precompressed and immutable', async () => {
    const res = await app.inject({
      url: '/assets/app-abc123.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(script);
    const plain = await app.inject({ url: '/assets/app-abc123.js' });
    expect(plain.body).toBe(script);
  });

  it('compresses JSON answers', async () => {
    const res = await app.inject({ url: '/api/big', headers: { 'accept-encoding': 'br' } });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.rawPayload.length).toBeLessThan(1000);
    expect(JSON.parse(brotliDecompressSync(res.rawPayload).toString()).items).toHaveLength(5000);
  });
});
