// The on-screen keyboard's layouts and what a key does to the typed text. Pure, so it is tested without a browser.
import type { Language } from '../../../common/statuses.js';

export type LayoutId = 'kk' | 'ru' | 'en';

export const LAYOUT_IDS: readonly LayoutId[] = ['kk', 'ru', 'en'];

export interface Layout {
  id: LayoutId;
  /** The layout's own short name, in its own script, as keyboards show it (never translated, like language names). */
  name: string;
  /** Rows of lower-case letters, top to bottom. */
  rows: readonly (readonly string[])[];
}

const CYRILLIC_ROWS = [
  ['й', 'ц', 'у', 'к', 'е', 'н', 'г', 'ш', 'щ', 'з', 'х', 'ъ'],
  ['ф', 'ы', 'в', 'а', 'п', 'р', 'о', 'л', 'д', 'ж', 'э'],
  ['я', 'ч', 'с', 'м', 'и', 'т', 'ь', 'б', 'ю', 'ё'],
] as const;

export const LAYOUTS: Readonly<Record<LayoutId, Layout>> = {
  // ЙЦУКЕН with the nine Kazakh letters on a row of their own, where the Kazakh standard keyboard has its digits.
  kk: { id: 'kk', name: 'ҚАЗ', rows: [['ә', 'і', 'ң', 'ғ', 'ү', 'ұ', 'қ', 'ө', 'һ'], ...CYRILLIC_ROWS] },
  ru: { id: 'ru', name: 'РУС', rows: CYRILLIC_ROWS },
  en: {
    id: 'en',
    name: 'ENG',
    rows: [
      ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
      ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l'],
      ['z', 'x', 'c', 'v', 'b', 'n', 'm'],
    ],
  },
};

export const DIGITS: readonly string[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/** For typing a note: enough to write sentences, nothing that needs explaining. */
export const PUNCTUATION: readonly string[] = ['.', ',', '?', '!', '-', '(', ')', ':'];

/** The layouts to offer, the UI language's own first: kk → kk, ru, en; ru → ru, kk, en; en → en, ru, kk. */
export function layoutsFor(language: Language): LayoutId[] {
  switch (language) {
    case 'kk':
      return ['kk', 'ru', 'en'];
    case 'ru':
      return ['ru', 'kk', 'en'];
    case 'en':
      return ['en', 'ru', 'kk'];
  }
}

/** The layout after `current` in the offered order, wrapping round; the first one if `current` is not offered. */
export function nextLayout(layouts: readonly LayoutId[], current: LayoutId): LayoutId {
  const at = layouts.indexOf(current);
  return layouts[(at + 1) % layouts.length] ?? current;
}

/**
 * Capitals: off; `once` for the next letter only (then off again); `locked` until pressed again.
 * Pressing Shift walks off → once → locked → off, as phone keyboards do.
 */
export type ShiftState = 'off' | 'once' | 'locked';

export type Key =
  | { kind: 'char'; char: string }
  | { kind: 'space' }
  | { kind: 'backspace' }
  | { kind: 'shift' }
  | { kind: 'layout' };

export interface KeyboardState {
  value: string;
  shift: ShiftState;
  layout: LayoutId;
}

export interface KeyboardOptions {
  layouts: readonly LayoutId[];
  /** In characters as a person counts them (code points), not UTF-16 units. */
  maxLength?: number;
}

/** What a key shows and types under the given shift state. */
export function keyText(char: string, shift: ShiftState): string {
  return shift === 'off' ? char : char.toUpperCase();
}

const length = (text: string) => Array.from(text).length;

/** The state after one key press. A full field, a second space in a row or a leading space changes nothing. */
export function applyKey(state: KeyboardState, key: Key, options: KeyboardOptions): KeyboardState {
  const full = options.maxLength !== undefined && length(state.value) >= options.maxLength;
  switch (key.kind) {
    case 'char':
      if (full || key.char === '') return state;
      return {
        ...state,
        value: state.value + keyText(key.char, state.shift),
        shift: state.shift === 'once' ? 'off' : state.shift,
      };
    case 'space':
      if (full || state.value === '' || /\s$/.test(state.value)) return state;
      return { ...state, value: `${state.value} ` };
    case 'backspace':
      return { ...state, value: Array.from(state.value).slice(0, -1).join('') };
    case 'shift':
      return { ...state, shift: state.shift === 'off' ? 'once' : state.shift === 'once' ? 'locked' : 'off' };
    case 'layout':
      return { ...state, layout: nextLayout(options.layouts, state.layout) };
  }
}
