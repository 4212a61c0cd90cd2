// The answer's rich text: what the allow-list keeps, what it strips (every way of running script we know of), and
// the plain text kept beside it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { htmlToText, sanitizeAnswer, textToHtml } from './richtext.js';

describe('the answer’s rich text', () => {
  it('keeps paragraphs, bold, italic, lists and links, and gives their plain text', () => {
    const { html, text } = sanitizeAnswer(
      '<p>Уважаемый заявитель!</p><p><b>Ремонт</b> запланирован на <i>май</i>:</p>' +
        '<ul><li>подъезд 1</li><li>подъезд 2</li></ul><ol><li>первое</li></ol>' +
        '<p>Подробнее: <a href="https://akimat.kz/plan">план работ</a>, <a href="tel:+77232000000">+77232000000</a></p>',
    );
    expect(html).toBe(
      '<p>Уважаемый заявитель!</p><p><strong>Ремонт</strong> запланирован на <em>май</em>:</p>' +
        '<ul><li>подъезд 1</li><li>подъезд 2</li></ul><ol><li>первое</li></ol>' +
        '<p>Подробнее: <a href="https://akimat.kz/plan" rel="noopener noreferrer nofollow" target="_blank">план работ</a>, ' +
        '<a href="tel:+77232000000" rel="noopener noreferrer nofollow" target="_blank">+77232000000</a></p>',
    );
    expect(text).toBe(
      'Уважаемый заявитель!\n\nРемонт запланирован на май:\n\n• подъезд 1\n• подъезд 2\n\n• первое\n\n' +
        'Подробнее: план работ (https://akimat.kz/plan), +77232000000',
    );
  });

  it.each([
    ['a script element', '<p>Hi</p><script>alert(1)</script>', '<p>Hi</p>'],
    ['a style element', '<style>body{display:none}</style><p>Hi</p>', '<p>Hi</p>'],
    ['an event handler', '<p onclick="alert(1)" onmouseover="x()">Hi</p>', '<p>Hi</p>'],
    ['an image with onerror', '<img src=x onerror=alert(1)><p>Hi</p>', '<p>Hi</p>'],
    ['a javascript: link', '<p><a href="javascript:alert(1)">Hi</a></p>', '<p>Hi</p>'],
    [
      'an entity-encoded javascript: link',
      '<p><a href="jav&#x09;ascript&#58;alert(1)">Hi</a></p>',
      '<p>Hi</p>',
    ],
    ['a mixed-case javascript: link', '<p><a href=" JaVaScRiPt:alert(1)">Hi</a></p>', '<p>Hi</p>'],
    ['a data: link', '<p><a href="data:text/html;base64,PHNjcmlwdD4=">Hi</a></p>', '<p>Hi</p>'],
    ['a vbscript: link', '<p><a href="vbscript:msgbox(1)">Hi</a></p>', '<p>Hi</p>'],
    ['a relative link', '<p><a href="/office">Hi</a></p>', '<p>Hi</p>'],
    ['a protocol-relative link', '<p><a href="//evil.example">Hi</a></p>', '<p>Hi</p>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe><p>Hi</p>', '<p>Hi</p>'],
    ['an svg with script', '<svg><script>alert(1)</script></svg><p>Hi</p>', '<p>Hi</p>'],
    [
      'a form',
      '<form action="https://evil.example"><input name=a><button>Go</button></form><p>Hi</p>',
      'Go<p>Hi</p>',
    ],
    ['a style attribute', '<p style="position:fixed;top:0">Hi</p>', '<p>Hi</p>'],
    ['a class and an id', '<p class="x" id="y">Hi</p>', '<p>Hi</p>'],
    ['an HTML comment', '<!-- <script>alert(1)</script> --><p>Hi</p>', '<p>Hi</p>'],
    [
      'a meta refresh',
      '<meta http-equiv="refresh" content="0;url=https://evil.example"><p>Hi</p>',
      '<p>Hi</p>',
    ],
    [
      'a target other than a new tab',
      '<p><a href="https://a.kz" target="_top" onclick="x">Hi</a></p>',
      '<p><a href="https://a.kz" rel="noopener noreferrer nofollow" target="_blank">Hi</a></p>',
    ],
    ['an unclosed script', '<p>Hi</p><script>alert(1)', '<p>Hi</p>'],
    ['a textarea breakout', '<textarea></textarea><script>alert(1)</script><p>Hi</p>', '<p>Hi</p>'],
  ])('strips %s', (_name, input, expected) => {
    expect(sanitizeAnswer(input).html).toBe(expected);
  });

  it('takes text without markup as plain text: its < and & are words, its lines are kept', () => {
    expect(sanitizeAnswer('Тариф < 5 000 & > 1 000\nвторая строка\n\nновый абзац')).toEqual({
      html: '<p>Тариф &lt; 5 000 &amp; &gt; 1 000<br />вторая строка</p><p>новый абзац</p>',
      text: 'Тариф < 5 000 & > 1 000\nвторая строка\n\nновый абзац',
    });
  });

  it('counts what the editor leaves behind when everything is deleted as no text at all', () => {
    for (const empty of [
      '',
      '   ',
      '<p><br></p>',
      '<p>&nbsp;</p>',
      '<div><br></div>',
      '<ul><li></li></ul>',
      '<b></b>',
    ])
      expect(sanitizeAnswer(empty), empty).toEqual({ html: '', text: '' });
  });

  it('turns the editor’s divs and b/i into paragraphs and strong/em', () => {
    expect(sanitizeAnswer('<div>one</div><div><b>two</b> <i>three</i></div>').html).toBe(
      '<p>one</p><p><strong>two</strong> <em>three</em></p>',
    );
  });

  it('never leaves a paragraph inside another when a bare link is dropped', () => {
    const once = sanitizeAnswer('<p><a href="javascript:x">!<p>!');
    expect(once.html).toBe('<p>!</p><p>!</p>');
    expect(sanitizeAnswer(once.html)).toEqual(once);
  });

  it('leaves nothing to strip: sanitised again, the same words and still no script', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(
              '<p>',
              '</p>',
              '<b>',
              '</b>',
              '<ul><li>',
              '</li></ul>',
              '<a href="https://x.kz">',
              '</a>',
            ),
            fc.constantFrom(
              '<script>',
              '</script>',
              '<img src=x onerror=y>',
              '<a href="javascript:x">',
              '<br>',
            ),
            fc.string({ maxLength: 8 }),
          ),
          { maxLength: 20 },
        ),
        (parts) => {
          const once = sanitizeAnswer(parts.join(''));
          expect(once.html).not.toMatch(/<script|onerror|javascript:/i);
          const twice = sanitizeAnswer(once.html);
          expect(twice.text).toBe(once.text);
          expect(twice.html).not.toMatch(/<script|onerror|javascript:/i);
        },
      ),
    );
  });

  it('keeps plain text through text → HTML → text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 5 }),
        (lines) => {
          const text = lines
            .map((l) =>
              l
                // eslint-disable-next-line no-control-regex -- the control characters the text drops
                .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e]/g, '')
                .replace(/\s+/g, ' ')
                .trim(),
            )
            .filter((l) => l !== '')
            .join('\n\n');
          expect(htmlToText(textToHtml(text))).toBe(text);
        },
      ),
    );
  });
});
