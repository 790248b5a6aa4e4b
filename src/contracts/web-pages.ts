// The web app's pages as path patterns (`:name` is one path segment), so the server answers an
// address that is no page with a real 404. Kept in step with src/web/app/paths.ts by
// test/web/web-pages.test.ts.
export const WEB_PAGES = [
  '/',
  '/dang-nhap',
  '/dang-ky',
  '/xac-nhan-dang-ky',
  '/quen-mat-khau',
  '/dat-lai-mat-khau',
  '/tai-khoan',
  '/thu-tuc',
  '/thu-tuc/:code',
  '/thu-tuc/:code/nop-truc-tuyen',
  '/tra-cuu',
  '/thong-ke',
  '/ho-so-cua-toi',
  '/ho-so-cua-toi/:id',
  '/lam-viec',
  '/lam-viec/ho-so',
  '/lam-viec/ho-so/:id',
  '/lam-viec/tim-ho-so',
  '/lam-viec/tiep-nhan-tai-quay',
  '/lam-viec/so-theo-doi',
  '/lam-viec/doi-soat-thanh-toan',
  '/lam-viec/thong-ke',
  '/quan-tri',
  '/quan-tri/nguoi-dung',
  '/quan-tri/nguoi-dung/:id',
  '/quan-tri/co-quan',
  '/quan-tri/vai-tro',
  '/quan-tri/don-vi-hanh-chinh',
  '/quan-tri/nhat-ky',
  '/quan-tri/thu-gui',
  '/quan-tri/thu-tuc',
  '/quan-tri/thu-tuc/:code',
  '/quan-tri/lich-lam-viec',
  '/quan-tri/mau-van-ban',
  '/quan-tri/dong-bo-dvcqg',
  '/quan-tri/ung-dung-lien-thong',
  '/quan-tri/khoa-open311',
  '/phan-anh',
  '/phan-anh/gui',
  '/phan-anh/:code',
  '/lam-viec/phan-anh',
  '/lam-viec/phan-anh/:code',
  '/lam-viec/hop',
  '/lam-viec/hop/:id',
  '/lam-viec/dieu-hanh',
  '/lam-viec/dieu-hanh/canh-bao',
  '/lam-viec/dieu-hanh/lanh-dao',
  '/lam-viec/dieu-hanh/lanh-dao/xa/:code',
  '/lam-viec/dieu-hanh/mang',
  '/lam-viec/dieu-hanh/dia-ban-cu',
  '/lam-viec/dieu-hanh/bang-dieu-hanh',
  '/lam-viec/cong-thong-tin',
  '/lam-viec/cong-thong-tin/:id/:lang',
] as const;

const patterns = WEB_PAGES.map(
  (page) => new RegExp(`^${page.replace(/:\w+/g, '[^/]+')}/?$`.replace('^//?$', '^/$')),
);

/** Whether a path (without query) is one of the web app's pages. */
export function isWebPage(path: string): boolean {
  return patterns.some((p) => p.test(path));
}
