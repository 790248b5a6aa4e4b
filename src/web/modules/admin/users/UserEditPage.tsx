import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../../app/api.ts';
import type { UserRecord } from '../../../app/types.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { keys } from '../queries.ts';
import { UserForm } from './UserForm.tsx';

/** Creates an official (/quan-tri/nguoi-dung/moi) or edits one (/quan-tri/nguoi-dung/:id). */
export function UserEditPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const client = useQueryClient();
  const query = useQuery({
    queryKey: [...keys.users, 'one', id],
    queryFn: () => api.get<UserRecord>(`/api/admin/users/${id}`),
    enabled: !!id,
  });
  if (!id) {
    return (
      <>
        <PageHeader title={t('users.create_title')} lead={t('users.create_lead')} />
        <UserForm user={null} />
      </>
    );
  }
  return (
    <QueryState query={query}>
      {(user) => (
        <>
          <PageHeader title={user.fullName} lead={user.title ?? t(`users.kind.${user.kind}`)} />
          <UserForm
            key={user.id}
            user={user}
            onSaved={(saved) => client.setQueryData([...keys.users, 'one', id], saved)}
          />
        </>
      )}
    </QueryState>
  );
}
