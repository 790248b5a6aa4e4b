import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { paths } from '../../../app/paths.ts';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { TextField } from '../../../ui/Field.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { ServiceLevelBadge } from '../labels.tsx';
import { useProcedures } from './queries.ts';

/** Finds a procedure by words of its name, with or without diacritics. */
export function ProcedureSearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const query = useProcedures(q);

  function search(e: FormEvent) {
    e.preventDefault();
    setParams(draft.trim() ? { q: draft.trim() } : {});
  }

  return (
    <>
      <PageHeader title={t('procedures.title')} lead={t('procedures.lead')} />
      <search>
        <form className="filter-bar" onSubmit={search} aria-label={t('procedures.search_label')}>
          <TextField
            id="procedure-q"
            type="search"
            label={t('procedures.search')}
            hint={t('procedures.search_hint')}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            fieldClassName="field-grow"
          />
          <div className="filter-actions">
            <Button type="submit">{t('common.search')}</Button>
          </div>
        </form>
      </search>
      <QueryState query={query}>
        {(data) => (
          <>
            <p className="result-count" role="status">
              {q
                ? t('procedures.count_for', { count: data.items.length, q })
                : t('procedures.count', { count: data.items.length })}
            </p>
            {data.items.length === 0 ? (
              <EmptyState title={t('procedures.none')}>
                <p>{t('procedures.none_text')}</p>
              </EmptyState>
            ) : (
              <ul className="procedure-list">
                {data.items.map((p) => (
                  <li key={p.code} className="procedure-card">
                    <h2 className="procedure-card-title">
                      <Link to={paths.procedure(p.code)}>{p.name}</Link>
                    </h2>
                    <dl className="procedure-meta">
                      <div>
                        <dt>{t('procedure.code')}</dt>
                        <dd>
                          <code>{p.code}</code>
                        </dd>
                      </div>
                      <div>
                        <dt>{t('procedure.sector')}</dt>
                        <dd>{p.sectorName}</dd>
                      </div>
                      <div>
                        <dt>{t('procedure.service_level')}</dt>
                        <dd>
                          <ServiceLevelBadge level={p.serviceLevel} />
                        </dd>
                      </div>
                      <div className="procedure-meta-wide">
                        <dt>{t('procedure.time_limit')}</dt>
                        <dd>{p.timeLimitText}</dd>
                      </div>
                    </dl>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
