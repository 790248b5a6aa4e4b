import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useAuth } from '../../../app/auth.tsx';
import { codeFromSlug, paths } from '../../../app/paths.ts';
import { ButtonLink } from '../../../ui/Button.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { Section } from '../../../ui/Section.tsx';
import { Table } from '../../../ui/Table.tsx';
import { formatMoney, localized, ServiceLevelBadge } from '../labels.tsx';
import type { ProcedureDetail } from '../types.ts';
import { isOneStopOfficer } from '../roles.ts';
import { WorkflowDiagram } from '../workflow/WorkflowDiagram.tsx';
import { useActiveAgencies } from '../../admin/queries.ts';
import { useProcedure } from './queries.ts';

/** A procedure as published: the seven mandatory parts, fees, result and legal basis. */
export function ProcedurePage() {
  const code = codeFromSlug(useParams().code);
  const query = useProcedure(code);
  return <QueryState query={query}>{(p) => <ProcedureView procedure={p} />}</QueryState>;
}

function Part({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <Section
      title={
        <>
          <span className="part-number" aria-hidden="true">
            {n}
          </span>
          {title}
        </>
      }
    >
      {children}
    </Section>
  );
}

function ProcedureView({ procedure }: { procedure: ProcedureDetail }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const def = procedure.definition;
  const online = def.methods.includes('online');
  const limit = (l: { value: number; unit: string }) =>
    l.unit === 'same_day' || l.unit === 'none'
      ? t(`limit.${l.unit}`)
      : t(`limit.${l.unit}`, { count: l.value });
  return (
    <>
      <PageHeader title={localized(def)} lead={t('procedure.lead', { code: def.code })} />
      <div className="split split-sidebar procedure-layout">
        <aside className="split-aside stack procedure-aside" aria-label={t('procedure.aside')}>
          <section className="panel action-box" aria-labelledby="procedure-submit">
            <div className="panel-body">
              <h2 id="procedure-submit">{t('procedure.how_to_submit')}</h2>
              {online && user?.kind !== 'official' ? (
                <>
                  <ButtonLink to={paths.submitOnline(def.code)} className="btn-block">
                    {t('procedure.submit_online')}
                  </ButtonLink>
                  {!user ? <p className="small muted">{t('procedure.login_needed')}</p> : null}
                </>
              ) : null}
              {!online ? <p>{t('procedure.not_online')}</p> : null}
              <dl className="facts">
                <div>
                  <dt>{t('procedure.part.time_limit')}</dt>
                  <dd>{limit(def.timeLimit.online ?? def.timeLimit.default)}</dd>
                </div>
                <div>
                  <dt>{t('procedure.fees')}</dt>
                  <dd>
                    {def.fees.length === 0
                      ? t('procedure.no_fees')
                      : def.fees.map((f) => (
                          <span key={f.code} className="cell-sub">
                            {f.name}: <span className="nowrap">{formatMoney(f.amount)}</span>
                          </span>
                        ))}
                  </dd>
                </div>
                <div>
                  <dt>{t('procedure.code')}</dt>
                  <dd>
                    <code>{def.code}</code>
                  </dd>
                </div>
                <div>
                  <dt>{t('procedure.sector')}</dt>
                  <dd>{localized(def.sector)}</dd>
                </div>
                <div>
                  <dt>{t('procedure.service_level')}</dt>
                  <dd>
                    <ServiceLevelBadge level={def.serviceLevel} />
                  </dd>
                </div>
                <div>
                  <dt>{t('procedure.version')}</dt>
                  <dd>
                    {t('procedure.version_value', {
                      version: procedure.version,
                      from: formatDateTime(procedure.effectiveFrom).slice(0, 10),
                    })}
                  </dd>
                </div>
              </dl>
              {user && isOneStopOfficer(user) ? (
                <ButtonLink
                  to={`${paths.counterIntake}?thu-tuc=${encodeURIComponent(def.code)}`}
                  variant="secondary"
                  className="btn-block"
                >
                  {t('procedure.counter_intake')}
                </ButtonLink>
              ) : null}
            </div>
          </section>
        </aside>
        <div className="stack procedure-parts">
          <Part n={1} title={t('procedure.part.name')}>
            <p className="procedure-name">{def.name}</p>
            {def.nameEn ? (
              <p className="muted small" lang="en">
                {def.nameEn}
              </p>
            ) : null}
          </Part>
          <Part n={2} title={t('procedure.part.steps')}>
            <ol className="numbered">
              {def.steps.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ol>
          </Part>
          <Part n={3} title={t('procedure.part.methods')}>
            <ul className="inline-list">
              {def.methods.map((m) => (
                <li key={m}>{t(`method.${m}`)}</li>
              ))}
            </ul>
            {def.methodsText ? <p>{def.methodsText}</p> : null}
          </Part>
          <Part n={4} title={t('procedure.part.components')}>
            {def.components.length === 0 ? (
              <p>{t('procedure.no_components')}</p>
            ) : (
              <Table
                caption={t('procedure.components_caption')}
                captionHidden
                rows={def.components}
                rowKey={(c) => c.key}
                columns={[
                  {
                    key: 'name',
                    header: t('component.name'),
                    rowHeader: true,
                    cell: (c) => (
                      <>
                        {localized(c)}
                        {c.note ? <span className="cell-sub">{c.note}</span> : null}
                      </>
                    ),
                  },
                  {
                    key: 'originals',
                    header: t('component.originals'),
                    align: 'end',
                    cell: (c) => c.originals,
                  },
                  { key: 'copies', header: t('component.copies'), align: 'end', cell: (c) => c.copies },
                  {
                    key: 'required',
                    header: t('component.required'),
                    cell: (c) => (c.required ? t('common.yes') : t('component.when_applicable')),
                  },
                ]}
              />
            )}
          </Part>
          <Part n={5} title={t('procedure.part.time_limit')}>
            <p>{def.timeLimitText}</p>
            <dl className="facts">
              <div>
                <dt>{t('procedure.limit_default')}</dt>
                <dd>{limit(def.timeLimit.default)}</dd>
              </div>
              {def.timeLimit.online ? (
                <div>
                  <dt>{t('procedure.limit_online')}</dt>
                  <dd>{limit(def.timeLimit.online)}</dd>
                </div>
              ) : null}
              {def.timeLimit.counter ? (
                <div>
                  <dt>{t('procedure.limit_counter')}</dt>
                  <dd>{limit(def.timeLimit.counter)}</dd>
                </div>
              ) : null}
            </dl>
          </Part>
          <Part n={6} title={t('procedure.part.applicants')}>
            <ul className="inline-list">
              {def.applicantTypes.map((a) => (
                <li key={a}>{t(`applicant.type.${a}`)}</li>
              ))}
            </ul>
          </Part>
          <Part n={7} title={t('procedure.part.agency')}>
            <p>{def.implementingAgencyText}</p>
            {procedure.offeredBy.length ? (
              <details className="offered-by">
                <summary>{t('procedure.offered_by', { count: procedure.offeredBy.length })}</summary>
                <ul className="columns-list">
                  {procedure.offeredBy.map((a) => (
                    <li key={a.id}>{a.name}</li>
                  ))}
                </ul>
              </details>
            ) : null}
          </Part>
          <Section title={t('procedure.fees')}>
            {def.fees.length === 0 ? (
              <p>{t('procedure.no_fees')}</p>
            ) : (
              <Table
                caption={t('procedure.fees')}
                captionHidden
                stacked
                rows={def.fees}
                rowKey={(f) => f.code}
                columns={[
                  {
                    key: 'name',
                    header: t('fee.name'),
                    rowHeader: true,
                    cell: (f) => (
                      <>
                        {f.name}
                        {f.note ? <span className="cell-sub">{f.note}</span> : null}
                      </>
                    ),
                  },
                  { key: 'kind', header: t('fee.kind'), cell: (f) => t(`fee.kind.${f.kind}`) },
                  {
                    key: 'amount',
                    header: t('fee.amount'),
                    align: 'end',
                    cell: (f) => <span className="nowrap">{formatMoney(f.amount)}</span>,
                  },
                ]}
              />
            )}
          </Section>
          <Section title={t('procedure.result')}>
            <p>{def.result.name}</p>
            <p className="muted small">{t(`result_type.${def.result.type}`)}</p>
          </Section>
          <Section title={t('procedure.legal_basis')}>
            <ul className="plain-list">
              {def.legalBasis.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          </Section>
          {user?.kind === 'official' ? (
            <Section title={t('procedure.workflow')}>
              <OfficialWorkflow definition={def} />
            </Section>
          ) : null}
        </div>
      </div>
    </>
  );
}

/** Officers read the internal workflow; agencies named by code get their names from the directory. */
function OfficialWorkflow({ definition }: { definition: ProcedureDetail['definition'] }) {
  const agencies = useActiveAgencies();
  const names = new Map((agencies.data?.items ?? []).map((a) => [a.code, a.name]));
  return <WorkflowDiagram workflow={definition.workflow} agencyName={(code) => names.get(code)} />;
}
