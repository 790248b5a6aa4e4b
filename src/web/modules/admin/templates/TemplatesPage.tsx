import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ApiError, api, errorFromResponse, getCsrfToken, withQuery } from '../../../app/api.ts';
import { currentLanguage } from '../../../app/i18n.ts';
import { Alert } from '../../../ui/Alert.tsx';
import { Badge } from '../../../ui/Badge.tsx';
import { Button } from '../../../ui/Button.tsx';
import { RadioGroup } from '../../../ui/ChoiceGroup.tsx';
import { ErrorSummary } from '../../../ui/ErrorSummary.tsx';
import { SelectField, TextAreaField, TextField } from '../../../ui/Field.tsx';
import { useFormErrors } from '../../../ui/form.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { Section } from '../../../ui/Section.tsx';
import { DOCUMENT_FORMS } from '../../services/labels.tsx';
import { useActiveAgencies } from '../queries.ts';

interface DocumentTemplateView {
  form: string;
  custom: boolean;
  template: Record<string, unknown>;
  sample: Record<string, unknown>;
}
interface NotificationView {
  lang: 'vi' | 'en';
  custom: boolean;
  subject: string;
  body: string;
  sms: string;
  placeholders: string[];
}

const keys = {
  document: (form: string, agencyId: string) =>
    ['services', 'templates', 'document', form, agencyId] as const,
  notification: (lang: string) => ['services', 'templates', 'notification', lang] as const,
};

/** Placeholder paths a template may use, from the sample data the server fills forms with. */
function placeholders(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return prefix ? [prefix] : [];
  return Object.entries(value).flatMap(([k, v]) => placeholders(v, prefix ? `${prefix}.${k}` : k));
}

/** Document forms 01–07 (deployment-wide or per agency) and the applicant notification texts. */
export function TemplatesPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('templates.title')} lead={t('templates.lead')} />
      <div className="stack">
        <DocumentTemplates />
        <NotificationTemplate />
      </div>
    </>
  );
}

