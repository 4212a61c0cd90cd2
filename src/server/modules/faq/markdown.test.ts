import { describe, expect, it } from 'vitest';
import { DEMO_FAQ } from '../../db/seed-data.js';
import { renderMarkdown } from './markdown.js';

/** Every opening tag in the HTML: its name and its attributes (every value quoted, as the sanitiser writes them). */
function tags(html: string): { name: string; attributes: [string, string][] }[] {
  return [...html.matchAll(/<([a-z0-9]+)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*\/?>/gi)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attributes: [...m[2]!.matchAll(/\s+([a-z-]+)(?:="([^"]*)")?/gi)].map((a) => [
      a[1]!.toLowerCase(),
      a[2] ?? '',
    ]),
  }));
}

const ALLOWED: Record<string, string[]> = {
  ...Object.fromEntries(
    [
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'p',
      'br',
      'ul',
      'li',
      'strong',
      'em',
      'del',
      'blockquote',
      'code',
      'pre',
      'hr',
    ]
      .concat(['table', 'thead', 'tbody', 'tr'])
      .map((name) => [name, []]),
  ),
  ol: ['start'],
  th: ['align'],
  td: ['align'],
  a: ['href', 'title', 'rel'],
};

/** The HTML holds only allowlisted tags and attributes (so no handler, style or image), every `<` is a tag the
 * sanitiser wrote, and links go only to http, https and mailto with rel="noopener noreferrer". */
