import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../../app/auth.tsx';
import { paths } from '../../../app/paths.ts';
import { Alert } from '../../../ui/Alert.tsx';
import { Button, ButtonLink } from '../../../ui/Button.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { TextField } from '../../../ui/Field.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { Section } from '../../../ui/Section.tsx';
import { useDossier } from '../dossiers/queries.ts';
import { documentHref, localized, ServiceLevelBadge } from '../labels.tsx';
import { useProcedure, useProcedures } from '../procedures/queries.ts';
import { deskAgencies } from '../roles.ts';
import { DossierWizard } from '../submit/DossierWizard.tsx';
import { keys } from '../types.ts';

const EMPTY_APPLICANT = {
  type: 'citizen' as const,
  fullName: '',
  idNumber: '',
  phone: '',
  email: '',
  address: '',
};

/**
 * Counter intake (tiếp nhận tại quầy): the one-stop officer enters the applicant's dossier for the
 * officer's own agency; it is accepted at once and the receipt (form 01) is ready to print.
 */
export function CounterIntakePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const code = params.get('thu-tuc') ?? '';
  const [receivedId, setReceivedId] = useState<string | null>(null);
  const client = useQueryClient();
  const procedure = useProcedure(code || undefined);
  if (!user) return null;

  if (receivedId)
    return (
      <Received
        id={receivedId}
        onNext={() => {
          setReceivedId(null);
          setParams({});
        }}
      />
    );

  const desks = deskAgencies(user);
  return (
    <>
      <PageHeader
        title={t('counter.title')}
        lead={code && procedure.data ? localized(procedure.data.definition) : t('counter.lead')}
        actions={
          code ? (
            <Button variant="secondary" small onClick={() => setParams({})}>
              {t('counter.change_procedure')}
            </Button>
          ) : null
        }
      />
      {!code ? (
        <ProcedurePicker onPick={(c) => setParams({ 'thu-tuc': c })} />
      ) : (
        <QueryState query={procedure}>
          {(p) => {
            const agencies = p.offeredBy.filter((a) => desks.some((d) => d.id === a.id));
            if (agencies.length === 0)
              return (
                <Alert kind="warning" title={t('counter.not_here_title')}>
                  <p>{t('counter.not_here', { agencies: desks.map((d) => d.name).join(', ') })}</p>
                </Alert>
              );
            return (
              <DossierWizard
                procedure={p}
                channel="counter"
                agencies={agencies}
                owner={user.id}
                initialApplicant={EMPTY_APPLICANT}
                onSubmitted={({ id }) => {
                  void client.invalidateQueries({ queryKey: keys.all });
                  setReceivedId(id);
                }}
              />
            );
          }}
        </QueryState>
      )}
    </>
  );
}

function ProcedurePicker({ onPick }: { onPick: (code: string) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const list = useProcedures(q);
  function search(e: FormEvent) {
    e.preventDefault();
    setQ(draft.trim());
  }
  return (
    <Section title={t('counter.pick')}>
      <search>
        <form className="filter-bar filter-bar-flat" onSubmit={search} aria-label={t('counter.pick')}>
          <TextField
            id="counter-q"
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
      <QueryState query={list}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState title={t('procedures.none')} />
          ) : (
            <ul className="pick-list">
              {items.map((p) => (
                <li key={p.code}>
                  <div>
                    <span className="pick-name">{p.name}</span>
                    <span className="cell-sub">
                      <code>{p.code}</code> · {p.sectorName} · <ServiceLevelBadge level={p.serviceLevel} />
                    </span>
                  </div>
                  <Button variant="secondary" small onClick={() => onPick(p.code)}>
                    {t('counter.choose')}
                    <span className="visually-hidden"> {p.name}</span>
                  </Button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Section>
  );
}

function Received({ id, onNext }: { id: string; onNext: () => void }) {
  const { t } = useTranslation();
  const dossier = useDossier(id);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <>
      <PageHeader title={t('counter.received_title')} />
      <div ref={ref} tabIndex={-1} className="notice-anchor">
        {dossier.isPending ? (
          <Loading />
        ) : (
          <Alert kind="success" live title={t('counter.received', { code: dossier.data?.code ?? '' })}>
            <p>{dossier.data?.procedureName}</p>
            {dossier.data?.dueAt ? <p>{dossier.data.dueExplanation}</p> : null}
          </Alert>
        )}
      </div>
      <div className="button-row">
        <a className="btn btn-primary" href={documentHref(id, '01')} download>
          {t('counter.print_receipt')}
        </a>
        <ButtonLink to={paths.officialDossier(id)} variant="secondary">
          {t('counter.open_dossier')}
        </ButtonLink>
        <Button variant="quiet" onClick={onNext}>
          {t('counter.next')}
        </Button>
      </div>
    </>
  );
}