function DocumentTemplates() {
  const { t } = useTranslation();
  const [form, setForm] = useState<string>('01');
  const [agencyId, setAgencyId] = useState('');
  const agencies = useActiveAgencies();
  const query = useQuery({
    queryKey: keys.document(form, agencyId),
    queryFn: () =>
      api.get<DocumentTemplateView>(`/api/admin/templates/documents/${form}`, {
        agencyId: agencyId || undefined,
      }),
  });
  return (
    <Section title={t('templates.documents_title')}>
      <div className="form-row">
        <SelectField
          id="template-form"
          label={t('templates.form')}
          value={form}
          onChange={(e) => setForm(e.target.value)}
        >
          {DOCUMENT_FORMS.map((f) => (
            <option key={f} value={f}>
              {t(`document.${f}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="template-agency"
          label={t('templates.agency')}
          hint={t('templates.agency_hint')}
          value={agencyId}
          onChange={(e) => setAgencyId(e.target.value)}
        >
          <option value="">{t('templates.deployment')}</option>
          {(agencies.data?.items ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
      </div>
      <QueryState query={query}>
        {(view) => (
          <DocumentTemplateEditor key={`${form}-${agencyId}`} view={view} form={form} agencyId={agencyId} />
        )}
      </QueryState>
    </Section>
  );
}

async function downloadPreview(form: string, agencyId: string, template: unknown) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'accept-language': currentLanguage(),
  };
  const csrf = getCsrfToken();
  if (csrf) headers['x-csrf-token'] = csrf;
  let res: Response;
  try {
    res = await fetch(
      withQuery(`/api/admin/templates/documents/${form}/preview`, { agencyId: agencyId || undefined }),
      {
        method: 'POST',
        headers,
        credentials: 'same-origin',
        body: JSON.stringify(template),
      },
    );
  } catch {
    throw new ApiError(0, { code: 'network' });
  }
  if (!res.ok) throw errorFromResponse(res.status, await res.text());
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `xem-truoc-mau-${form}.pdf`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function DocumentTemplateEditor({
  view,
  form,
  agencyId,
}: {
  view: DocumentTemplateView;
  form: string;
  agencyId: string;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const errors = useFormErrors();
  const [text, setText] = useState(() => JSON.stringify(view.template, null, 2));
  const [problem, setProblem] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'preview' | 'reset' | null>(null);
  const fieldId = 'template-json';

  function parsed(): unknown {
    try {
      return JSON.parse(text);
    } catch (err) {
      const message = t('admin_procedures.json_error', { detail: (err as Error).message });
      setProblem(message);
      errors.fail(new ApiError(400, { code: 'validation', message }));
      return undefined;
    }
  }
  function failed(err: unknown) {
    const apiError = err instanceof ApiError ? err : new ApiError(0, { code: 'network' });
    const list = apiError.fields.map((f) => `${f.field.replace(/^body\.?/, '') || '/'}: ${f.message}`);
    setProblem(list.length ? list.join(' · ') : undefined);
    errors.fail(apiError);
  }
  async function run(kind: 'save' | 'preview' | 'reset', e?: FormEvent) {
    e?.preventDefault();
    setNotice(null);
    const template = kind === 'reset' ? null : parsed();
    if (kind !== 'reset' && template === undefined) return;
    setBusy(kind);
    try {
      const query = { agencyId: agencyId || undefined };
      if (kind === 'preview') await downloadPreview(form, agencyId, template);
      else if (kind === 'save') await api.put(`/api/admin/templates/documents/${form}`, template, query);
      else await api.delete(`/api/admin/templates/documents/${form}`, query);
      setProblem(undefined);
      errors.clear();
      if (kind !== 'preview') await client.invalidateQueries({ queryKey: keys.document(form, agencyId) });
      setNotice(t(`templates.done.${kind}`));
    } catch (err) {
      failed(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <p>
        {view.custom ? (
          <Badge tone="info">{t('templates.custom')}</Badge>
        ) : (
          <Badge>{t('templates.default')}</Badge>
        )}
      </p>
      {notice ? (
        <Alert kind="success" live>
          {notice}
        </Alert>
      ) : null}
      <ErrorSummary
        form={{ ...errors, fields: problem ? { template: problem } : {} }}
        fieldIds={{ template: fieldId }}
        labels={{ template: t('templates.json') }}
      />
      <form className="form" onSubmit={(e) => run('save', e)} noValidate>
        <TextAreaField
          id={fieldId}
          label={t('templates.json')}
          hint={t('templates.json_hint')}
          rows={18}
          className="input-mono"
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={problem}
        />
        <details className="details">
          <summary>{t('templates.placeholders')}</summary>
          <ul className="cell-list input-mono">
            {placeholders(view.sample).map((p) => (
              <li key={p}>
                <code>{`{{${p}}}`}</code>
              </li>
            ))}
          </ul>
        </details>
        <div className="button-row">
          <Button type="submit" busy={busy === 'save'}>
            {t('templates.save')}
          </Button>
          <Button variant="secondary" busy={busy === 'preview'} onClick={() => run('preview')}>
            {t('templates.preview')}
          </Button>
          {view.custom ? (
            <Button variant="danger" busy={busy === 'reset'} onClick={() => run('reset')}>
              {t('templates.reset')}
            </Button>
          ) : null}
        </div>
      </form>
    </>
  );
}

const NotificationInput = z.strictObject({
  lang: z.enum(['vi', 'en']),
  subject: z.string().trim().min(3).max(300),
  body: z.string().trim().min(3).max(4000),
  sms: z.string().trim().min(3).max(612),
});

function NotificationTemplate() {
  const { t } = useTranslation();
  const [lang, setLang] = useState<'vi' | 'en'>('vi');
  const query = useQuery({
    queryKey: keys.notification(lang),
    queryFn: () => api.get<NotificationView>('/api/admin/templates/notification', { lang }),
  });
  return (
    <Section title={t('templates.notification_title')}>
      <RadioGroup
        id="notification-lang"
        legend={t('templates.language')}
        value={lang}
        onChange={(v) => setLang(v as 'vi' | 'en')}
        inline
        options={[
          { value: 'vi', label: 'Tiếng Việt' },
          { value: 'en', label: 'English' },
        ]}
      />
      <QueryState query={query}>{(view) => <NotificationForm key={view.lang} view={view} />}</QueryState>
    </Section>
  );
}

function NotificationForm({ view }: { view: NotificationView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useFormErrors();
  const [values, setValues] = useState({ subject: view.subject, body: view.body, sms: view.sms });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const labels = {
    subject: t('templates.subject'),
    body: t('templates.body'),
    sms: t('templates.sms'),
  };
  async function submit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    const body = form.check(NotificationInput, { lang: view.lang, ...values });
    if (!body) return;
    setBusy(true);
    try {
      await api.put('/api/admin/templates/notification', body);
      await client.invalidateQueries({ queryKey: keys.notification(view.lang) });
      setNotice(t('templates.done.save'));
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }
  // The placeholders are shown as code: they are to be typed as they are.
  const hint = (
    <>
      {t('templates.notification_hint')} <code>{view.placeholders.map((p) => `{{${p}}}`).join(', ')}</code>
    </>
  );
  return (
    <>
      <p>
        {view.custom ? (
          <Badge tone="info">{t('templates.custom')}</Badge>
        ) : (
          <Badge>{t('templates.default')}</Badge>
        )}
      </p>
      {notice ? (
        <Alert kind="success" live>
          {notice}
        </Alert>
      ) : null}
      <ErrorSummary
        form={form}
        fieldIds={{ subject: 'notification-subject', body: 'notification-body', sms: 'notification-sms' }}
        labels={labels}
      />
      <form className="form" onSubmit={submit} noValidate lang={view.lang}>
        <p className="field-hint">{hint}</p>
        <TextField
          id="notification-subject"
          label={labels.subject}
          value={values.subject}
          onChange={(e) => setValues((v) => ({ ...v, subject: e.target.value }))}
          error={form.fields.subject}
          required
        />
        <TextAreaField
          id="notification-body"
          label={labels.body}
          rows={7}
          value={values.body}
          onChange={(e) => setValues((v) => ({ ...v, body: e.target.value }))}
          error={form.fields.body}
          required
        />
        <TextAreaField
          id="notification-sms"
          label={labels.sms}
          hint={t('templates.sms_hint')}
          rows={2}
          value={values.sms}
          onChange={(e) => setValues((v) => ({ ...v, sms: e.target.value }))}
          error={form.fields.sms}
          required
        />
        <div className="button-row">
          <Button type="submit" busy={busy}>
            {t('templates.save')}
          </Button>
        </div>
      </form>
    </>
  );
}
