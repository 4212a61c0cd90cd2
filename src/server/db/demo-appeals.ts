// The demo's appeals: a month of a district's work, made through the same services the booth, the operator and the
// officials use (each step at its own moment in the past), so the office opens on a real inbox — new appeals, some
// routed, extended, redirected, answered, one withdrawn, and a few past their deadline.
import type { Services } from '../services.js';
import { fixedClock } from '../clock.js';
import type { AnswerOutcome, AppealType, Language } from '../../common/statuses.js';
import { addDays, nextWorkingDayOnOrAfter } from '../../common/workdays.js';
import { loadCalendar } from '../modules/calendar/repository.js';
import { submitAppeal } from '../modules/appeals/service.js';
import { loadStaff, type Staff } from '../modules/auth/access.js';
import { submitAnswer } from '../modules/answers/service.js';
import {
  extendDeadline,
  redirectAppeal,
  routeAppeal,
  withdrawForCitizen,
} from '../modules/handling/service.js';
import { recordingSample, storedUpload } from '../media/samples.js';

type Step =
  | { kind: 'route'; to: string; reason: string }
  | { kind: 'extend'; weeks: number; reason: string }
  | { kind: 'redirect-out'; body: string; reason: string }
  | { kind: 'answer'; outcome: AnswerOutcome; html: string }
  | { kind: 'withdraw'; reason: string };

interface DemoAppeal {
  /** Calendar days before today it arrived. */
  daysAgo: number;
  language: Language;
  type: AppealType;
  category: string;
  /** The official chosen at the booth, or none (the topic's default, else the operator routes it). */
  official: string | null;
  note: string;
  /** Recorded at a booth (a short test recording) rather than typed at home. */
  video?: boolean;
  /** Done on the following days, one a day. */
  steps?: Step[];
}

