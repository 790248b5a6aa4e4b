import { useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../../app/api.ts';
import { codeFromSlug, paths } from '../../../app/paths.ts';
import { Alert } from '../../../ui/Alert.tsx';
import { Button } from '../../../ui/Button.tsx';
import { FieldShell } from '../../../ui/Field.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { Section } from '../../../ui/Section.tsx';
import { Table } from '../../../ui/Table.tsx';
import type { Definition } from '../../services/types.ts';
import { WorkflowDiagram } from '../../services/workflow/WorkflowDiagram.tsx';
import { useActiveAgencies } from '../queries.ts';
import { type Published, ProcedureEditor } from './ProcedureEditor.tsx';
import { exportHref, useVersion, useVersions, type Versions } from './queries.ts';

/** One procedure for its administrator: versions, the diagram of a version, and the editor. */
export function ProcedureAdminPage({ importing }: { importing?: boolean }) {
  return importing ? <ImportProcedure /> : <EditProcedure />;
}

function usePublished() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return async (result: Published) => {
    await client.invalidateQueries({ queryKey: ['services'] });
    navigate(paths.adminProcedure(result.code), { state: { published: result } });
  };
}

function EditProcedure() {
  const { t } = useTranslation();
  const code = codeFromSlug(useParams().code);
  const versions = useVersions(code);
  const latest = versions.data?.versions[0]?.version;
  const [chosen, setChosen] = useState<number | undefined>();
  const shown = chosen ?? latest;
  const current = useVersion(code, latest);
  const viewed = useVersion(code, shown);
  const published = (useLocation().state as { published?: Published } | null)?.published;
  const onPublished = usePublished();
  const agencies = useActiveAgencies();
  const agencyName = (c: string) => agencies.data?.items.find((a) => a.code === c)?.name;

  return (
    <QueryState query={current}>
      {(latestVersion) => (
        <>
          <PageHeader
            title={latestVersion.definition.name}
            lead={t('admin_procedures.page_lead', { code: latestVersion.definition.code })}
            actions={
              <Link to={paths.adminProcedures} className="back-link">
                {t('admin_procedures.back')}
              </Link>
            }
          />
          {published && published.code === code ? (
            <Alert kind="success" live>
              {t('admin_procedures.published', {
                version: published.version,
                date: formatDateTime(published.effectiveFrom),
              })}
            </Alert>
          ) : null}
          <Section title={t('admin_procedures.versions_title')}>
            <VersionsTable
              data={versions.data}
              code={code ?? ''}
              shown={shown}
              onShow={(v) => setChosen(v)}
            />
          </Section>
          <Section title={t('admin_procedures.diagram_title', { version: shown })}>
            <QueryState query={viewed}>
              {(v) => (
                <WorkflowDiagram
                  workflow={v.definition.workflow}
                  agencyName={agencyName}
                  caption={t('admin_procedures.diagram_caption', {
                    name: v.definition.name,
                    version: v.version,
                  })}
                />
              )}
            </QueryState>
          </Section>
          <Section title={t('admin_procedures.edit_title', { version: latestVersion.version })}>
            <p className="muted">{t('admin_procedures.edit_lead')}</p>
            <ProcedureEditor
              key={latestVersion.version}
              definition={latestVersion.definition}
              existing
              agencies={versions.data?.agencies ?? []}
              onPublished={onPublished}
            />
          </Section>
        </>
      )}
    </QueryState>
  );
}

