// The branches of a parallel consultation: who was asked, by when, and what each answered.
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/format.ts';
import type { Dossier } from '../types.ts';

export function Consultations({ items }: { items: Dossier['consultations'] }) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <caption className="visually-hidden">{t('consultation.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('consultation.agency')}</th>
          <th scope="col">{t('consultation.due')}</th>
          <th scope="col">{t('consultation.answer')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.step}>
            <th scope="row">
              {c.agencyName}
              <span className="cell-sub">{c.stepName}</span>
            </th>
            <td>{c.dueAt ? formatDateTime(c.dueAt) : '—'}</td>
            <td>
              {c.answeredAt ? (
                <>
                  {c.answerName} · {formatDateTime(c.answeredAt)}
                  {c.timeliness ? <span className="cell-sub">{t(`timeliness.${c.timeliness}`)}</span> : null}
                  {c.comment ? <span className="cell-sub">{c.comment}</span> : null}
                </>
              ) : (
                <span className="muted">{t('consultation.waiting')}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
