// The structured body of an article: the JSON document of the Tiptap editor (ProseMirror's shape),
// rendered to HTML here on the server and then passed through sanitize-html with an allow-list, so
// nothing an editor (or an attacker with an editor's account) stores can run in a reader's browser.
import sanitizeHtml from 'sanitize-html';

export interface DocMark {
  type: string;
  attrs?: Record<string, unknown>;
}
export interface DocNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: DocNode[];
  text?: string;
  marks?: DocMark[];
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const MARKS: Record<string, (inner: string, attrs: Record<string, unknown>) => string> = {
  bold: (s) => `<strong>${s}</strong>`,
  italic: (s) => `<em>${s}</em>`,
  underline: (s) => `<u>${s}</u>`,
  strike: (s) => `<s>${s}</s>`,
  code: (s) => `<code>${s}</code>`,
  link: (s, a) => `<a href="${escapeHtml(String(a.href ?? ''))}">${s}</a>`,
};

const BLOCKS: Record<string, (inner: string, attrs: Record<string, unknown>) => string> = {
  doc: (s) => s,
  paragraph: (s) => `<p>${s}</p>`,
  // h1 is the article's title: body headings start at h2.
  heading: (s, a) => {
    const level = Math.min(Math.max(Number(a.level) || 2, 2), 4);
    return `<h${level}>${s}</h${level}>`;
  },
  bulletList: (s) => `<ul>${s}</ul>`,
  orderedList: (s) => `<ol>${s}</ol>`,
  listItem: (s) => `<li>${s}</li>`,
  blockquote: (s) => `<blockquote>${s}</blockquote>`,
  codeBlock: (s) => `<pre><code>${s}</code></pre>`,
  horizontalRule: () => '<hr>',
  hardBreak: () => '<br>',
  image: (_s, a) =>
    `<img src="${escapeHtml(String(a.src ?? ''))}" alt="${escapeHtml(String(a.alt ?? ''))}" loading="lazy">`,
};

function renderNode(node: DocNode): string {
  if (node.type === 'text') {
    let out = escapeHtml(node.text ?? '');
    for (const mark of node.marks ?? []) out = MARKS[mark.type]?.(out, mark.attrs ?? {}) ?? out;
    return out;
  }
  const inner = (node.content ?? []).map(renderNode).join('');
  // Unknown node types keep their text and lose their meaning, rather than failing a reader's page.
  return BLOCKS[node.type]?.(inner, node.attrs ?? {}) ?? inner;
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h2',
    'h3',
    'h4',
    'ul',
    'ol',
    'li',
    'blockquote',
    'pre',
    'code',
    'hr',
    'br',
    'strong',
    'em',
    'u',
    's',
    'a',
    'img',
  ],
  allowedAttributes: { a: ['href', 'rel'], img: ['src', 'alt', 'loading'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: [] },
  // Images only from this server (the files API): an editor cannot make readers' browsers call out.
  exclusiveFilter: (frame) => frame.tag === 'img' && !String(frame.attribs.src ?? '').startsWith('/'),
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: /^https?:/i.test(attribs.href ?? '') ? { ...attribs, rel: 'noopener noreferrer' } : attribs,
    }),
  },
};

/** The body as HTML readers may be given: rendered from the document, then allow-listed. */
export function renderBody(doc: DocNode): string {
  return sanitizeHtml(renderNode(doc), SANITIZE);
}

/** The body's words, for search and for summaries. */
export function bodyText(node: DocNode): string {
  if (node.type === 'text') return node.text ?? '';
  const parts = (node.content ?? []).map(bodyText);
  const block = node.type !== 'doc' && BLOCKS[node.type] !== undefined;
  return parts
    .join(block ? ' ' : '')
    .concat(block ? ' ' : '')
    .replace(/\s+/g, ' ');
}

/** A document of plain paragraphs (demo data, imports). */
export function paragraphs(...texts: string[]): DocNode {
  return {
    type: 'doc',
    content: texts.map((text) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] })),
  };
}

export { escapeHtml };
