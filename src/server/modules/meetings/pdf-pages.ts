// The page count of an uploaded PDF, read at upload (issue 12, item 2) without a PDF library on the
// server: the root of the page tree (/Type /Pages) carries /Count, the number of pages under it. The
// dictionaries are read from the file's objects and, for PDF 1.5+ files, from its compressed object
// streams (/Type /ObjStm, Flate). The largest /Count of a /Pages node is the root's.
import { inflateSync } from 'node:zlib';

const OBJECT = /(\d+)\s+(\d+)\s+obj\b([\s\S]*?)\bendobj/g;
const PAGES = /\/Type\s*\/Pages(?![A-Za-z])/;
const COUNT = /\/Count\s+(\d+)/;

/** The dictionaries kept in one object stream: its header lists each object's offset after /First. */
function objectStreamBodies(dict: string, data: Buffer): string[] {
  const first = Number(/\/First\s+(\d+)/.exec(dict)?.[1] ?? Number.NaN);
  const n = Number(/\/N\s+(\d+)/.exec(dict)?.[1] ?? Number.NaN);
  if (!Number.isFinite(first) || !Number.isFinite(n)) return [];
  const text = data.toString('latin1');
  const header = text.slice(0, first).trim().split(/\s+/).map(Number);
  const offsets = Array.from({ length: n }, (_, i) => header[2 * i + 1]!).filter(Number.isFinite);
  return offsets.map((off, i) =>
    text.slice(first + off, i + 1 < offsets.length ? first + offsets[i + 1]! : undefined),
  );
}

export function pdfPageCount(pdf: Buffer): number | null {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return null;
  const text = pdf.toString('latin1');
  const bodies: string[] = [];
  for (const m of text.matchAll(OBJECT)) {
    const body = m[3]!;
    const streamAt = body.search(/\bstream\r?\n/);
    const dict = streamAt >= 0 ? body.slice(0, streamAt) : body;
    bodies.push(dict);
    if (streamAt < 0 || !/\/Type\s*\/ObjStm/.test(dict) || !/\/FlateDecode/.test(dict)) continue;
    // The stream's bytes, between "stream" and "endstream", in the file's own offsets.
    const start =
      m.index! + m[0].indexOf(body) + streamAt + /\bstream\r?\n/.exec(body.slice(streamAt))![0].length;
    const end = text.lastIndexOf('endstream', m.index! + m[0].length);
    try {
      bodies.push(...objectStreamBodies(dict, inflateSync(pdf.subarray(start, end))));
    } catch {
      // An encrypted or damaged object stream: its pages cannot be counted from here.
    }
  }
  let count: number | null = null;
  for (const b of bodies) {
    if (!PAGES.test(b)) continue;
    const c = COUNT.exec(b);
    if (c) count = Math.max(count ?? 0, Number(c[1]));
  }
  return count !== null && count > 0 ? count : null;
}