const DEMO_APPEALS: readonly DemoAppeal[] = [
  {
    daysAgo: 0,
    language: 'ru',
    type: 'complaint',
    category: 'water',
    official: 'housing-head',
    video: true,
    note: 'В доме по ул. Протозанова, 81 третьи сутки нет горячей воды, в ЖЭК не отвечают.',
  },
  {
    daysAgo: 0,
    language: 'kk',
    type: 'request',
    category: 'roads',
    official: null,
    note: 'Абай даңғылы мен Тәуелсіздік көшесінің қиылысындағы бағдаршам екі аптадан бері істемейді.',
  },
  {
    daysAgo: 1,
    language: 'en',
    type: 'proposal',
    category: 'ecology',
    official: 'ecology-head',
    note: 'Please put separate bins for plastic and paper in the courtyards of the Ulba district.',
  },
  {
    daysAgo: 1,
    language: 'ru',
    type: 'violation_report',
    category: 'corruption',
    official: 'akim',
    video: true,
    note: 'Сотрудник отдела земельных отношений требовал деньги за ускорение оформления участка.',
  },
  {
    daysAgo: 3,
    language: 'ru',
    type: 'request',
    category: 'schools',
    official: null,
    note: 'Прошу выделить место в первом классе школы № 44 для сына: мы переехали в микрорайон в августе.',
    steps: [
      { kind: 'route', to: 'education-head', reason: 'Вопрос приёма в школу — управление образования.' },
    ],
  },
  {
    daysAgo: 5,
    language: 'kk',
    type: 'complaint',
    category: 'housing',
    official: 'housing-head',
    note: 'Үйіміздің шатыры ағып тұр, басқарушы компания үш ай бойы жөндемей жүр.',
    steps: [
      {
        kind: 'route',
        to: 'housing-deputy-buildings',
        reason: 'Шатыр жөндеу — тұрғын үй қорының орынбасары.',
      },
    ],
  },
  {
    daysAgo: 8,
    language: 'ru',
    type: 'request',
    category: 'social',
    official: 'social-head',
    note: 'Пенсионерка, одна воспитываю внука. Прошу рассмотреть адресную социальную помощь на зиму.',
    steps: [{ kind: 'route', to: 'social-head', reason: 'Адресная социальная помощь.' }],
  },
  {
    daysAgo: 17,
    language: 'ru',
    type: 'complaint',
    category: 'transport',
    official: 'transport-head',
    video: true,
    note: 'Автобус № 12 по утрам не выходит на маршрут, люди опаздывают на работу.',
    steps: [{ kind: 'route', to: 'transport-head', reason: 'Работа общественного транспорта.' }],
  },
  {
    daysAgo: 18,
    language: 'en',
    type: 'request',
    category: 'permits',
    official: 'architecture-head',
    note: 'I applied for a permit to glaze my balcony in September and have had no reply since.',
    steps: [{ kind: 'route', to: 'architecture-head', reason: 'Permits for changes to a building.' }],
  },
  {
    daysAgo: 27,
    language: 'ru',
    type: 'complaint',
    category: 'water',
    official: 'housing-head',
    note: 'После ремонта теплотрассы во дворе остался открытый котлован, дети ходят рядом.',
    steps: [
      { kind: 'route', to: 'housing-deputy-networks', reason: 'Тепловые сети — заместитель по сетям.' },
    ],
  },
  {
    daysAgo: 30,
    language: 'kk',
    type: 'request',
    category: 'land',
    official: 'land-head',
    note: 'Жеке тұрғын үй салуға жер телімін кезекке қою туралы өтінішім бойынша жауап жоқ.',
  },
  {
    daysAgo: 24,
    language: 'ru',
    type: 'complaint',
    category: 'water',
    official: 'housing-head',
    note: 'В верхних этажах домов по ул. Казахстан слабый напор холодной воды, особенно вечером.',
    steps: [
      { kind: 'route', to: 'housing-head', reason: 'Водоснабжение жилого фонда.' },
      {
        kind: 'extend',
        weeks: 3,
        reason: 'Нужна гидравлическая проверка сетей водоканалом: она назначена на декабрь.',
      },
    ],
  },
  {
    daysAgo: 6,
    language: 'ru',
    type: 'complaint',
    category: 'other',
    official: null,
    note: 'Задерживают выплату заработной платы на заводе уже второй месяц.',
    steps: [
      {
        kind: 'redirect-out',
        body: 'Департамент по регулированию трудовых отношений ВКО',
        reason: 'Контроль за выплатой заработной платы — компетенция инспекции труда.',
      },
    ],
  },
  {
    daysAgo: 20,
    language: 'ru',
    type: 'complaint',
    category: 'housing',
    official: 'housing-head',
    video: true,
    note: 'Во втором подъезде не работает лифт, в доме живут пожилые люди.',
    steps: [
      { kind: 'route', to: 'housing-head', reason: 'Ремонт лифта.' },
      {
        kind: 'answer',
        outcome: 'satisfied',
        html: '<p>Лифт отремонтирован 14 ноября подрядной организацией ТОО «ЛифтСервис».</p><p>Гарантия на ремонт — <strong>12 месяцев</strong>.</p>',
      },
    ],
  },
  {
    daysAgo: 14,
    language: 'kk',
    type: 'proposal',
    category: 'culture',
    official: 'akim',
    note: 'Саябақта жазғы кезде балаларға арналған тегін үйірмелер ашуды ұсынамын.',
    steps: [
      {
        kind: 'answer',
        outcome: 'explained',
        html: '<p>Ұсынысыңыз келесі жылдың жазғы бағдарламасына енгізілді.</p><ul><li>маусым–тамыз</li><li>сенбі және жексенбі</li></ul>',
      },
    ],
  },
  {
    daysAgo: 22,
    language: 'en',
    type: 'request',
    category: 'business',
    official: 'akim',
    note: 'How can a small bakery get the city grant for new equipment, and what is the deadline?',
    steps: [
      {
        kind: 'answer',
        outcome: 'partly_satisfied',
        html: '<p>This year’s grant round has closed; the next opens on 1 February.</p><p>We have added your bakery to the list for the free consultation in December.</p>',
      },
    ],
  },
  {
    daysAgo: 12,
    language: 'ru',
    type: 'request',
    category: 'housing',
    official: 'housing-head',
    note: 'Прошу разрешить поставить гараж во дворе дома на месте старой детской площадки.',
    steps: [
      { kind: 'route', to: 'housing-head', reason: 'Использование придомовой территории.' },
      {
        kind: 'answer',
        outcome: 'refused',
        html: '<p>Придомовая территория — общее имущество собственников; размещение гаража без решения собрания собственников не допускается.</p>',
      },
    ],
  },
  {
    daysAgo: 4,
    language: 'ru',
    type: 'request',
    category: 'roads',
    official: null,
    note: 'Прошу отремонтировать тротуар у остановки «Центральный рынок», там очень большая яма.',
    steps: [
      { kind: 'withdraw', reason: 'Позвонила в колл-центр: тротуар уже отремонтировали, просит отозвать.' },
    ],
  },
];

const DAY_MS = 24 * 3600_000;

/** A demo account, by username or by the official it answers as. */
async function staff(
  services: Services,
  who: { username: string } | { officialId: string | null },
  now: string,
): Promise<Staff> {
  const query = services.db.selectFrom('staff_users').selectAll();
  const user = await (
    'username' in who
      ? query.where('username', '=', who.username)
      : query.where('official_id', '=', who.officialId ?? '')
  ).executeTakeFirstOrThrow();
  return loadStaff(services.db, user, now);
}

