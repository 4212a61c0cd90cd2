// Reference articles are written in Markdown by staff and read by citizens: render them to HTML that a browser can
// show as it is. Two layers: raw HTML in the source is escaped (shown as text, never parsed), and whatever marked
// produces then passes an allowlist, so a future marked feature or a bug in it cannot smuggle anything through.
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

const markdown = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    // Raw HTML blocks and inline tags become visible text: an author sees the mistake, a reader sees no markup.
    html: ({ text }) => escapeHtml(text),
  },
});

const LINK_SCHEME = /^(https?:|mailto:)/i;

/** What may survive: text structure, links and tables. No images, no styles, no classes, no event handlers. */
const ALLOWLIST: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    'del',
    'a',
    'blockquote',
    'code',
    'pre',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    ol: ['start'],
    th: [{ name: 'align', multiple: false, values: ['left', 'center', 'right'] }],
    td: [{ name: 'align', multiple: false, values: ['left', 'center', 'right'] }],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // The page's own title is the h1, so an article's headings start one level below it.
    h1: 'h2',
    a: (_tagName, attribs) => {
      const href = (attribs.href ?? '').trim();
      // Relative and protocol-relative links would point into the app itself: keep the words, drop the link.
      if (!LINK_SCHEME.test(href)) return { tagName: 'span', attribs: {} };
      const kept: sanitizeHtml.Attributes = { href };
      if (attribs.title) kept.title = attribs.title;
      kept.rel = 'noopener noreferrer';
      return { tagName: 'a', attribs: kept };
    },
  },
};

/** Markdown → HTML that is safe to insert into a page as it is. Pure: the same text gives the same HTML. */
export function renderMarkdown(md: string): string {
  const html = markdown.parse(md, { async: false });
  return sanitizeHtml(html, ALLOWLIST).trim();
}
