import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { Alert } from '../../ui/Alert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { useAuth } from '../auth.tsx';
import { boot } from '../boot.ts';
import { currentLanguage } from '../i18n.ts';
import { useLiveEvents } from '../live.ts';
import { PageAnnouncer } from '../page-title.tsx';
import { paths } from '../paths.ts';
import { AccountMenu } from './AccountMenu.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { MainNav } from './MainNav.tsx';
import { unitName, useProvince } from './useProvince.ts';

/** The frame of every page: skip link, header, navigation, demo banner, main, footer. */
export function Shell() {
  const { t } = useTranslation();
  const { session, user, loading } = useAuth();
  const province = useProvince(!boot);
  const lang = currentLanguage();
  // The server wrote the place and the banner into the page: the first render shows them where they
  // already are, so nothing moves when the session and the units arrive.
  const place = boot
    ? ((lang === 'en' ? boot.provinceNameEn : null) ?? boot.provinceName)
    : province && unitName(province);
  const demo = boot?.demo || session?.demo;
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useLiveEvents(!!user);

  // After a navigation, start reading and tabbing from the new page's content.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the page (path) changes
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);

  return (
    <PageAnnouncer>
      <a className="skip-link" href="#main">
        {t('a11y.skip_to_main')}
      </a>
      <header className="app-header">
        <div className="header-inner">
          <Link to={paths.home} className="brand">
            <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <rect width="32" height="32" rx="6" />
              <path d="M16 6l2.6 6.4 6.9.4-5.3 4.4 1.7 6.7L16 20.2l-5.9 3.7 1.7-6.7-5.3-4.4 6.9-.4z" />
            </svg>
            <span className="brand-text">
              <span className="brand-name" lang="vi">
                CQS — Chính quyền số
              </span>
              {place ? <span className="brand-place">{place}</span> : null}
            </span>
          </Link>
          <div className="header-tools">
            <LanguageSwitch />
            <AccountMenu />
          </div>
        </div>
      </header>
      <div className="nav-bar">
        <MainNav />
      </div>
      {demo ? (
        <aside className="demo-banner" aria-label={t('demo.label')}>
          <strong>{t('demo.banner')}</strong>
        </aside>
      ) : null}
      <main id="main" className="app-main" tabIndex={-1} ref={mainRef}>
        {!loading && !session ? (
          <Alert kind="error" title={t('error.no_server_title')}>
            <p>{t('error.no_server')}</p>
          </Alert>
        ) : null}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="app-footer">
        <div className="footer-inner">
          <p>
            <span lang="vi">CQS — Chính quyền số</span> · {t('footer.license')}
          </p>
          <p>
            <a href="/api/docs">{t('footer.api_docs')}</a>
          </p>
        </div>
      </footer>
    </PageAnnouncer>
  );
}
