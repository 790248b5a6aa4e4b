import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.ts';
import { localName } from '../../../app/names.ts';
import { useProvinceUnits } from '../../../app/shell/useProvince.ts';
import type { Agency, Unit } from '../../../app/types.ts';
import { Alert } from '../../../ui/Alert.tsx';
import { ApiErrorAlert } from '../../../ui/ApiErrorAlert.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Checkbox } from '../../../ui/Field.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { Section } from '../../../ui/Section.tsx';
import { useAdminAgencies } from '../queries.ts';
import { AgencyDetails } from './AgencyDetails.tsx';
import { AgencyForm } from './AgencyForm.tsx';
import { AgencyTree } from './AgencyTree.tsx';
import { buildAgencyTree, subtreeIds } from './tree.ts';

type Mode = 'view' | 'create' | 'edit';

export function AgenciesPage() {
  const { t } = useTranslation();
  const query = useAdminAgencies();
  return (
    <>
      <PageHeader title={t('agencies.title')} lead={t('agencies.lead')} />
      <QueryState query={query}>{(data) => <AgenciesWorkspace agencies={data.items} />}</QueryState>
    </>
  );
}

function AgenciesWorkspace({ agencies }: { agencies: Agency[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const place = useProvinceUnits().data;
  const [showInactive, setShowInactive] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('view');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const visible = useMemo(() => agencies.filter((a) => showInactive || a.active), [agencies, showInactive]);
  const roots = useMemo(() => buildAgencyTree(visible), [visible]);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(roots.map((r) => r.agency.id)));
  const selected = agencies.find((a) => a.id === selectedId) ?? null;
  const units: Unit[] = place ? [...(place.province ? [place.province] : []), ...place.communes] : [];
  const inactiveCount = agencies.filter((a) => !a.active).length;

  const toggle = (id: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  function select(id: string) {
    setSelectedId(id);
    setMode('view');
    setNotice(null);
    setError(null);
  }

  async function saved(agency: Agency, message: string) {
    await client.invalidateQueries({ queryKey: ['identity', 'agencies'] });
    if (agency.parentId) setExpanded((prev) => new Set(prev).add(agency.parentId as string));
    setSelectedId(agency.id);
    setMode('view');
    setNotice(message);
  }

  async function setActive(agency: Agency, active: boolean) {
    setError(null);
    try {
      const result = await api.patch<Agency>(`/api/admin/agencies/${agency.id}`, { active });
      await saved(result, active ? t('agencies.reactivated') : t('agencies.deactivated'));
    } catch (err) {
      setError(err);
    }
  }

  const panelTitle =
    mode === 'create'
      ? t('agencies.create_title')
      : mode === 'edit'
        ? t('agencies.edit_title')
        : t('agencies.details');

  return (
    <div className="split">
      <Section
        title={t('agencies.tree')}
        actions={
          <Checkbox
            id="agencies-inactive"
            label={t('agencies.show_inactive', { count: inactiveCount })}
            checked={showInactive}
            onChange={(e) => setShowInactive(e.target.checked)}
          />
        }
      >
        <AgencyTree
          roots={roots}
          expanded={expanded}
          onToggle={toggle}
          selectedId={selectedId}
          onSelect={select}
        />
      </Section>
      <Section title={panelTitle} className="split-aside">
        {notice ? (
          <Alert kind="success" live>
            {notice}
          </Alert>
        ) : null}
        {error ? <ApiErrorAlert error={error} /> : null}
        {!selected ? (
          <p className="muted">{t('agencies.select_hint')}</p>
        ) : mode === 'view' ? (
          <>
            <AgencyDetails
              agency={selected}
              parent={agencies.find((a) => a.id === selected.parentId) ?? null}
            />
            <div className="button-row">
              {selected.active ? (
                <Button onClick={() => setMode('create')}>{t('agencies.add_child')}</Button>
              ) : null}
              <Button variant="secondary" onClick={() => setMode('edit')}>
                {t('common.edit')}
              </Button>
              {selected.parentId ? (
                <Button
                  variant={selected.active ? 'danger' : 'secondary'}
                  onClick={() => void setActive(selected, !selected.active)}
                >
                  {selected.active ? t('agencies.deactivate') : t('agencies.reactivate')}
                </Button>
              ) : null}
            </div>
          </>
        ) : (
          <AgencyForm
            key={`${mode}:${selected.id}`}
            mode={mode}
            agency={selected}
            agencies={agencies.filter((a) => a.active)}
            excludeParents={subtreeIds(buildAgencyTree(agencies), selected.id)}
            units={units}
            onCancel={() => setMode('view')}
            onDone={(agency) =>
              void saved(
                agency,
                mode === 'create' ? t('agencies.created', { name: localName(agency) }) : t('agencies.saved'),
              )
            }
          />
        )}
      </Section>
    </div>
  );
}
