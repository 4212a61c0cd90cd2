// The weekly summary to supervisors: on Monday morning (local time, from DIGEST_HOUR) each active supervisor with an
// email gets last week's figures (appeals registered Monday to Sunday) beside the week before's, and the departments
// with the most overdue appeals, in their own language. The schedule (jobs/schedule.ts) enqueues one job per week
// across all processes; the event key `oversight-weekly:<user>:<monday>` makes a rerun send nothing twice.
import { addDays, dayInZone, parseDay } from '../../../common/workdays.js';
import type { Services } from '../../services.js';
import { translate } from '../../i18n.js';
import { queueEmail } from '../../notifications/outbox.js';
import { officeUrl } from '../deadlines/service.js';
import { supervisorsWithEmail } from '../stats/repository.js';
import { performanceBy, performanceSplit } from '../stats/service.js';
import { parseRoles } from '../auth/roles.js';
import { namesOf } from './service.js';

/** The Monday of the local week `day` falls in. */
export function mondayOf(day: string): string {
  const weekday = parseDay(day).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

const TOP_DEPARTMENTS = 5;

/** Sends last week's summary for the week starting `monday`; a job for a week already past sends nothing. */
export async function sendWeeklySummaries(services: Services, monday: string): Promise<number> {
  const { db, clock, config } = services;
  if (mondayOf(dayInZone(clock.now(), config.TIME_ZONE)) !== monday) return 0;
  const week = { from: addDays(monday, -7), to: addDays(monday, -1) };
  const before = { from: addDays(monday, -14), to: addDays(monday, -8) };
  const [split, previous] = await Promise.all([
    performanceSplit(services, week),
    performanceBy(services, 'all', before),
  ]);
  const departments = split.departments;
  const worst = departments
    .filter((d) => d.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue)
    .slice(0, TOP_DEPARTMENTS);
  const names = await namesOf(
    services,
    'department',
    worst.map((d) => d.id),
  );
  const now = split.total;
  const recipients = (await supervisorsWithEmail(db)).filter((r) =>
    parseRoles(r.roles).includes('supervisor'),
  );
  let sent = 0;
  for (const r of recipients) {
    if (!r.email) continue;
    const lang = r.language;
    const list =
      worst.length === 0
        ? translate(lang, 'email.oversightWeekly.noLine')
        : worst
            .map(
              (d) =>
                `• ${translate(lang, 'email.oversightWeekly.line', {
                  name: names.get(d.id)?.[lang] ?? translate(lang, 'office.oversight.none'),
                  overdue: d.overdue,
                  received: d.received,
                })}`,
            )
            .join('\n');
    const values = {
      from: week.from,
      to: week.to,
      received: String(now?.received ?? 0),
      previousReceived: String(previous[0]?.received ?? 0),
      answered: String(now?.answered ?? 0),
      onTime: String(now?.answeredOnTime ?? 0),
      overdue: String(now?.overdue ?? 0),
      extended: String(now?.extended ?? 0),
      redirected: String(now?.redirected ?? 0),
      disputed: String(now?.disputed ?? 0),
      median:
        now?.medianAnswerWorkingDays === null || now === undefined
          ? '—'
          : String(now.medianAnswerWorkingDays),
      list,
      url: officeUrl(services, `/office/oversight?from=${week.from}&to=${week.to}`),
    };
    await db.transaction().execute((trx) =>
      queueEmail(trx, clock, {
        to: r.email ?? '',
        template: 'oversightWeekly',
        language: lang,
        values,
        appealId: null,
        eventKey: `oversight-weekly:${r.id}:${monday}`,
      }),
    );
    sent++;
  }
  if (sent > 0) services.nudgeWorker();
  return sent;
}
