// The booth has no physical keyboard: this one types words (a name to search for, a short note) by touch.
// It only turns presses into a new value; the screen that uses it shows the value where the person expects it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DIGITS,
  LAYOUTS,
  PUNCTUATION,
  applyKey,
  keyText,
  nextLayout,
  type Key,
  type LayoutId,
  type ShiftState,
} from './layouts.js';
import './keyboard.css';

export interface OnScreenKeyboardProps {
  value: string;
  onChange: (value: string) => void;
  /** The layouts offered, in order; the switch key walks through them. See layoutsFor(language). */
  layouts: LayoutId[];
  /** The layout shown first; the first of `layouts` when not given. */
  initialLayout?: LayoutId;
  /** In characters; letter, digit and space keys are disabled when the value is this long. */
  maxLength?: number;
  /** The keyboard's accessible name: what is being typed ("Search", "Note"). */
  label: string;
  /** A row of punctuation, for typing sentences rather than a search. */
  punctuation?: boolean;
}

export function OnScreenKeyboard({
  value,
  onChange,
  layouts,
  initialLayout,
  maxLength,
  label,
  punctuation = false,
}: OnScreenKeyboardProps) {
  const { t } = useTranslation();
  const first = initialLayout && layouts.includes(initialLayout) ? initialLayout : (layouts[0] ?? 'ru');
  // The person's choice holds while the offered layouts start the same; a change of UI language starts afresh.
  const [chosen, setChosen] = useState<{ first: LayoutId; layout: LayoutId }>({ first, layout: first });
  const layout = chosen.first === first && layouts.includes(chosen.layout) ? chosen.layout : first;
  const [shift, setShift] = useState<ShiftState>('off');

  const press = (key: Key) => {
    const next = applyKey({ value, shift, layout }, key, { layouts, maxLength });
    setShift(next.shift);
    if (next.layout !== layout) setChosen({ first, layout: next.layout });
    if (next.value !== value) onChange(next.value);
  };

  const full = maxLength !== undefined && Array.from(value).length >= maxLength;
  const charKey = (c: string) => (
    <button
      key={c}
      type="button"
      className="osk-key"
      disabled={full}
      onClick={() => press({ kind: 'char', char: c })}
    >
      {keyText(c, shift)}
    </button>
  );
  const following = nextLayout(layouts, layout);

  return (
    <div className="osk" role="group" aria-label={label} data-testid="on-screen-keyboard">
      <div className="osk-row">{DIGITS.map(charKey)}</div>
      <div className="osk-letters" lang={layout} data-layout={layout}>
        {LAYOUTS[layout].rows.map((row) => (
          <div className="osk-row" key={row.join('')}>
            {row.map(charKey)}
          </div>
        ))}
      </div>
      {punctuation ? <div className="osk-row">{PUNCTUATION.map(charKey)}</div> : null}
      <div className="osk-row osk-controls">
        <button
          type="button"
          className={`osk-key osk-shift osk-shift-${shift}`}
          aria-pressed={shift !== 'off'}
          aria-label={t(`kiosk.keyboard.shift.${shift}`)}
          onClick={() => press({ kind: 'shift' })}
        >
          <span aria-hidden="true">{shift === 'locked' ? '⇪' : '⇧'}</span>
        </button>
        {layouts.length > 1 ? (
          <button
            type="button"
            className="osk-key osk-layout"
            aria-label={t(`kiosk.keyboard.switchTo.${following}`)}
            data-testid="keyboard-layout"
            onClick={() => press({ kind: 'layout' })}
          >
            <span aria-hidden="true">{LAYOUTS[following].name}</span>
          </button>
        ) : null}
        <button
          type="button"
          className="osk-key osk-space"
          disabled={full}
          onClick={() => press({ kind: 'space' })}
        >
          {t('kiosk.keyboard.space')}
        </button>
        <button
          type="button"
          className="osk-key osk-backspace"
          aria-label={t('kiosk.keyboard.backspace')}
          disabled={value === ''}
          onClick={() => press({ kind: 'backspace' })}
        >
          <span aria-hidden="true">⌫</span>
        </button>
      </div>
    </div>
  );
}
