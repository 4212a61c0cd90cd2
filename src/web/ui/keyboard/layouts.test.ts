import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DIGITS,
  LAYOUTS,
  LAYOUT_IDS,
  PUNCTUATION,
  applyKey,
  keyText,
  layoutsFor,
  nextLayout,
  type Key,
  type KeyboardState,
  type LayoutId,
} from './layouts.js';

const all = (id: LayoutId) => LAYOUTS[id].rows.flat();
const start = (value = '', extra: Partial<KeyboardState> = {}): KeyboardState => ({
  value,
  shift: 'off',
  layout: 'kk',
  ...extra,
});
const options = { layouts: ['kk', 'ru', 'en'] as LayoutId[] };
const char = (c: string): Key => ({ kind: 'char', char: c });

/** Presses the keys one after another. */
function type(state: KeyboardState, keys: Key[], maxLength?: number): KeyboardState {
  return keys.reduce((s, key) => applyKey(s, key, { ...options, maxLength }), state);
}

describe('keyboard layouts', () => {
  it('has every letter of the Kazakh alphabet on the Kazakh layout', () => {
    const kazakh = 'аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя';
    expect([...kazakh].filter((c) => !all('kk').includes(c))).toEqual([]);
    for (const c of ['ә', 'і', 'ң', 'ғ', 'ү', 'ұ', 'қ', 'ө', 'һ']) expect(all('kk')).toContain(c);
  });

  it('has every Russian letter on the Russian layout, in ЙЦУКЕН order', () => {
    const russian = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя';
    expect([...all('ru')].sort()).toEqual([...russian].sort());
    expect(LAYOUTS.ru.rows[0]?.join('')).toBe('йцукенгшщзхъ');
    expect(LAYOUTS.ru.rows[1]?.join('')).toBe('фывапролджэ');
  });

  it('has the 26 Latin letters on a QWERTY layout', () => {
    expect([...all('en')].sort().join('')).toBe('abcdefghijklmnopqrstuvwxyz');
    expect(LAYOUTS.en.rows.map((r) => r.join(''))).toEqual(['qwertyuiop', 'asdfghjkl', 'zxcvbnm']);
  });

  it('has no letter twice on a layout, and short names in their own script', () => {
    for (const id of LAYOUT_IDS) {
      expect(new Set(all(id)).size, id).toBe(all(id).length);
      expect(LAYOUTS[id].id).toBe(id);
    }
    expect(LAYOUT_IDS.map((id) => LAYOUTS[id].name)).toEqual(['ҚАЗ', 'РУС', 'ENG']);
  });

  it('has digits and the punctuation for a note', () => {
    expect(DIGITS.join('')).toBe('1234567890');
    expect(PUNCTUATION).toEqual(['.', ',', '?', '!', '-', '(', ')', ':']);
  });

  it.each([
    ['kk', ['kk', 'ru', 'en']],
    ['ru', ['ru', 'kk', 'en']],
    ['en', ['en', 'ru', 'kk']],
  ] as const)('offers the layouts for %s in the order %j', (language, expected) => {
    expect(layoutsFor(language)).toEqual(expected);
  });

  it('switches to the next offered layout and wraps round', () => {
    expect(nextLayout(['ru', 'kk', 'en'], 'ru')).toBe('kk');
    expect(nextLayout(['ru', 'kk', 'en'], 'en')).toBe('ru');
    expect(nextLayout(['en'], 'en')).toBe('en');
    expect(nextLayout(['ru', 'en'], 'kk')).toBe('ru');
    expect(type(start('', { layout: 'kk' }), [{ kind: 'layout' }]).layout).toBe('ru');
    expect(
      type(start('', { layout: 'kk' }), [{ kind: 'layout' }, { kind: 'layout' }, { kind: 'layout' }]).layout,
    ).toBe('kk');
  });
});

describe('pressing keys', () => {
  it('types letters, Kazakh ones included', () => {
    expect(type(start(), ['қ', 'ө', 'ң', 'і', 'ш'].map(char)).value).toBe('қөңіш');
  });

  it('types one capital after Shift, then small letters again', () => {
    const state = type(start(), [{ kind: 'shift' }, char('ә'), char('б')]);
    expect(state.value).toBe('Әб');
    expect(state.shift).toBe('off');
  });

  it('keeps capitals on after a second Shift until a third', () => {
    const locked = type(start(), [{ kind: 'shift' }, { kind: 'shift' }, char('ұ'), char('і'), char('q')]);
    expect(locked.value).toBe('ҰІQ');
    expect(locked.shift).toBe('locked');
    const unlocked = type(locked, [{ kind: 'shift' }, char('a')]);
    expect(unlocked.value).toBe('ҰІQa');
    expect(unlocked.shift).toBe('off');
  });

  it('shows upper-case key caps for every letter of every layout under Shift', () => {
    for (const id of LAYOUT_IDS) {
      for (const c of all(id)) {
        expect(keyText(c, 'once'), c).not.toBe(c);
        expect(keyText(c, 'once').toLowerCase(), c).toBe(c);
        expect(keyText(c, 'off')).toBe(c);
      }
    }
    expect(keyText('һ', 'locked')).toBe('Һ');
    expect(keyText('1', 'locked')).toBe('1');
  });

  it('keeps Shift for the next letter across a space', () => {
    const state = type(start('a'), [{ kind: 'shift' }, { kind: 'space' }]);
    expect(state.shift).toBe('once');
    expect(type(state, [char('b')]).value).toBe('a B');
  });

  it('erases the last character, and nothing when empty', () => {
    expect(type(start('Абай'), [{ kind: 'backspace' }]).value).toBe('Аба');
    expect(type(start(''), [{ kind: 'backspace' }]).value).toBe('');
    // A character outside the Basic Multilingual Plane is one character, not two halves.
    expect(type(start('a😀'), [{ kind: 'backspace' }]).value).toBe('a');
  });

  it('ignores a leading space and a second space in a row', () => {
    expect(type(start(), [{ kind: 'space' }]).value).toBe('');
    expect(type(start('a'), [{ kind: 'space' }, { kind: 'space' }, char('b')]).value).toBe('a b');
  });

  it('stops at maxLength, counting characters as people do, but still erases', () => {
    expect(type(start(), ['а', 'б', 'в', 'г'].map(char), 3).value).toBe('абв');
    expect(type(start('абв'), [{ kind: 'space' }], 3).value).toBe('абв');
    expect(type(start('a😀'), [char('b')], 3).value).toBe('a😀b');
    expect(type(start('абв'), [{ kind: 'backspace' }, char('д')], 3).value).toBe('абд');
    expect(type(start('абвг'), [char('д')], 3).value).toBe('абвг');
  });

  it('never grows past maxLength, never starts with a space nor holds two in a row (any presses)', () => {
    const keys: Key[] = [
      ...all('kk').map(char),
      ...PUNCTUATION.map(char),
      ...DIGITS.map(char),
      { kind: 'space' },
      { kind: 'backspace' },
      { kind: 'shift' },
      { kind: 'layout' },
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...keys), { maxLength: 60 }),
        fc.integer({ min: 0, max: 20 }),
        (presses, maxLength) => {
          const state = type(start(), presses, maxLength);
          expect(Array.from(state.value).length).toBeLessThanOrEqual(maxLength);
          expect(state.value).not.toMatch(/^\s|\s\s/);
          expect(options.layouts).toContain(state.layout);
        },
      ),
    );
  });
});
