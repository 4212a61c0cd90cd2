// A small rich-text editor for the answer: paragraphs, bold, italic, bulleted and numbered lists, links. The browser's
// own editing (contenteditable) does the work; whatever HTML it makes is only a proposal — the server keeps what its
// allow-list knows (answers/richtext.ts) and the citizen sees exactly that.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

type Command = 'bold' | 'italic' | 'insertUnorderedList' | 'insertOrderedList';

const BUTTONS: { command: Command; key: string; glyph: string }[] = [
  { command: 'bold', key: 'bold', glyph: 'B' },
  { command: 'italic', key: 'italic', glyph: 'I' },
  { command: 'insertUnorderedList', key: 'bullets', glyph: '•' },
  { command: 'insertOrderedList', key: 'numbers', glyph: '1.' },
];

interface EditorProps {
  /** The HTML to start from; read again when `resetKey` changes (a draft loaded, an answer sent). */
  initialHtml: string;
  resetKey: string;
  label: string;
  onChange: (html: string) => void;
  disabled?: boolean;
}

export function RichTextEditor({ initialHtml, resetKey, label, onChange, disabled = false }: EditorProps) {
  const { t } = useTranslation();
  const area = useRef<HTMLDivElement>(null);
  const saved = useRef<Range | null>(null);
  const labelId = useId();
  const linkId = useId();
  const [active, setActive] = useState<Record<string, boolean>>({});
  const [linking, setLinking] = useState(false);
  const [href, setHref] = useState('https://');

  useEffect(() => {
    if (area.current) area.current.innerHTML = initialHtml;
    // Enter makes a paragraph, not a div, so the server's allow-list keeps the structure.
    document.execCommand('defaultParagraphSeparator', false, 'p');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the HTML is read again only when the key changes
  }, [resetKey]);

  useEffect(() => {
    const update = () => {
      if (!area.current?.contains(document.getSelection()?.anchorNode ?? null)) return;
      setActive(Object.fromEntries(BUTTONS.map((b) => [b.command, document.queryCommandState(b.command)])));
    };
    document.addEventListener('selectionchange', update);
    return () => document.removeEventListener('selectionchange', update);
  }, []);

  const changed = () => onChange(area.current?.innerHTML ?? '');

  const run = (command: Command | 'unlink') => {
    area.current?.focus();
    document.execCommand(command, false);
    changed();
  };

  const startLink = () => {
    const selection = document.getSelection();
    saved.current =
      selection && selection.rangeCount > 0 && area.current?.contains(selection.anchorNode)
        ? selection.getRangeAt(0).cloneRange()
        : null;
    setHref('https://');
    setLinking(true);
  };

  const addLink = () => {
    const url = href.trim();
    setLinking(false);
    if (!/^(https?:\/\/|mailto:|tel:)\S+$/i.test(url)) return;
    area.current?.focus();
    const selection = document.getSelection();
    if (saved.current && selection) {
      selection.removeAllRanges();
      selection.addRange(saved.current);
    }
    if (selection && !selection.isCollapsed) document.execCommand('createLink', false, url);
    else
      document.execCommand(
        'insertHTML',
        false,
        `<a href="${encodeURI(url)}">${url.replace(/[<>&"]/g, '')}</a>`,
      );
    changed();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      startLink();
    }
  };

  return (
    <div className="rte">
      <p id={labelId} className="rte-label">
        {label}
      </p>
      <div
        className="rte-toolbar"
        role="toolbar"
        aria-label={t('office.editor.toolbar')}
        aria-controls={`${labelId}-area`}
      >
        {BUTTONS.map((b) => (
          <button
            key={b.command}
            type="button"
            className={`rte-button rte-${b.key}`}
            aria-label={t(`office.editor.${b.key}`)}
            title={t(`office.editor.${b.key}`)}
            aria-pressed={active[b.command] ?? false}
            disabled={disabled}
            // Keeps the selection in the text while the button is pressed.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => run(b.command)}
          >
            <span aria-hidden="true">{b.glyph}</span>
          </button>
        ))}
        <button
          type="button"
          className="rte-button"
          disabled={disabled}
          onMouseDown={(e) => e.preventDefault()}
          onClick={startLink}
        >
          {t('office.editor.link')}
        </button>
        <button
          type="button"
          className="rte-button"
          disabled={disabled}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => run('unlink')}
        >
          {t('office.editor.unlink')}
        </button>
      </div>
      {linking ? (
        <div className="rte-link">
          <label htmlFor={linkId}>{t('office.editor.linkAddress')}</label>
          <input
            id={linkId}
            type="url"
            value={href}
            autoFocus
            onChange={(e) => setHref(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addLink();
              } else if (e.key === 'Escape') setLinking(false);
            }}
          />
          <button type="button" onClick={addLink}>
            {t('office.editor.addLink')}
          </button>
          <button type="button" onClick={() => setLinking(false)}>
            {t('office.editor.cancel')}
          </button>
        </div>
      ) : null}
      <div
        ref={area}
        id={`${labelId}-area`}
        className="rte-area"
        role="textbox"
        aria-multiline="true"
        aria-labelledby={labelId}
        contentEditable={!disabled}
        suppressContentEditableWarning
        tabIndex={0}
        onInput={changed}
        onBlur={changed}
        onKeyDown={onKeyDown}
        data-testid="answer-editor"
      />
    </div>
  );
}
