/**
 * Reads a rendered PDF back for tests: the text of each page as a reader would copy it, and the
 * font resources it names. Test-only (pdfjs-dist is a dev dependency): never import from app code.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of each page; a line break where pdf.js sees the end of a line. */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push(text);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** Width and height of each page, in points. */
export async function pdfPageSizes(pdf: Buffer): Promise<{ width: number; height: number }[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const sizes = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const { width, height } = (await doc.getPage(n)).getViewport({ scale: 1 });
      sizes.push({ width, height });
    }
    return sizes;
  } finally {
    await doc.destroy();
  }
}

/** All pages' text, lines joined with "\n". */
export async function pdfText(pdf: Buffer): Promise<string> {
  return (await pdfPages(pdf)).join('\n');
}

/** The PDF's metadata dictionary as pdf.js reads it. */
export async function pdfInfo(pdf: Buffer): Promise<Record<string, unknown>> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const { info } = await doc.getMetadata();
    return { ...(info as Record<string, unknown>) };
  } finally {
    await doc.destroy();
  }
}

/** The BaseFont names of the font dictionaries (pdfkit writes them as plain objects). */
export function pdfFontNames(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  return [...raw.matchAll(/\/BaseFont\s*\/([^\s/<>[\]]+)/g)].map((m) => m[1] ?? '');
}
