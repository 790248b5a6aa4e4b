import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button.tsx';

/** Types the page can show itself; anything else is only downloaded. */
export const previewable = (mime: string) =>
  mime === 'application/pdf' || /^image\/(png|jpeg|webp|gif)$/.test(mime);

/**
 * "Xem trước": the file in a dialog on the page, without downloading it. The file is fetched with the
 * session like any API call (the API may not be framed), images are shown as they are, and PDFs are
 * drawn page by page by pdf.js, loaded only when a PDF is first opened.
 */
export function FilePreview({ href, name, mime }: { href: string; name: string; mime: string }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const pages = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [image, setImage] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    if (!open) return;
    dialog.current?.showModal();
    let cancelled = false;
    let url: string | null = null;
    setState('loading');
    (async () => {
      const res = await fetch(href, { credentials: 'same-origin' });
      if (!res.ok) throw new Error(String(res.status));
      const blob = await res.blob();
      if (cancelled) return;
      if (mime === 'application/pdf') {
        const { renderPdfPages } = await import('./pdf-pages.ts');
        await renderPdfPages(await blob.arrayBuffer(), pages.current!, (n) => t('preview.page', { n }));
      } else {
        url = URL.createObjectURL(blob);
        setImage(url);
      }
      if (!cancelled) setState('ready');
    })().catch(() => !cancelled && setState('failed'));
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
      setImage(null);
      if (pages.current) pages.current.textContent = '';
    };
  }, [open, href, mime, t]);

  const close = () => {
    dialog.current?.close();
    setOpen(false);
  };
  return (
    <>
      <Button variant="quiet" small onClick={() => setOpen(true)}>
        {t('preview.open')}
        <span className="visually-hidden"> {name}</span>
      </Button>
      {open ? (
        <dialog
          ref={dialog}
          className="file-preview"
          aria-label={t('preview.title', { name })}
          onClose={close}
        >
          <div className="file-preview-bar">
            <h2 className="file-preview-title">{name}</h2>
            <a href={href} download className="btn btn-secondary btn-small">
              {t('preview.download')}
            </a>
            <Button small onClick={close}>
              {t('preview.close')}
            </Button>
          </div>
          <div className="file-preview-body" aria-busy={state === 'loading'}>
            {state === 'loading' ? <p role="status">{t('preview.loading')}</p> : null}
            {state === 'failed' ? <p role="alert">{t('preview.failed')}</p> : null}
            {image ? <img src={image} alt={name} /> : null}
            <div ref={pages} className="file-preview-pages" />
          </div>
        </dialog>
      ) : null}
    </>
  );
}
