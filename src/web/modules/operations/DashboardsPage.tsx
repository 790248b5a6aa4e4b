import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert.tsx';
import { Button } from '../../ui/Button.tsx';
import { CheckboxGroup } from '../../ui/ChoiceGroup.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import type { IndicatorTile } from './types.ts';

interface Dashboard {
  roleCode: string;
  indicatorCodes: string[];
  views: string[];
  rotateSeconds: number;
}

/** An administrator chooses, per role, the wall's indicators, the views that rotate and how fast. */
export function DashboardsPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['operations', 'dashboards'],
    queryFn: () =>
      api.get<{ roles: { code: string; name: string }[]; views: string[]; items: Dashboard[] }>(
        '/api/operations/dashboards',
      ),
  });
  const indicators = useQuery({
    queryKey: ['operations', 'indicators'],
    queryFn: () => api.get<{ items: IndicatorTile[] }>('/api/operations/indicators'),
  });
  const [role, setRole] = useState('');
  const [codes, setCodes] = useState<string[]>([]);
  const [views, setViews] = useState<string[]>([]);
  const [rotate, setRotate] = useState('0');
  const [saved, setSaved] = useState(false);
  const roles = list.data?.roles ?? [];
  const current = role || roles.find((r) => r.code === 'city_leader')?.code || roles[0]?.code || '';
  useEffect(() => {
    if (!list.data || !indicators.data || !current) return;
    const d = list.data.items.find((x) => x.roleCode === current);
    setCodes(d?.indicatorCodes ?? indicators.data.items.map((i) => i.code));
    setViews(d?.views ?? list.data.views);
    setRotate(String(d?.rotateSeconds ?? 0));
  }, [list.data, indicators.data, current]);
  const save = useMutation({
    mutationFn: () =>
      api.put(`/api/operations/dashboards/${current}`, {
        indicatorCodes: codes,
        views,
        rotateSeconds: Number(rotate),
      }),
    onSuccess: () => {
      setSaved(true);
      void client.invalidateQueries({ queryKey: ['operations'] });
    },
  });
  return (
    <>
      <PageHeader title={t('ops.dash.title')} lead={t('ops.dash.lead')} />
      <QueryState query={list}>
        {(data) => (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setSaved(false);
              save.mutate();
            }}
          >
            {save.error ? <ApiErrorAlert error={save.error} /> : null}
            {saved ? (
              <p role="status" className="alert alert-success">
                {t('ops.dash.saved', { role: roles.find((r) => r.code === current)?.name ?? current })}
              </p>
            ) : null}
            <SelectField
              id="ops-dash-role"
              label={t('ops.dash.role')}
              value={current}
              onChange={(e) => {
                setSaved(false);
                setRole(e.target.value);
              }}
            >
              {data.roles.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                  {data.items.some((d) => d.roleCode === r.code) ? ` — ${t('ops.dash.has_own')}` : ''}
                </option>
              ))}
            </SelectField>
            <CheckboxGroup
              id="ops-dash-views"
              legend={t('ops.dash.views')}
              value={views}
              onChange={setViews}
              options={data.views.map((v) => ({ value: v, label: t(`ops.dash.view.${v}`) }))}
            />
            <TextField
              id="ops-dash-rotate"
              type="number"
              min={0}
              max={3600}
              label={t('ops.dash.rotate')}
              hint={t('ops.dash.rotate_hint')}
              value={rotate}
              onChange={(e) => setRotate(e.target.value)}
            />
            <CheckboxGroup
              id="ops-dash-indicators"
              legend={t('ops.dash.indicators')}
              value={codes}
              onChange={setCodes}
              options={(indicators.data?.items ?? []).map((i) => ({
                value: i.code,
                label: i18n.language === 'en' ? i.nameEn : i.name,
              }))}
            />
            <Button type="submit" busy={save.isPending}>
              {t('ops.dash.save')}
            </Button>
          </form>
        )}
      </QueryState>
    </>
  );
}
