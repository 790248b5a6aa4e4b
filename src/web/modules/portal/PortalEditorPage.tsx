import { DateTimeField } from '../../ui/DateTimeField.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../app/api.ts';
import { paths } from '../../app/paths.ts';
import { Alert } from '../../ui/Alert.tsx';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert.tsx';
import { Button } from '../../ui/Button.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Section } from '../../ui/Section.tsx';
import { Table } from '../../ui/Table.tsx';
import { type Edition, useEditions, useItem, useSections } from './api.ts';
import { RichTextEditor } from './RichTextEditor.tsx';

const EMPTY_DOC = { type: 'doc' as const, content: [] };

/** The editor's desk: every edition in progress or live in the sections one may edit or review. */
export function PortalEditorPage() {
  const { t } = useTranslation();
  const query = useEditions();
  return (
    <>
      <PageHeader title={t('portal.title')} lead={t('portal.lead')} />
      <NewArticle />
      <Section title={t('portal.editions')}>
        <QueryState query={query}>
          {({ items }) => (
            <Table
              caption={t('portal.editions')}
              captionHidden
              rows={items}
              rowKey={(e) => `${e.itemId}-${e.lang}-${e.number}`}
              columns={[
                {
                  key: 'title',
                  header: t('portal.field.title'),
                  rowHeader: true,
                  cell: (e) => <Link to={paths.portalEdition(e.itemId, e.lang)}>{e.title}</Link>,
                },
                { key: 'lang', header: t('portal.lang'), cell: (e) => e.lang.toUpperCase() },
                { key: 'state', header: t('common.status'), cell: (e) => t(`portal.state.${e.state}`) },
                {
                  key: 'when',
                  header: t('portal.updated'),
                  cell: (e) => (
                    <>
                      {formatDateTime(e.updatedAt)}
                      {e.scheduleError ? (
                        <span className="cell-sub">{t('portal.schedule_failed')}</span>
                      ) : null}
                    </>
                  ),
                },
              ]}
            />
          )}
        </QueryState>
      </Section>
    </>
  );
}

function NewArticle() {
  const { t } = useTranslation();
  const sections = useSections();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    try {
      const res = await api.post<{ itemId: string }>('/api/portal/items', {
        sectionId: form.get('sectionId'),
        lang: form.get('lang'),
        title: form.get('title'),
        summary: '',
        body: EMPTY_DOC,
      });
      navigate(paths.portalEdition(res.itemId, String(form.get('lang'))));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={t('portal.new')}>
      {error ? <ApiErrorAlert error={error} /> : null}
      <form onSubmit={submit} className="form-row">
        <SelectField id="sectionId" label={t('portal.section')} required>
          {(sections.data?.items ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.site.vi} — {s.names.vi}
            </option>
          ))}
        </SelectField>
        <SelectField id="lang" label={t('portal.lang')} defaultValue="vi">
          {['vi', 'en', 'ja', 'ko', 'zh'].map((l) => (
            <option key={l} value={l}>
              {t(`portal.lang.${l}`)}
            </option>
          ))}
        </SelectField>
        <TextField id="title" label={t('portal.field.title')} required minLength={3} maxLength={300} />
        <Button type="submit" busy={busy}>
          {t('portal.create')}
        </Button>
      </form>
    </Section>
  );
}

/** One language's edition of an article: write, save (with conflict handling), and move it on. */
export function PortalEditionPage() {
  const { itemId = '', lang = 'vi' } = useParams();
  const { t } = useTranslation();
  const query = useItem(itemId);
  // Kept outside the form: the form is remounted with the saved edition after every change.
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title={t('portal.edit_title')}
        actions={<Link to={paths.portalEditor}>{t('portal.back')}</Link>}
      />
      {done ? (
        <Alert kind="success" live>
          {done}
        </Alert>
      ) : null}
      <QueryState query={query}>
        {({ editions }) => {
          const open = editions.find(
            (e) => e.lang === lang && ['draft', 'submitted', 'approved', 'scheduled'].includes(e.state),
          );
          const live = editions.find(
            (e) => e.lang === lang && !['draft', 'submitted', 'approved', 'scheduled'].includes(e.state),
          );
          return (
            <EditionForm
              key={`${open?.id ?? 'new'}-${open?.lockVersion}`}
              itemId={itemId}
              lang={lang}
              open={open}
              live={live}
              onDone={setDone}
            />
          );
        }}
      </QueryState>
    </>
  );
}

interface Conflict {
  current: Edition;
  message: string;
}

