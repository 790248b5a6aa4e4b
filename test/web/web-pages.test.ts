import { describe, expect, it } from 'vitest';
import { isWebPage } from '../../src/contracts/web-pages.ts';
import { paths } from '../../src/web/app/paths.ts';

describe('the pages the server knows', () => {
  it('include every address of the web app', () => {
    for (const [name, path] of Object.entries(paths)) {
      const address = typeof path === 'function' ? path('1.001234', 'vi') : path;
      expect(isWebPage(address), `${name}: ${address}`).toBe(true);
    }
    expect(isWebPage(paths.myDossier('0b5e0d5c-8b7e-4f55-9d39-1f2a2c3b4d5e'))).toBe(true);
    expect(isWebPage('/thu-tuc/')).toBe(true);
  });

  it.each([
    '/khong-co-trang-nay',
    '/thu-tuc/1_001234/khac',
    '/lam-viec/ho-so/abc/them',
    '/quan-tri/khong-co',
    '//',
  ])('leave out %s', (address) => {
    expect(isWebPage(address)).toBe(false);
  });
});
