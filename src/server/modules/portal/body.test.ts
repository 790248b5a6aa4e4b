import { describe, expect, it } from 'vitest';
import { bodyText, type DocNode, renderBody } from './body.ts';

const doc = (...content: DocNode[]): DocNode => ({ type: 'doc', content });
const text = (t: string, marks?: DocNode['marks']): DocNode => ({
  type: 'text',
  text: t,
  ...(marks ? { marks } : {}),
});
const p = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content });

describe('renderBody', () => {
  it.each([
    [
      'text is escaped',
      doc(p(text('<script>alert(1)</script>'))),
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    ],
    [
      'marks nest',
      doc(p(text('đậm', [{ type: 'bold' }, { type: 'italic' }]))),
      '<p><em><strong>đậm</strong></em></p>',
    ],
    [
      'headings start at h2',
      doc({ type: 'heading', attrs: { level: 1 }, content: [text('A')] }),
      '<h2>A</h2>',
    ],
    [
      'javascript: links lose their href',
      doc(p(text('x', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]))),
      '<p><a>x</a></p>',
    ],
    [
      'outside links get rel',
      doc(p(text('x', [{ type: 'link', attrs: { href: 'https://chinhphu.vn' } }]))),
      '<p><a href="https://chinhphu.vn" rel="noopener noreferrer">x</a></p>',
    ],
    [
      'attribute breakout in a link is escaped',
      doc(p(text('x', [{ type: 'link', attrs: { href: '/a" onclick="alert(1)' } }]))),
      '<p><a href="/a&quot; onclick=&quot;alert(1)">x</a></p>',
    ],
    [
      'images from elsewhere are dropped',
      doc({ type: 'image', attrs: { src: 'https://evil.example/x.png', alt: 'x' } }),
      '',
    ],
    [
      'images from this server stay',
      doc({ type: 'image', attrs: { src: '/api/files/1', alt: 'Ảnh "đẹp"' } }),
      '<img src="/api/files/1" alt="Ảnh &quot;đẹp&quot;" loading="lazy" />',
    ],
    [
      'onerror on an image cannot be smuggled',
      doc({ type: 'image', attrs: { src: '/x" onerror="alert(1)', alt: '' } }),
      '<img src="/x&quot; onerror=&quot;alert(1)" alt="" loading="lazy" />',
    ],
    ['unknown nodes keep their text only', doc({ type: 'iframe', content: [text('nội dung')] }), 'nội dung'],
  ])('%s', (_name, input, expected) => {
    expect(renderBody(input)).toBe(expected);
  });

  it('bodyText joins blocks with spaces', () => {
    expect(bodyText(doc(p(text('Thủ tục')), p(text('đất đai'))))).toBe('Thủ tục đất đai ');
  });
});
