import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { paths } from '../../app/paths.ts';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert.tsx';
import { Button } from '../../ui/Button.tsx';
import { Checkbox, SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import {
  type Category,
  categoryLabel,
  type ReportSummary,
  type UploadedPhoto,
  uploadPhoto,
  uploadVideo,
} from './api.ts';
import { FeedbackMap } from './FeedbackMap.tsx';

/** A citizen reports a problem: category, description, photos, a point on the map, a contact kept private. */
export function ReportPage() {
  const { t, i18n } = useTranslation();
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [point, setPoint] = useState<{ lat: number; lng: number } | null>(null);
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [address, setAddress] = useState('');
  const [contact, setContact] = useState({ name: '', phone: '', email: '' });
  const [hidden, setHidden] = useState(false);
  const [joined, setJoined] = useState<{ code: string; secret: string } | null>(null);
  // An operator enters a report taken on the hotline, Zalo or social media, with its channel.
  const operator = useAuth().can('feedback.triage');
  const [channel, setChannel] = useState<'hotline' | 'zalo' | 'social'>('hotline');

  const categories = useQuery({
    queryKey: ['feedback', 'categories'],
    queryFn: () => api.get<{ items: Category[] }>('/api/feedback/categories'),
  });
  const nearby = useQuery({
    queryKey: ['feedback', 'nearby', category, point?.lat, point?.lng],
    enabled: !!category && !!point,
    queryFn: () =>
      api.get<{ radiusM: number; items: ReportSummary[] }>('/api/feedback/nearby', {
        category,
        lat: point!.lat,
        lng: point!.lng,
      }),
  });
  const contactBody = () => ({
    ...(contact.name ? { name: contact.name } : {}),
    ...(contact.phone ? { phone: contact.phone } : {}),
    ...(contact.email ? { email: contact.email } : {}),
  });
  const submit = useMutation({
    mutationFn: () =>
      api.post<{ code: string; secret: string }>(
        operator ? '/api/feedback/intake' : '/api/feedback/reports',
        {
          ...(operator ? { channel } : {}),
          categoryCode: category,
          description,
          lat: point?.lat,
          lng: point?.lng,
          ...(address ? { address } : {}),
          media: photos.map((p) => ({ id: p.id, secret: p.secret })),
          contact: contactBody(),
          hiddenFromAgency: hidden,
        },
      ),
  });
  const join = useMutation({
    mutationFn: (code: string) =>
      api.post<{ code: string; secret: string }>(`/api/feedback/reports/${code}/join`, {
        contact: contactBody(),
      }),
    onSuccess: setJoined,
  });

  const onPhoto = async (files: FileList | null) => {
    setPhotoError(null);
    const chosen = Array.from(files ?? []);
    // Up to 5 photos or one short video, not both.
    const videos = chosen.filter((f) => f.type.startsWith('video/'));
    if (videos.length > 0 && (chosen.length > 1 || photos.length > 0)) {
      setPhotoError(t('feedback.report.videoAlone'));
      return;
    }
    if (photos.some((p) => p.video)) {
      setPhotoError(t('feedback.report.videoAlone'));
      return;
    }
    for (const file of chosen.slice(0, 5 - photos.length)) {
      try {
        const up = file.type.startsWith('video/') ? await uploadVideo(file) : await uploadPhoto(file);
        setPhotos((ps) => [...ps, up]);
        if (up.suggestedPoint && !point) setPoint(up.suggestedPoint);
      } catch (e) {
        setPhotoError((e as Error).message);
      }
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit.mutate();
  };

  const done = submit.data ?? joined;
  if (done)
    return (
      <div className="feedback-page">
        <PageHeader title={t('feedback.sent.title')} />
        <p>{t(joined ? 'feedback.sent.joined' : 'feedback.sent.lead')}</p>
        <p className="feedback-code">
          {t('feedback.sent.code')}: <strong data-testid="tracking-code">{done.code}</strong>
        </p>
        <p>
          <Link to={`${paths.feedbackReport(done.code)}?k=${encodeURIComponent(done.secret)}`}>
            {t('feedback.sent.link')}
          </Link>
        </p>
        <p className="field-hint">{t('feedback.sent.keep')}</p>
      </div>
    );

  const selected = categories.data?.items.find((c) => c.code === category);
  return (
    <div className="feedback-page">
      <PageHeader title={t('feedback.report.title')} lead={t('feedback.report.lead')} />
      <form onSubmit={onSubmit} noValidate>
        {operator ? (
          <SelectField
            id="fb-channel"
            label={t('feedback.report.channel')}
            value={channel}
            onChange={(e) => setChannel(e.target.value as typeof channel)}
          >
            <option value="hotline">{t('feedback.channel.hotline')}</option>
            <option value="zalo">{t('feedback.channel.zalo')}</option>
            <option value="social">{t('feedback.channel.social')}</option>
          </SelectField>
        ) : null}
        <SelectField
          id="fb-category"
          label={t('feedback.report.category')}
          required
          value={category}
          onChange={(e) => setCategory(e.target.value)}
        >
          <option value="">{t('feedback.report.choose')}</option>
          {categories.data?.items.map((c) => (
            <option key={c.code} value={c.code}>
              {i18n.language === 'en' ? c.nameEn : c.name}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          id="fb-description"
          label={t('feedback.report.description')}
          required
          rows={4}
          maxLength={4000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <div className="field">
          <label htmlFor="fb-photo" className="field-label">
            {t('feedback.report.photos')}
          </label>
          <p id="fb-photo-hint" className="field-hint">
            {t('feedback.report.photosHint')}
          </p>
          <input
            id="fb-photo"
            type="file"
            accept="image/jpeg,image/png,image/webp,video/mp4,video/quicktime"
            multiple
            aria-describedby="fb-photo-hint"
            onChange={(e) => void onPhoto(e.target.files)}
          />
          {photoError ? (
            <p className="field-error" role="alert">
              {photoError}
            </p>
          ) : null}
          {photos.length ? (
            <p role="status">
              {photos.some((p) => p.video)
                ? t('feedback.report.videoAdded')
                : t('feedback.report.photosAdded', { count: photos.length })}
            </p>
          ) : null}
        </div>
        <fieldset className="fieldset">
          <legend>{t('feedback.report.point')}</legend>
          <p className="field-hint">{t('feedback.report.pointHint')}</p>
          <FeedbackMap label={t('feedback.report.mapLabel')} picked={point} onPick={setPoint} />
          <div className="field-row">
            <TextField
              id="fb-lat"
              label={t('feedback.report.lat')}
              inputMode="decimal"
              value={point?.lat ?? ''}
              onChange={(e) => setPoint({ lat: Number(e.target.value), lng: point?.lng ?? 0 })}
            />
            <TextField
              id="fb-lng"
              label={t('feedback.report.lng')}
              inputMode="decimal"
              value={point?.lng ?? ''}
              onChange={(e) => setPoint({ lat: point?.lat ?? 0, lng: Number(e.target.value) })}
            />
          </div>
          {point ? (
            <p role="status">
              {t('feedback.report.pointChosen', { lat: point.lat.toFixed(5), lng: point.lng.toFixed(5) })}
            </p>
          ) : null}
          <TextField
            id="fb-address"
            label={t('feedback.report.address')}
            value={address}
            onChange={(e) => setAddress(e.target.value)}
          />
        </fieldset>
        {nearby.data?.items.length ? (
          <section className="feedback-nearby" aria-labelledby="fb-nearby-title">
            <h2 id="fb-nearby-title">{t('feedback.report.nearby', { radius: nearby.data.radiusM })}</h2>
            <ul>
              {nearby.data.items.map((r) => (
                <li key={r.code}>
                  <Link to={paths.feedbackReport(r.code)}>{r.code}</Link> · {categoryLabel(r)} ·{' '}
                  {t('feedback.report.distance', { m: r.distanceM })}
                  <p>{r.description}</p>
                  <Button variant="secondary" small busy={join.isPending} onClick={() => join.mutate(r.code)}>
                    {t('feedback.report.same')}
                  </Button>
                </li>
              ))}
            </ul>
            {join.error ? <ApiErrorAlert error={join.error} /> : null}
          </section>
        ) : null}
        <fieldset className="fieldset">
          <legend>{t('feedback.report.contact')}</legend>
          <p className="field-hint">{t('feedback.report.contactHint')}</p>
          <TextField
            id="fb-name"
            label={t('feedback.report.name')}
            autoComplete="name"
            value={contact.name}
            onChange={(e) => setContact({ ...contact, name: e.target.value })}
          />
          <TextField
            id="fb-phone"
            label={t('feedback.report.phone')}
            type="tel"
            autoComplete="tel"
            value={contact.phone}
            onChange={(e) => setContact({ ...contact, phone: e.target.value })}
          />
          <TextField
            id="fb-email"
            label={t('feedback.report.email')}
            type="email"
            autoComplete="email"
            value={contact.email}
            onChange={(e) => setContact({ ...contact, email: e.target.value })}
          />
          {selected?.allowAnonymousToAgency ? (
            <Checkbox
              id="fb-hidden"
              label={t('feedback.report.hidden')}
              checked={hidden}
              onChange={(e) => setHidden(e.target.checked)}
            />
          ) : null}
        </fieldset>
        {submit.error ? <ApiErrorAlert error={submit.error} /> : null}
        <Button type="submit" busy={submit.isPending}>
          {t('feedback.report.submit')}
        </Button>
      </form>
    </div>
  );
}
