import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.ts';
import type { AuditEntry } from '../../../app/types.ts';
import { Button } from '../../../ui/Button.tsx';
import { DateField } from '../../../ui/DateField.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { keys } from '../queries.ts';
import { knownActions } from './actions.ts';
import { AuditTable } from './AuditTable.tsx';

interface Filter {
  action: string;
  dossier: string;
  q: string;
  targetType: string;
  targetId: string;
  from: string;
  to: string;
}
const NO_FILTER: Filter = {
  action: '',
  dossier: '',
  q: '',
  targetType: '',
  targetId: '',
  from: '',
  to: '',
};
const LIMIT = 50;

/** Dates are picked in Vietnam's calendar: a day runs from 00:00 to 24:00 at +07:00. */
const dayStart = (date: string) => (date ? `${date}T00:00:00+07:00` : undefined);
const dayEnd = (date: string) => (date ? `${date}T23:59:59.999+07:00` : undefined);

export function AuditPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filter>(NO_FILTER);
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  // Keyset paging: the cursors of the pages visited, newest first.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors[cursors.length - 1];
  const query = useQuery({
    queryKey: [...keys.audit, filter, before],
    queryFn: () =>
      api.get<{ items: AuditEntry[]; nextBefore: number | null }>('/api/admin/audit', {
        action: filter.action,
        dossier: filter.dossier.trim() || undefined,
        q: filter.q,
        targetType: filter.targetType,
        targetId: filter.targetId,
        from: dayStart(filter.from),
        to: dayEnd(filter.to),
        before,
        limit: LIMIT,
      }),
    placeholderData: keepPreviousData,
  });

  function apply(e: FormEvent) {
    e.preventDefault();
    setFilter(draft);
    setCursors([undefined]);
  }

  const field = (name: keyof Filter, label: string) => (
    <TextField
      id={`audit-${name}`}
      label={label}
      value={draft[name]}
      onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      spellCheck={false}
    />
  );

  return (
    <>
      <PageHeader title={t('audit.title')} lead={t('audit.lead')} />
      <search>
        <form className="filter-bar" aria-label={t('audit.filter')} onSubmit={apply}>
          <SelectField
            id="audit-action"
            label={t('audit.action')}
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          >
            <option value="">{t('audit.action.any')}</option>
            {knownActions().map((group) => (
              <optgroup
                key={group.prefix}
                label={t(`audit.group.${group.prefix}`, { defaultValue: group.prefix })}
              >
                <option value={group.prefix}>
                  {t('audit.all_in_group', {
                    group: t(`audit.group.${group.prefix}`, { defaultValue: group.prefix }),
                  })}
                </option>
                {group.actions.map((action) => (
                  <option key={action} value={action}>
                    {t(`audit.action.${action}`)}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
          {field('dossier', t('audit.dossier'))}
          {field('q', t('audit.actor'))}
          {field('targetType', t('audit.target_type'))}
          {field('targetId', t('audit.target_id'))}
          <DateField
            id="audit-from"
            label={t('audit.from')}
            value={draft.from}
            onValue={(from) => setDraft({ ...draft, from })}
            fieldClassName="field-date"
          />
          <DateField
            id="audit-to"
            label={t('audit.to')}
            value={draft.to}
            onValue={(to) => setDraft({ ...draft, to })}
            fieldClassName="field-date"
          />
          <div className="filter-actions">
            <Button type="submit">{t('common.filter')}</Button>
            <Button
              variant="quiet"
              onClick={() => {
                setDraft(NO_FILTER);
                setFilter(NO_FILTER);
                setCursors([undefined]);
              }}
            >
              {t('common.clear')}
            </Button>
          </div>
        </form>
      </search>
      <QueryState query={query}>
        {(data) => (
          <>
            {data.items.length === 0 ? (
              <EmptyState title={t('audit.none')} />
            ) : (
              <AuditTable entries={data.items} />
            )}
            <nav className="pager" aria-label={t('pager.label')}>
              <Button
                variant="secondary"
                small
                disabled={cursors.length <= 1}
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                {t('audit.newer')}
              </Button>
              <span>{t('audit.page', { page: cursors.length })}</span>
              <Button
                variant="secondary"
                small
                disabled={data.nextBefore === null}
                onClick={() =>
                  data.nextBefore !== null && setCursors((c) => [...c, data.nextBefore ?? undefined])
                }
              >
                {t('audit.older')}
              </Button>
            </nav>
          </>
        )}
      </QueryState>
    </>
  );
}
