import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../../app/api.ts';
import { Alert } from '../../../ui/Alert.tsx';
import { Button } from '../../../ui/Button.tsx';
import { RadioGroup } from '../../../ui/ChoiceGroup.tsx';
import { TextAreaField } from '../../../ui/Field.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { type Dossier, keys } from '../types.ts';

/** The nine criteria of the kiosk form (each 2 / 1 / 0), optional beside the 1–5 score. */
export const CRITERIA = [
  'total_time',
  'time_per_agency',
  'contacts',
  'agencies_contacted',
  'one_stop_applied',
  'publicity',
  'staff_attitude',
  'convenience',
  'overall',
] as const;

const ratedKey = (id: string) => `cqs.rated:${id}`;
function rememberedRating(id: string): boolean {
  try {
    return localStorage.getItem(ratedKey(id)) === '1';
  } catch {
    return false;
  }
}
function rememberRating(id: string) {
  try {
    localStorage.setItem(ratedKey(id), '1');
  } catch {
    // the server refuses a second rating anyway
  }
}

/** After the result, the applicant rates the service once. */
export function RatingForm({ dossierId, rating }: { dossierId: string; rating: Dossier['rating'] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [score, setScore] = useState('');
  const [criteria, setCriteria] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [state, setState] = useState<'open' | 'thanks' | 'already'>(() =>
    rememberedRating(dossierId) ? 'already' : 'open',
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!score) {
      setFieldError(t('rating.score_required'));
      document.getElementById('rating-score-0')?.focus();
      return;
    }
    setFieldError(undefined);
    setBusy(true);
    setError(null);
    const chosen = Object.fromEntries(
      Object.entries(criteria)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => [k, Number(v)]),
    );
    try {
      await api.post(`/api/dossiers/${dossierId}/rating`, {
        score: Number(score),
        ...(Object.keys(chosen).length ? { criteria: chosen } : {}),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      rememberRating(dossierId);
      setState('thanks');
      // The dossier's facts say it was rated, without a reload.
      void queryClient.invalidateQueries({ queryKey: keys.dossier(dossierId) });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invalid_state') {
        rememberRating(dossierId);
        setState('already');
      } else setError(err instanceof ApiError && err.code !== 'network' ? err.message : t('error.network'));
    } finally {
      setBusy(false);
    }
  }

  if (state === 'thanks')
    return (
      <Alert kind="success" live title={t('rating.thanks')}>
        <p>{t('rating.thanks_text')}</p>
      </Alert>
    );
  // The server knows whether (and how) the applicant rated; this device may remember it too.
  if (rating) return <p>{t('dossier.rated', { score: rating.score, at: formatDateTime(rating.ratedAt) })}</p>;
  if (state === 'already') return <p className="muted">{t('rating.already')}</p>;

  return (
    <form onSubmit={submit} noValidate className="form">
      <p>{t('rating.lead')}</p>
      {error ? (
        <Alert kind="error" live>
          <p>{error}</p>
        </Alert>
      ) : null}
      <RadioGroup
        id="rating-score"
        legend={t('rating.score')}
        required
        inline
        value={score}
        error={fieldError}
        onChange={setScore}
        options={[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: t(`rating.score.${n}`) }))}
      />
      <details className="rating-criteria">
        <summary>{t('rating.criteria')}</summary>
        <div className="criteria-grid">
          {CRITERIA.map((c) => (
            <RadioGroup
              key={c}
              id={`rating-${c}`}
              legend={t(`rating.criterion.${c}`)}
              inline
              value={criteria[c] ?? ''}
              onChange={(v) => setCriteria((all) => ({ ...all, [c]: v }))}
              options={[2, 1, 0].map((n) => ({ value: String(n), label: t(`rating.level.${n}`) }))}
            />
          ))}
        </div>
      </details>
      <TextAreaField
        id="rating-comment"
        label={t('rating.comment')}
        value={comment}
        maxLength={2000}
        onChange={(e) => setComment(e.target.value)}
      />
      <div className="button-row">
        <Button type="submit" busy={busy}>
          {t('rating.submit')}
        </Button>
      </div>
    </form>
  );
}