/** The appeal's addressee as a signed-in official (the demo's answers come from officials with an account). */
async function addressee(services: Services, appealId: string, now: string): Promise<Staff> {
  const row = await services.db
    .selectFrom('appeals')
    .select('addressee_official_id')
    .where('id', '=', appealId)
    .executeTakeFirstOrThrow();
  return staff(services, { officialId: row.addressee_official_id }, now);
}

/** A new deadline `weeks` after the current one, on a working day. */
async function laterDeadline(services: Services, appealId: string, weeks: number): Promise<string> {
  const row = await services.db
    .selectFrom('appeals')
    .select('deadline_on')
    .where('id', '=', appealId)
    .executeTakeFirstOrThrow();
  const day = addDays(row.deadline_on, weeks * 7);
  return nextWorkingDayOnOrAfter(day, await loadCalendar(services.db, day, addDays(day, 30)));
}

async function idsByCode(
  services: Services,
  table: 'officials' | 'categories',
): Promise<Map<string, string>> {
  const rows = await services.db.selectFrom(table).select(['id', 'code']).execute();
  return new Map(rows.map((r) => [String(r.code), r.id]));
}

/** Loads the demo's appeals through the services; call once, right after the directory's demo seed. */
export async function seedDemoAppeals(services: Services): Promise<void> {
  const today = services.clock.now();
  const officials = await idsByCode(services, 'officials');
  const categories = await idsByCode(services, 'categories');
  const sample = DEMO_APPEALS.some((a) => a.video) ? recordingSample('640x360', 4) : null;

  for (const [i, demo] of DEMO_APPEALS.entries()) {
    // The morning of the day it arrived (from 04:00 UTC, 09:00 in Almaty, a few minutes apart); today's a few
    // minutes ago.
    const day = new Date(today.getTime() - demo.daysAgo * DAY_MS);
    day.setUTCHours(4, 7 * i, 0, 0);
    const arrived = new Date(Math.min(day.getTime(), today.getTime() - 60_000 * (DEMO_APPEALS.length - i)));
    const clock = fixedClock(arrived);
    const at = { ...services, clock, config: { ...services.config, KIOSK_PAIRING_REQUIRED: false } };
    const uploadId = demo.video && sample ? await storedUpload(at, sample) : undefined;
    const receipt = await submitAppeal(
      {
        ...at,
        config: {
          ...at.config,
          SMS_CODE_REQUIRED: false,
          WEB_SMS_CODE_REQUIRED: false,
          WEB_APPEALS_PER_PHONE_DAY: 1000,
        },
      },
      {
        phone: `+7701555${String(1000 + i)}`,
        language: demo.language,
        type: demo.type,
        source: demo.video ? 'kiosk' : 'web',
        note: demo.note,
        ...(uploadId ? { uploadId } : {}),
        officialId: demo.official ? (officials.get(demo.official) ?? null) : null,
        categoryId: categories.get(demo.category) ?? null,
      },
      '127.0.0.1',
    );
    const { id: appealId } = await services.db
      .selectFrom('appeals')
      .select('id')
      .where('registration_number', '=', receipt.registrationNumber)
      .executeTakeFirstOrThrow();
    const operator = (now: string) => staff(at, { username: 'operator' }, now);
    for (const [n, step] of (demo.steps ?? []).entries()) {
      const when = new Date(Math.min(arrived.getTime() + (n + 1) * DAY_MS, today.getTime() - 1000));
      clock.set(when);
      const nowIso = when.toISOString();
      switch (step.kind) {
        case 'route':
          await routeAppeal(
            at,
            await operator(nowIso),
            appealId,
            { officialId: officials.get(step.to), reason: step.reason },
            '127.0.0.1',
          );
          break;
        case 'redirect-out':
          await redirectAppeal(
            at,
            await operator(nowIso),
            appealId,
            { outsideBody: step.body, reason: step.reason },
            '127.0.0.1',
          );
          break;
        case 'withdraw':
          await withdrawForCitizen(
            at,
            await operator(nowIso),
            appealId,
            { reason: step.reason, channel: 'phone' },
            '127.0.0.1',
          );
          break;
        case 'extend':
          await extendDeadline(
            at,
            await addressee(at, appealId, nowIso),
            appealId,
            { deadlineOn: await laterDeadline(at, appealId, step.weeks), reason: step.reason },
            '127.0.0.1',
          );
          break;
        case 'answer':
          await submitAnswer(
            at,
            await addressee(at, appealId, nowIso),
            appealId,
            { outcome: step.outcome, body: step.html },
            null,
            '127.0.0.1',
          );
          break;
      }
    }
  }
}