function VersionsTable({
  data,
  code,
  shown,
  onShow,
}: {
  data: Versions | undefined;
  code: string;
  shown: number | undefined;
  onShow: (version: number) => void;
}) {
  const { t } = useTranslation();
  if (!data) return null;
  return (
    <Table
      caption={t('admin_procedures.versions_title')}
      captionHidden
      rows={data.versions}
      rowKey={(v) => String(v.version)}
      rowClassName={(v) => (v.version === shown ? 'row-selected' : undefined)}
      columns={[
        {
          key: 'version',
          header: t('admin_procedures.version'),
          rowHeader: true,
          cell: (v) => t('admin_procedures.version_n', { version: v.version }),
        },
        {
          key: 'from',
          header: t('admin_procedures.effective_from'),
          cell: (v) => formatDateTime(v.effectiveFrom),
        },
        {
          key: 'state',
          header: t('admin_procedures.version_state'),
          cell: (v) => t(`admin_procedures.version_state_${v.state}`),
        },
        {
          key: 'created',
          header: t('admin_procedures.created_at'),
          cell: (v) => formatDateTime(v.createdAt),
        },
        {
          key: 'actions',
          header: <span className="visually-hidden">{t('common.actions')}</span>,
          cell: (v) => (
            <div className="button-row">
              <Button
                variant="secondary"
                small
                onClick={() => onShow(v.version)}
                aria-pressed={v.version === shown}
                aria-label={t('admin_procedures.show_diagram_named', { version: v.version })}
              >
                {t('admin_procedures.show_diagram')}
              </Button>
              <a
                className="btn btn-quiet btn-small"
                href={exportHref(code, v.version)}
                download
                aria-label={t('admin_procedures.export_named', { version: v.version })}
              >
                {t('admin_procedures.export')}
              </a>
            </div>
          ),
        },
      ]}
    />
  );
}

/** Import: a JSON file (an export of this or another system) opens in the editor, to check and publish. */
function ImportProcedure() {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<{ definition: Definition; existing: Versions | null } | null>(null);
  const [error, setError] = useState<string | undefined>();
  const onPublished = usePublished();

  async function read(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    setLoaded(null);
    setError(undefined);
    if (!file) return;
    let value: unknown;
    try {
      value = JSON.parse(await file.text());
    } catch (err) {
      setError(t('admin_procedures.json_error', { detail: (err as Error).message }));
      return;
    }
    const definition = (
      value && typeof value === 'object' && 'definition' in value ? value.definition : value
    ) as Definition;
    if (!definition || typeof definition !== 'object' || typeof definition.code !== 'string') {
      setError(t('admin_procedures.import_not_procedure'));
      return;
    }
    let existing: Versions | null = null;
    try {
      existing = await api.get<Versions>(
        `/api/admin/procedures/${encodeURIComponent(definition.code)}/versions`,
      );
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) {
        setError(err instanceof ApiError ? err.message : t('error.network'));
        return;
      }
    }
    setLoaded({ definition, existing });
  }

  return (
    <>
      <PageHeader
        title={t('admin_procedures.import_title')}
        lead={t('admin_procedures.import_lead')}
        actions={
          <Link to={paths.adminProcedures} className="back-link">
            {t('admin_procedures.back')}
          </Link>
        }
      />
      <Section title={t('admin_procedures.import_file_title')}>
        <FieldShell
          id="procedure-file"
          label={t('admin_procedures.import_file')}
          hint={t('admin_procedures.import_hint')}
          error={error}
        >
          <input
            id="procedure-file"
            type="file"
            accept="application/json,.json"
            className="input"
            onChange={read}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'procedure-file-hint procedure-file-error' : 'procedure-file-hint'}
          />
        </FieldShell>
        {loaded ? (
          <Alert kind="info" live>
            {loaded.existing
              ? t('admin_procedures.import_existing', {
                  code: loaded.definition.code,
                  version: loaded.existing.versions[0]?.version ?? 0,
                })
              : t('admin_procedures.import_new', { code: loaded.definition.code })}
          </Alert>
        ) : null}
      </Section>
      {loaded ? (
        <Section title={t('admin_procedures.import_review')}>
          <ProcedureEditor
            key={loaded.definition.code}
            definition={loaded.definition}
            existing={!!loaded.existing}
            agencies={loaded.existing?.agencies ?? []}
            onPublished={onPublished}
          />
        </Section>
      ) : null}
    </>
  );
}