function expectSafe(html: string): void {
  const found = tags(html);
  expect(found.length + [...html.matchAll(/<\//g)].length, html).toBe([...html.matchAll(/</g)].length);
  for (const { name, attributes } of found) {
    expect(Object.keys(ALLOWED), html).toContain(name);
    for (const [attribute] of attributes) expect(ALLOWED[name], `${name} ${attribute}`).toContain(attribute);
    if (name === 'a') {
      const attrs = Object.fromEntries(attributes);
      expect(attrs.href).toMatch(/^(https?:\/\/|mailto:)/i);
      expect(attrs.rel).toBe('noopener noreferrer');
    }
  }
}

describe('rendering a reference article', () => {
  it('has a safety check that notices unsafe HTML', () => {
    for (const bad of [
      '<img src="x">',
      '<p onclick="x">a</p>',
      '<p style="color:red">a</p>',
      '<a href="javascript:alert(1)" rel="noopener noreferrer">a</a>',
      '<a href="https://example.kz">a</a>',
      '<p><script>x</script></p>',
      '<p>a <b>b</b></p>',
      '<p><img src=x onerror=alert(1)></p>',
    ])
      expect(() => expectSafe(bad), bad).toThrow();
    expect(() =>
      expectSafe('<p>a &lt;b&gt; <a href="https://x.kz" rel="noopener noreferrer">x</a></p>'),
    ).not.toThrow();
  });

  it('keeps headings, paragraphs, lists, emphasis, quotes, code, rules and tables', () => {
    const html = renderMarkdown(
      [
        '## Что взять',
        '',
        'Обычный **жирный** и *курсив* и `код`.',
        '',
        '- один',
        '- два',
        '',
        '1. первый',
        '2. второй',
        '',
        '> цитата',
        '',
        '---',
        '',
        '| документ | нужен |',
        '| :-- | :-: |',
        '| ИИН | да |',
      ].join('\n'),
    );
    expect(html).toContain('<h2>Что взять</h2>');
    expect(html).toContain('<strong>жирный</strong>');
    expect(html).toContain('<em>курсив</em>');
    expect(html).toContain('<code>код</code>');
    expect(html).toMatch(/<ul>\s*<li>один<\/li>\s*<li>два<\/li>\s*<\/ul>/);
    expect(html).toMatch(/<ol>\s*<li>первый<\/li>/);
    expect(html).toMatch(/<blockquote>\s*<p>цитата<\/p>\s*<\/blockquote>/);
    expect(html).toContain('<hr />');
    expect(html).toContain('<th align="left">документ</th>');
    expect(html).toContain('<td align="center">да</td>');
    expectSafe(html);
  });

  it('turns a top-level heading into h2, because the page title is the h1', () => {
    expect(renderMarkdown('# Title')).toBe('<h2>Title</h2>');
  });

  it('keeps http, https and mailto links and marks them noopener noreferrer', () => {
    const html = renderMarkdown(
      '[egov](https://egov.kz "портал") [site](http://example.kz) [mail](mailto:akimat@example.kz)',
    );
    expect(html).toContain('<a href="https://egov.kz" title="портал" rel="noopener noreferrer">egov</a>');
    expect(html).toContain('<a href="http://example.kz" rel="noopener noreferrer">site</a>');
    expect(html).toContain('<a href="mailto:akimat@example.kz" rel="noopener noreferrer">mail</a>');
    expectSafe(html);
  });

  it.each([
    ['a javascript: link', '[x](javascript:alert(1))'],
    ['a javascript: link in capitals with spaces', '[x]( JaVaScRiPt:alert(1) )'],
    ['an entity-encoded javascript: link', '[x](jav&#x61;script:alert(1))'],
    ['a javascript: autolink', '<javascript:alert(1)>'],
    ['a data: link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['a vbscript: link', '[x](vbscript:msgbox(1))'],
    ['a protocol-relative link', '[x](//evil.example/steal)'],
    ['a relative link into the app', '[x](/office/appeals)'],
    ['a reference-style javascript: link', '[x][1]\n\n[1]: javascript:alert(1)'],
  ])('drops %s but keeps its words', (_what, md) => {
    const html = renderMarkdown(md);
    expectSafe(html);
    expect(html).not.toContain('<a');
    expect(html).not.toMatch(/href/i);
  });

  it.each([
    ['a script tag', '<script>alert(1)</script>'],
    ['a script tag inside a paragraph', 'Hello <script>alert(1)</script> world'],
    ['an image with onerror', '<img src=x onerror="alert(1)">'],
    ['an svg with onload', '<svg onload=alert(1)><circle r=1 /></svg>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
    ['a raw HTML block with a handler', '<div onclick="alert(1)" style="position:fixed">\n\nclick\n\n</div>'],
    ['a raw anchor with javascript:', '<a href="javascript:alert(1)">x</a>'],
    ['a style block', '<style>body { display: none }</style>'],
    ['a form', '<form action="https://evil.example"><input name="iin"><button>Send</button></form>'],
    ['an HTML comment', '<!-- <script>alert(1)</script> -->'],
    ['a Markdown image', '![x](https://evil.example/track.png)'],
    ['a Markdown image with a data: URL', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
    [
      'a link title that breaks out of the attribute',
      '[x](https://example.kz "a\\" onmouseover=\\"alert(1)")',
    ],
  ])('leaves no markup from %s', (_what, md) => {
    const html = renderMarkdown(md);
    expectSafe(html);
    expect(html).not.toMatch(/<(script|img|svg|iframe|div|style|form|input|button)\b/i);
  });

  it('shows raw HTML as text rather than losing the words', () => {
    expect(renderMarkdown('Press <b>Next</b>')).toBe('<p>Press &lt;b&gt;Next&lt;/b&gt;</p>');
  });

  it('gives an empty string for empty text', () => {
    expect(renderMarkdown('')).toBe('');
    expect(renderMarkdown('   \n\n ')).toBe('');
  });

  it('renders every demo article in every language to non-empty safe HTML', () => {
    for (const article of DEMO_FAQ) {
      for (const lang of ['kk', 'ru', 'en'] as const) {
        const html = renderMarkdown(article.body[lang]);
        expect(html.length, `${article.slug} ${lang}`).toBeGreaterThan(40);
        expect(html, `${article.slug} ${lang}`).toMatch(/^<(h2|p|ul|ol)>/);
        expectSafe(html);
        // The seed is plain Markdown: nothing in it is escaped as stray HTML.
        expect(html, `${article.slug} ${lang}`).not.toContain('&lt;');
      }
    }
  });
});
