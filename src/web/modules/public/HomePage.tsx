import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import { boot } from '../../app/boot.ts';
import { useAuth } from '../../app/auth.tsx';
import { homeOf } from '../../app/guards.tsx';
import { paths } from '../../app/paths.ts';
import { ButtonLink } from '../../ui/Button.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { localized } from '../services/labels.tsx';
import type { ProcedureItem } from '../services/types.ts';

/**
 * The front page serves citizens first: find a procedure, the procedures most asked for, track a
 * dossier, their own dossiers. It shows only what this deployment offers today.
 */
export function HomePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const searchId = useId();
  const trackId = useId();
  const [q, setQ] = useState('');
  const [code, setCode] = useState('');
  const preloaded = boot?.preload?.popularProcedures as ProcedureItem[] | undefined;
  const popular = useQuery({
    queryKey: ['services', 'procedures', 'popular'],
    queryFn: () => api.get<{ items: ProcedureItem[] }>('/api/procedures', { sort: 'popular' }),
    // The server put the list in the first HTML: shown at once, nothing shifts (issue 11, item 21).
    initialData: preloaded ? { items: preloaded } : undefined,
    staleTime: 10 * 60_000,
  });

  function search(e: FormEvent) {
    e.preventDefault();
    navigate(q.trim() ? `${paths.procedures}?q=${encodeURIComponent(q.trim())}` : paths.procedures);
  }
  function track(e: FormEvent) {
    e.preventDefault();
    navigate(code.trim() ? `${paths.tracking}?ma=${encodeURIComponent(code.trim())}` : paths.tracking);
  }

  return (
    <>
      <PageHeader title={t('home.citizen_title')} lead={t('home.citizen_lead')} />
      <search className="home-search">
        <form onSubmit={search} aria-label={t('procedures.search_label')}>
          <label htmlFor={searchId} className="field-label">
            {t('home.search_label')}
          </label>
          <div className="inline-form">
            <input
              id={searchId}
              type="search"
              className="input"
              value={q}
              placeholder={t('home.search_placeholder')}
              onChange={(e) => setQ(e.target.value)}
            />
            <button type="submit" className="btn btn-primary">
              {t('common.search')}
            </button>
          </div>
        </form>
      </search>
      <div className="home-grid">
        <section className="panel" aria-labelledby="home-popular">
          <div className="panel-header">
            <h2 id="home-popular">{t('home.popular_title')}</h2>
          </div>
          <div className="panel-body">
            {popular.data?.items.length ? (
              <ul className="link-list">
                {popular.data.items.map((p) => (
                  <li key={p.code}>
                    <Link to={paths.procedure(p.code)}>{localized(p)}</Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{popular.isPending ? t('common.loading') : t('procedures.none')}</p>
            )}
            <p>
              <Link to={paths.procedures}>{t('home.all_procedures')}</Link>
            </p>
          </div>
        </section>
        <div className="home-side">
          <section className="panel" aria-labelledby="home-track">
            <div className="panel-header">
              <h2 id="home-track">{t('home.track_title')}</h2>
            </div>
            <div className="panel-body">
              <form onSubmit={track}>
                <label htmlFor={trackId} className="field-label">
                  {t('home.track_label')}
                </label>
                <div className="inline-form">
                  <input
                    id={trackId}
                    className="input"
                    value={code}
                    autoComplete="off"
                    onChange={(e) => setCode(e.target.value)}
                  />
                  <button type="submit" className="btn btn-secondary">
                    {t('home.track_go')}
                  </button>
                </div>
              </form>
            </div>
          </section>
          <section className="panel home-intro" aria-labelledby="home-start">
            <div className="panel-body">
              <h2 id="home-start">
                {user ? t('home.welcome_back', { name: user.fullName }) : t('home.my_dossiers_title')}
              </h2>
              {!user ? (
                <>
                  <p>{t('home.my_dossiers_text')}</p>
                  <div className="button-row">
                    <ButtonLink to={paths.login}>{t('nav.login')}</ButtonLink>
                    <ButtonLink to={paths.register} variant="secondary">
                      {t('home.register_citizen')}
                    </ButtonLink>
                  </div>
                </>
              ) : user.kind === 'citizen' ? (
                <div className="button-row">
                  <ButtonLink to={paths.myDossiers}>{t('nav.my_dossiers')}</ButtonLink>
                </div>
              ) : (
                <div className="button-row">
                  <ButtonLink to={homeOf(user)}>{t('home.open_workspace')}</ButtonLink>
                </div>
              )}
              <p className="small">
                <Link to={paths.publicStatistics}>{t('home.public_stats')}</Link>
              </p>
            </div>
          </section>
        </div>
      </div>
    </>
  );
}
