// The portal's languages: Vietnamese and English everywhere; Japanese, Korean and Chinese for the
// investment section (Bình Dương's portal has carried all five since 2023).
export const PORTAL_LANGS = ['vi', 'en', 'ja', 'ko', 'zh'] as const;
export type PortalLang = (typeof PORTAL_LANGS)[number];
/** Languages every page of the portal is offered in. */
export const FULL_LANGS: readonly PortalLang[] = ['vi', 'en'];

export const isPortalLang = (s: string): s is PortalLang => (PORTAL_LANGS as readonly string[]).includes(s);

/** BCP 47 tags for hreflang and the html lang attribute. */
export const LANG_TAGS: Record<PortalLang, string> = {
  vi: 'vi-VN',
  en: 'en',
  ja: 'ja',
  ko: 'ko',
  zh: 'zh-Hans',
};

/** Each language's own name, for the switch. */
export const LANG_NAMES: Record<PortalLang, string> = {
  vi: 'Tiếng Việt',
  en: 'English',
  ja: '日本語',
  ko: '한국어',
  zh: '中文',
};
