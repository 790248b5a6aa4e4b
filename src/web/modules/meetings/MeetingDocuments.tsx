import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert.tsx';
import { Button } from '../../ui/Button.tsx';
import { SelectField, TextAreaField } from '../../ui/Field.tsx';
import type { DocumentView, NoteView } from './types.ts';

/**
 * The documents of a meeting on a tablet: the list (a classified document by its metadata only) and a
 * reader drawn by pdf.js, with the reader's own notes per page beside it. Notes are private: the
 * server returns only the signed-in person's own.
 */
export function MeetingDocuments({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['meeting', meetingId, 'documents'],
    queryFn: () => api.get<{ items: DocumentView[] }>(`/api/meetings/${meetingId}/documents`),
  });
  const [reading, setReading] = useState<DocumentView | null>(null);
  const docs = (query.data?.items ?? []).filter((d) => d.latest);
  return (
    <section aria-labelledby="mtg-docs">
      <h2 id="mtg-docs">{t('meetings.documents')}</h2>
      {docs.length === 0 ? <p>{t('meetings.no_documents')}</p> : null}
      <ul>
        {docs.map((d) => (
          <li key={d.id}>
            {d.title} — {t('meetings.pages', { n: d.pageCount })}
            {d.version > 1 ? ` — ${t('meetings.doc_version', { n: d.version })}` : ''}
            {d.classified ? (
              <> — {t('meetings.classified', { copies: d.paperCopies })}</>
            ) : d.readable ? (
              <>
                {' '}
                <Button small variant="secondary" onClick={() => setReading(d)}>
                  {t('meetings.read')}
                  <span className="visually-hidden"> {d.title}</span>
                </Button>
              </>
            ) : null}
            {!d.approved ? <> — {t('meetings.awaiting_approval')}</> : null}
          </li>
        ))}
      </ul>
      {reading ? <Reader meetingId={meetingId} doc={reading} onClose={() => setReading(null)} /> : null}
    </section>
  );
}

function Reader({ meetingId, doc, onClose }: { meetingId: string; doc: DocumentView; onClose: () => void }) {
  const { t } = useTranslation();
  const pages = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  useEffect(() => {
    let cancelled = false;
    const into = pages.current;
    (async () => {
      const res = await fetch(`/api/meetings/${meetingId}/documents/${doc.id}/file`, {
        credentials: 'same-origin',
      });
      if (!res.ok) throw new Error(String(res.status));
      const data = await res.arrayBuffer();
      if (cancelled || !into) return;
      const { renderPdfPages } = await import('../../ui/pdf-pages.ts');
      await renderPdfPages(data, into, (n) => t('meetings.page_label', { n, title: doc.title }));
      if (!cancelled) setState('ready');
    })().catch(() => !cancelled && setState('failed'));
    return () => {
      cancelled = true;
      if (into) into.textContent = '';
    };
  }, [meetingId, doc.id, doc.title, t]);
  return (
    <section aria-labelledby="mtg-reader" className="meeting-reader">
      <h3 id="mtg-reader">{doc.title}</h3>
      <Button small variant="quiet" onClick={onClose}>
        {t('meetings.close_reader')}
      </Button>
      <div className="meeting-reader-body">
        <div aria-busy={state === 'loading'}>
          {state === 'loading' ? <p role="status">{t('preview.loading')}</p> : null}
          {state === 'failed' ? <p role="alert">{t('preview.failed')}</p> : null}
          <div ref={pages} className="file-preview-pages" />
        </div>
        <Notes meetingId={meetingId} doc={doc} />
      </div>
    </section>
  );
}

function Notes({ meetingId, doc }: { meetingId: string; doc: DocumentView }) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const key = ['meeting', meetingId, 'notes', doc.id];
  const url = `/api/meetings/${meetingId}/documents/${doc.id}/notes`;
  const query = useQuery({ queryKey: key, queryFn: () => api.get<{ items: NoteView[] }>(url) });
  const [page, setPage] = useState('1');
  const [text, setText] = useState('');
  const add = useMutation({
    mutationFn: () => api.post(url, { page: Number(page), kind: 'text', text }),
    onSuccess: () => setText(''),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
  const remove = useMutation({
    mutationFn: (noteId: string) => api.delete(`/api/meetings/${meetingId}/notes/${noteId}`),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
  return (
    <aside aria-labelledby={`${id}-h`} className="meeting-notes">
      <h4 id={`${id}-h`}>{t('meetings.my_notes')}</h4>
      <p className="field-hint">{t('meetings.notes_private')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <SelectField
          id={`${id}-page`}
          label={t('meetings.note_page')}
          value={page}
          onChange={(e) => setPage(e.target.value)}
        >
          {Array.from({ length: doc.pageCount }, (_, i) => String(i + 1)).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          id={`${id}-text`}
          label={t('meetings.note_text')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={3}
        />
        {add.error ? <ApiErrorAlert error={add.error} /> : null}
        <Button type="submit">{t('meetings.save_note')}</Button>
      </form>
      <ul>
        {(query.data?.items ?? []).map((n) => (
          <li key={n.id}>
            {t('meetings.note_on_page', { n: n.page })}: {n.text ?? t('meetings.highlight')}{' '}
            <Button small variant="quiet" onClick={() => remove.mutate(n.id)}>
              {t('meetings.delete_note')}
              <span className="visually-hidden"> {t('meetings.note_on_page', { n: n.page })}</span>
            </Button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
