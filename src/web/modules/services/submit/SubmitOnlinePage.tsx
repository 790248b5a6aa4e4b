import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useAuth } from '../../../app/auth.tsx';
import { codeFromSlug, paths } from '../../../app/paths.ts';
import { Alert } from '../../../ui/Alert.tsx';
import { ButtonLink } from '../../../ui/Button.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { localized } from '../labels.tsx';
import { useProcedure } from '../procedures/queries.ts';
import { keys } from '../types.ts';
import { DossierWizard } from './DossierWizard.tsx';

/** A signed-in citizen files a dossier online. */
export function SubmitOnlinePage() {
  const { t } = useTranslation();
  const code = codeFromSlug(useParams().code);
  const { user } = useAuth();
  const navigate = useNavigate();
  const client = useQueryClient();
  const query = useProcedure(code);
  if (!user) return null;
  return (
    <QueryState query={query}>
      {(procedure) => (
        <>
          <PageHeader title={t('submit.title')} lead={localized(procedure.definition)} />
          {procedure.definition.methods.includes('online') ? (
            <DossierWizard
              procedure={procedure}
              channel="online"
              agencies={procedure.offeredBy}
              owner={user.id}
              initialApplicant={{
                type: 'citizen',
                fullName: user.fullName,
                idNumber: '',
                phone: user.phone ?? '',
                email: user.email ?? '',
                address: '',
              }}
              onSubmitted={(answer) => {
                void client.invalidateQueries({ queryKey: keys.mine });
                // The dossier page says what happens next and by when (ADR 22).
                navigate(paths.myDossier(answer.id), { state: { submitted: answer } });
              }}
            />
          ) : (
            <Alert kind="warning" title={t('procedure.not_online')}>
              <ButtonLink to={paths.procedure(procedure.code)} variant="secondary">
                {t('submit.back_to_procedure')}
              </ButtonLink>
            </Alert>
          )}
        </>
      )}
    </QueryState>
  );
}
