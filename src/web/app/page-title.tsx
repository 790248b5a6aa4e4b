import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const AnnounceContext = createContext<(text: string) => void>(() => {});

/** Holds the polite live region that tells screen-reader users which page they are on. */
export function PageAnnouncer({ children }: { children: ReactNode }) {
  const [text, setText] = useState('');
  return (
    <AnnounceContext.Provider value={setText}>
      {children}
      <p
        className="visually-hidden"
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-testid="route-announcer"
      >
        {text}
      </p>
    </AnnounceContext.Provider>
  );
}

/** Sets document.title ("Page · CQS — Chính quyền số") and announces the page. */
export function usePageTitle(title: string) {
  const { t } = useTranslation();
  const announce = useContext(AnnounceContext);
  const suffix = t('app.name');
  useEffect(() => {
    document.title = title === suffix ? title : `${title} · ${suffix}`;
    announce(title);
  }, [title, suffix, announce]);
}
