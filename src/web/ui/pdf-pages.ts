// pdf.js, loaded only when a PDF is previewed: it draws each page on a canvas. The worker is a file
// of this build (no script from elsewhere) and nothing is evaluated from strings (script-src 'self').
import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Pages beyond this are left to the download: a preview is for reading the first pages at once. */
const MAX_PAGES = 50;

export async function renderPdfPages(
  data: ArrayBuffer,
  into: HTMLElement,
  label: (n: number) => string,
): Promise<void> {
  const pdf = await getDocument({ data, isEvalSupported: false }).promise;
  try {
    const width = Math.min(into.clientWidth || 800, 1000);
    for (let n = 1; n <= Math.min(pdf.numPages, MAX_PAGES); n++) {
      const page = await pdf.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const scale = width / base.width;
      const viewport = page.getViewport({ scale: scale * (window.devicePixelRatio || 1) });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(base.width * scale)}px`;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', label(n));
      into.append(canvas);
      await page.render({ canvas, viewport }).promise;
    }
  } finally {
    await pdf.destroy();
  }
}
