// Every SMS template in every language, filled with the longest realistic values, fits in two segments.
import { describe, expect, it } from 'vitest';
import kk from '../../web/i18n/kk.json' with { type: 'json' };
import { LANGUAGES, type Language } from '../../common/statuses.js';
import { DEMO_OFFICIALS } from '../db/seed-data.js';
import { translate } from '../i18n.js';
import { countSegments } from './segments.js';

const longest = (names: string[]) => names.reduce((a, b) => (b.length > a.length ? b : a), '');

/** Bodies outside the city administration an appeal is redirected to, with long official names. */
const OUTSIDE_BODIES: Record<Language, string[]> = {
  kk: [
    'Қазақстан Республикасы Экология және табиғи ресурстар министрлігі',
    'Шығыс Қазақстан облысының денсаулық сақтау басқармасы',
    'Шығыс Қазақстан облысының полиция департаменті',
  ],
  ru: [
    'Министерство экологии и природных ресурсов Республики Казахстан',
    'Управление здравоохранения Восточно-Казахстанской области',
    'Департамент полиции Восточно-Казахстанской области',
  ],
  en: [
    'Ministry of Ecology and Natural Resources of the Republic of Kazakhstan',
    'Health Department of the East Kazakhstan Region',
    'Police Department of the East Kazakhstan Region',
  ],
};

/** The worst case of each placeholder; a template with a placeholder missing here fails the test. */
function worstValues(lang: Language): Record<string, string[]> {
  return {
    // The sequence grows to six digits past 99,999 appeals in one day (REGISTRATION_NUMBER_PATTERN).
    number: ['261231-999999'],
    code: ['999999'],
    accessCode: ['ZZZZZ-ZZZZZ'],
    // Deadlines are dd.mm.yyyy; an extension two months ahead is as long as any.
    deadline: ['31.12.2026', '18.01.2027'],
    addressee: [longest(DEMO_OFFICIALS.map((o) => o.fullName[lang])), ...OUTSIDE_BODIES[lang]],
    official: [longest(DEMO_OFFICIALS.map((o) => o.fullName[lang]))],
    // The staff digest: appeals due soon and late, and the working days it looks ahead.
    count: ['9999'],
    overdue: ['9999'],
    days: ['3'],
  };
}

/** Every combination of the placeholders' values. */
function fillings(names: string[], values: Record<string, string[]>): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const name of names) {
    const options = values[name];
    if (!options) throw new Error(`no worst-case value for {{${name}}}: add one to worstValues`);
    out = out.flatMap((partial) => options.map((v) => ({ ...partial, [name]: v })));
  }
  return out;
}

const templates = Object.keys(kk.sms);

describe('SMS templates', () => {
  it('include the messages the outbox promises', () => {
    expect(templates).toEqual(
      expect.arrayContaining(['code', 'receipt', 'redirected', 'extended', 'answered', 'overdue']),
    );
  });

  it.each(LANGUAGES.flatMap((lang) => templates.map((t) => [lang, t] as const)))(
    '%s sms.%s fits in 2 segments with the longest values',
    (lang, template) => {
      const raw = translate(lang, `sms.${template}`);
      const names = [...new Set([...raw.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!))];
      for (const values of fillings(names, worstValues(lang))) {
        const text = translate(lang, `sms.${template}`, values);
        expect(text).not.toMatch(/\{\{|\}\}/);
        const counted = countSegments(text);
        expect(counted.segments, `${counted.encoding} ${counted.units}: ${text}`).toBeLessThanOrEqual(2);
      }
    },
  );

  it('counts Kazakh and Russian templates as UCS-2 and English ones as GSM-7', () => {
    expect(countSegments(translate('kk', 'sms.answered', { number: '261231-0001' })).encoding).toBe('ucs2');
    expect(countSegments(translate('ru', 'sms.answered', { number: '261231-0001' })).encoding).toBe('ucs2');
    expect(countSegments(translate('en', 'sms.answered', { number: '261231-0001' })).encoding).toBe('gsm7');
  });
});
