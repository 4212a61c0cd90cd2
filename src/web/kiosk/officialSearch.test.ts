import { describe, expect, it } from 'vitest';
import type { OfficialCard } from '../ui/api.js';
import { DEMO_DEPARTMENTS, DEMO_OFFICIALS } from '../../server/db/seed-data.js';
import { departmentsOf, filterOfficials, normalise, words } from './officialSearch.js';

/** The demo city's officials as the booth receives them, with codes for ids. */
const officials: OfficialCard[] = DEMO_OFFICIALS.map((o) => {
  const department = DEMO_DEPARTMENTS.find((d) => d.code === o.departmentCode)!;
  return {
    id: o.code,
    fullName: o.fullName,
    position: o.position,
    area: o.area,
    department: { id: department.code, name: department.name },
    photoUrl: null,
  };
});

const ids = (list: OfficialCard[]) => list.map((o) => o.id);

describe('normalising text for search', () => {
  it('lower-cases, reads ё as е and splits on anything that is not a letter or digit', () => {
    expect(normalise('ПОНОМАРЁВА Ёлка')).toBe('пономарева елка');
    expect(words('  Усть-Каменогорск,  ЖКХ (город) 2026 ')).toEqual([
      'усть',
      'каменогорск',
      'жкх',
      'город',
      '2026',
    ]);
    expect(words('ӘБІЛҚАСЫМОВ Ұлы Өскемен')).toEqual(['әбілқасымов', 'ұлы', 'өскемен']);
    expect(words('   ')).toEqual([]);
  });

  it('treats a composed and a decomposed letter alike', () => {
    expect(normalise('й')).toBe(normalise('и\u0306'));
    expect(normalise('Пономарё'.normalize('NFD'))).toBe('пономаре');
  });
});

describe('filtering officials', () => {
  it.each<[string, string, string | null, string[]]>([
    ['an empty query keeps everyone', '', null, officials.map((o) => o.id)],
    ['only spaces keep everyone', '   ', null, officials.map((o) => o.id)],
    ['a Russian surname prefix', 'оспан', null, ['housing-head']],
    ['a Russian surname in capitals', 'ОСПАНОВ', null, ['housing-head']],
    ['a Kazakh name with Kazakh letters', 'әбілқасым', null, ['akim']],
    ['the Russian spelling of a Kazakh name', 'абилкасымов', null, ['akim']],
    ['the Latin spelling of a name', 'abilkas', null, ['akim']],
    ['a Latin first name and surname, in any order', 'ospanov yerl', null, ['housing-head']],
    ['е for ё in a surname', 'пономарева', null, ['akim-office-head']],
    ['ё typed where the text has е', 'ёрлан оспан', null, ['housing-head']],
    ['extra spaces between words', '  ерлан    оспанов ', null, ['housing-head']],
    ['a word of the area in Russian', 'светофор', null, ['transport-head']],
    ['a word of the area in Kazakh', 'бағдаршам', null, ['transport-head']],
    ['a word of the area in English', 'traffic', null, ['transport-head']],
    ['a position word in Kazakh', 'сәулетші', null, ['architecture-head']],
    [
      'a prefix within a hyphenated word',
      'каменогорска',
      null,
      officials.filter((o) => o.position.ru.includes('Каменогорска')).map((o) => o.id),
    ],
    ['words from different fields', 'лысенко трудоустройство', null, ['social-deputy']],
    ['a middle of a word does not match', 'панов', null, []],
    ['nothing matches', 'қырыққабат', null, []],
    ['a department alone', '', 'education', ['education-head', 'education-deputy']],
    ['a department and a query', 'детск', 'education', ['education-deputy']],
    ['a query outside the department', 'оспанов', 'education', []],
  ])('%s: %j in %s', (_what, query, departmentId, expected) => {
    expect(ids(filterOfficials(officials, query, departmentId))).toEqual(expected);
  });

  it('keeps the booth order', () => {
    const found = ids(filterOfficials(officials, 'заместитель акима', null));
    expect(found).toEqual(['akim-first-deputy', 'akim-deputy-social', 'akim-deputy-economy']);
  });

  it('matches a query that is the whole word or longer only when the word is there', () => {
    expect(ids(filterOfficials(officials, 'лифты', null))).toEqual(['housing-head']);
    expect(ids(filterOfficials(officials, 'лифтыы', null))).toEqual([]);
  });

  it('gives an empty list for no officials', () => {
    expect(filterOfficials([], 'a', null)).toEqual([]);
  });
});

describe('the departments of the officials', () => {
  it('lists each department once, in the order of its first official', () => {
    const departments = departmentsOf(officials);
    expect(departments.map((d) => d.id).slice(0, 4)).toEqual(['housing', 'akimat', 'transport', 'education']);
    expect(new Set(departments.map((d) => d.id)).size).toBe(departments.length);
    expect(departments.map((d) => d.id).sort()).toEqual(
      [...new Set(DEMO_OFFICIALS.map((o) => o.departmentCode))].sort(),
    );
    expect(departments[0]?.name.kk).toBe(DEMO_DEPARTMENTS.find((d) => d.code === 'housing')?.name.kk);
  });

  it('lists nothing for no officials', () => {
    expect(departmentsOf([])).toEqual([]);
  });
});
