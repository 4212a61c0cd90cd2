// The answer's text: staff write limited rich text in the office's editor (paragraphs, bold, italic, lists, links),
// which the citizen's page shows as it is. So it passes a strict allow-list here, whatever the editor or an API
// client sent; a plain-text version is kept beside it for search, SMS and the public page's text view.
import sanitizeHtml from 'sanitize-html';

const LINK_SCHEME = /^(https?:|mailto:|tel:)/i;

/** Text structure and links only: no images, styles, classes, ids, event handlers, scripts or frames. */
const ALLOWLIST: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a'],
  allowedAttributes: { a: ['href', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // The content of these is never text a person meant to write: dropped with their tags.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'template', 'title'],
  disallowedTagsMode: 'discard',
  transformTags: {
    b: 'strong',
    i: 'em',
    // What a browser's contenteditable makes of Enter: a div per line.
    div: 'p',
    h1: 'p',
    h2: 'p',
    h3: 'p',
    a: (_tagName, given) => {
      const href = (given.href ?? '').trim();
      // A relative link would point into the public site itself: keep the words, drop the link (below). Not by
      // renaming the tag: sanitize-html then closes the next kept link with the new name (`<a …>x</span>`).
      const kept: sanitizeHtml.Attributes = LINK_SCHEME.test(href)
        ? { href, rel: 'noopener noreferrer nofollow', target: '_blank' }
        : {};
      return { tagName: 'a', attribs: kept };
    },
  },
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Text content only (never an attribute), escaped as sanitize-html escapes it, so both give the same HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => ESCAPES[c] ?? c);
}

const UNESCAPES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/** Plain text typed without markup (an API client, an older answer): paragraphs at blank lines, breaks at lines. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br />')}</p>`)
    .join('');
}

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u200e\u200f\u202a-\u202e]/g;

/** The plain text of sanitised HTML: paragraphs apart by a blank line, list items on their own lines, links' URLs. */
export function htmlToText(html: string): string {
  const flat = html
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<li>/g, '• ')
    .replace(/<\/li>/g, '\n')
    .replace(/<\/(p|ul|ol)>/g, '\n\n')
    .replace(/<a href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (_m, href: string, words: string) =>
      words.replace(/<[^>]*>/g, '') === href.replace(/^(mailto|tel):/, '') ? words : `${words} (${href})`,
    )
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (entity) => UNESCAPES[entity] ?? entity);
  return flat
    .replace(CONTROL, '')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Links without an address lose their tag, and empty links, items, lists and paragraphs go, until none is left. */
function tidy(html: string): string {
  let previous: string;
  let current = html;
  do {
    previous = current;
    current = current
      .replace(/<a>((?:(?!<a[ >])[\s\S])*?)<\/a>/g, '$1')
      .replace(/<a [^>]*>(\s|&nbsp;)*<\/a>/g, '')
      .replace(/<(strong|em)>(\s|&nbsp;)*<\/\1>/g, '')
      .replace(/<p>(\s|&nbsp;|<br \/>)*<\/p>/g, '')
      .replace(/<li>(\s|&nbsp;|<br \/>)*<\/li>/g, '')
      .replace(/<(ul|ol)>\s*<\/\1>/g, '');
  } while (current !== previous);
  return current.trim();
}

/**
 * The allow-list, passed again until nothing changes: dropping a bare link can leave a paragraph directly inside
 * another (`<p><a>x<p>y` gives `<p>x<p>y</p></p>`), which the parser only closes properly on the next pass.
 */
function sanitizeMarkup(source: string): string {
  let html = tidy(sanitizeHtml(source, ALLOWLIST));
  for (let pass = 0; pass < 3; pass++) {
    const again = tidy(sanitizeHtml(html, ALLOWLIST));
    if (again === html) break;
    html = again;
  }
  return html;
}

export interface RichText {
  /** Safe to insert into a page as it is. */
  html: string;
  /** The same words without markup. */
  text: string;
}

/** A tag or a character reference: the input is HTML (an editor's "a &amp; b" has no tag but is HTML all the same). */
const MARKUP = /<[a-z!/]|&(#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;

/**
 * Whatever arrives → the allow-listed HTML and its plain text. Input with neither a tag nor a character reference is
 * taken as plain text (an API client's answer), so its line breaks and `<`/`&` survive as written. Empty paragraphs
 * are dropped.
 */
export function sanitizeAnswer(input: string): RichText {
  const source = input.replace(CONTROL, (c) => (c === '\u000b' || c === '\u000c' ? ' ' : ''));
  const html = MARKUP.test(source) ? sanitizeMarkup(source) : textToHtml(source);
  const text = htmlToText(html);
  return { html: text === '' ? '' : html, text };
}