function EditionForm({
  itemId,
  lang,
  open,
  live,
  onDone: setDone,
}: {
  itemId: string;
  lang: string;
  open?: Edition;
  live?: Edition;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const base = open ?? live;
  const [title, setTitle] = useState(base?.title ?? '');
  const [summary, setSummary] = useState(base?.summary ?? '');
  const [body, setBody] = useState<{ type: 'doc'; content: unknown[] }>(base?.body ?? EMPTY_DOC);
  const [changeNote, setChangeNote] = useState(open?.changeNote ?? '');
  const [at, setAt] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ['portal'] });

  const save = async () => {
    setError(null);
    try {
      await api.put(`/api/portal/items/${itemId}/editions/${lang}`, {
        lockVersion: open?.lockVersion ?? null,
        title,
        summary,
        body,
        changeNote: changeNote || null,
        major: Boolean(changeNote),
      });
      setDone(t('portal.saved'));
      await refresh();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'portal_edit_conflict') {
        const current = await api.get<{ editions: Edition[] }>(`/api/portal/items/${itemId}`);
        const theirs = current.editions.find((e) => e.lang === lang && e.id === open?.id);
        if (theirs) setConflict({ current: theirs, message: err.message });
      } else setError(err);
    }
  };
  const move = async (action: string, extra: Record<string, unknown> = {}) => {
    const target = ['withdraw', 'gone', 'redirect'].includes(action) ? live : open;
    if (!target) return;
    setError(null);
    try {
      await api.post(`/api/portal/items/${itemId}/editions/${lang}/${action}`, {
        lockVersion: target.lockVersion,
        ...extra,
      });
      setDone(t(`portal.done.${action}`));
      await refresh();
    } catch (err) {
      setError(err);
    }
  };
  const state = open?.state;
  return (
    <>
      {error ? <ApiErrorAlert error={error} /> : null}
      {conflict ? (
        <Alert kind="warning" title={t('portal.conflict_title')} live>
          <p>{conflict.message}</p>
          <div className="conflict-columns">
            <div>
              <h3>{t('portal.conflict_theirs')}</h3>
              <p>
                <strong>{conflict.current.title}</strong>
              </p>
              <p>{conflict.current.summary}</p>
            </div>
            <div>
              <h3>{t('portal.conflict_yours')}</h3>
              <p>
                <strong>{title}</strong>
              </p>
              <p>{summary}</p>
            </div>
          </div>
          <Button variant="secondary" onClick={() => refresh()}>
            {t('portal.conflict_take_theirs')}
          </Button>
        </Alert>
      ) : null}
      <Section title={t('portal.content', { lang: lang.toUpperCase() })}>
        <p>
          {t('common.status')}: {state ? t(`portal.state.${state}`) : t('portal.state.none')}
          {live ? ` · ${t('portal.live')}: ${t(`portal.state.${live.state}`)}` : ''}
        </p>
        <TextField
          id="title"
          label={t('portal.field.title')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
        />
        <TextAreaField
          id="summary"
          label={t('portal.field.summary')}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          rows={2}
        />
        <p id="body-label" className="field-label">
          {t('portal.field.body')}
        </p>
        <RichTextEditor id="body" labelId="body-label" value={body} onChange={setBody} />
        <TextField
          id="changeNote"
          label={t('portal.field.change_note')}
          hint={t('portal.field.change_note_hint')}
          value={changeNote}
          onChange={(e) => setChangeNote(e.target.value)}
        />
        <div className="form-actions">
          <Button onClick={save}>{t('portal.save')}</Button>
          {state === 'draft' ? (
            <Button variant="secondary" onClick={() => move('submit')}>
              {t('portal.action.submit')}
            </Button>
          ) : null}
          {state === 'submitted' ? (
            <Button variant="secondary" onClick={() => move('approve')}>
              {t('portal.action.approve')}
            </Button>
          ) : null}
          {state === 'submitted' || state === 'approved' ? (
            <Button variant="quiet" onClick={() => move('return')}>
              {t('portal.action.return')}
            </Button>
          ) : null}
          {state === 'approved' ? (
            <Button variant="secondary" onClick={() => move('publish')}>
              {t('portal.action.publish')}
            </Button>
          ) : null}
          {state === 'scheduled' ? (
            <Button variant="quiet" onClick={() => move('unschedule')}>
              {t('portal.action.unschedule')}
            </Button>
          ) : null}
        </div>
        {state === 'approved' ? (
          <div className="form-row">
            <DateTimeField id="at" label={t('portal.schedule_at')} value={at} onValue={setAt} />
            <Button
              variant="secondary"
              disabled={!at}
              onClick={() => move('schedule', { at: new Date(`${at}:00+07:00`).toISOString() })}
            >
              {t('portal.action.schedule')}
            </Button>
          </div>
        ) : null}
        {live?.state === 'published' ? (
          <p>
            <a href={`/${lang}/${lang === 'vi' ? 'tin-tuc' : 'news'}/${live.slug}`}>
              {t('portal.view_live')}
            </a>
          </p>
        ) : null}
      </Section>
    </>
  );
}
