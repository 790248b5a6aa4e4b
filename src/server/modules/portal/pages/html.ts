// A tagged template that escapes every interpolated value unless it is already Html: the pages are
// built from strings, so escaping by default is what keeps stored text from becoming markup.
import { escapeHtml } from '../body.ts';

export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

type Part = Html | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new Html(out);
}

/** Markup produced by the body renderer (already sanitized). */
export const trusted = (s: string) => new Html(s);

/** JSON for a <script type="application/ld+json">: "<" escaped so no text can close the element. */
export const jsonLd = (data: unknown) =>
  new Html(
    `<script type="application/ld+json">${JSON.stringify(data)
      .replace(/</g, '\\u003c')
      .replace(/\u2028|\u2029/g, '')}</script>`,
  );

/** A snippet with its matches in <mark>. */
export function marked(text: string, marks: readonly [number, number][]): Html {
  let out = '';
  let at = 0;
  for (const [s, e] of marks) {
    if (s < at) continue;
    out += `${escapeHtml(text.slice(at, s))}<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    at = e;
  }
  return new Html(out + escapeHtml(text.slice(at)));
}
