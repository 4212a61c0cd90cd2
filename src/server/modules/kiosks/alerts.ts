// Alerts to the admins when a booth goes silent or reports a fault: an email each, once per incident. An incident is
// keyed by when it began (the last heartbeat before the silence; the heartbeat that first reported the fault), and the
// outbox queues one message per event key, so the check can run every minute, on several workers, and after a
// restart without repeating itself. Admins without an email address get nothing (the office shows the state).
import type { KioskFault } from '../../../common/admin.js';
import type { Language } from '../../../common/statuses.js';
import type { Services } from '../../services.js';
import { translate } from '../../i18n.js';
import { queueEmail } from '../../notifications/outbox.js';
import { parseRoles } from '../auth/roles.js';
import { listActiveKiosks } from './repository.js';
import { kioskState } from './state.js';

interface Recipient {
  id: string;
  email: string;
  language: Language;
}

async function adminRecipients(services: Services): Promise<Recipient[]> {
  const rows = await services.db
    .selectFrom('staff_users')
    .select(['id', 'email', 'language', 'roles'])
    .where('active', '=', 1)
    .where('email', 'is not', null)
    .execute();
  return rows
    .filter((r) => parseRoles(r.roles).includes('admin') && r.email)
    .map((r) => ({ id: r.id, email: r.email ?? '', language: r.language }));
}

function localTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

function officeUrl(services: Services, path: string): string {
  const { PUBLIC_URL, HOST, PORT } = services.config;
  const base = PUBLIC_URL !== '' ? PUBLIC_URL.replace(/\/+$/, '') : `http://${HOST}:${PORT}`;
  return `${base}${path}`;
}

function faultList(language: Language, faults: KioskFault[]): string {
  return faults.map((f) => translate(language, `email.kioskParts.${f}`)).join(', ');
}

/** Looks at every paired booth and queues the alerts of incidents not told yet; returns how many it queued. */
export async function checkKiosks(services: Services): Promise<number> {
  const { db, clock, config } = services;
  const now = clock.now();
  const kiosks = await listActiveKiosks(db);
  const recipients = await adminRecipients(services);
  if (recipients.length === 0) return 0;
  let queued = 0;
  for (const kiosk of kiosks) {
    const { state, faults } = kioskState(kiosk, now, config.KIOSK_SILENT_MINUTES);
    const incident =
      state === 'silent'
        ? { template: 'kioskSilent', key: `silent:${kiosk.last_heartbeat_at ?? kiosk.created_at}` }
        : state === 'fault' && kiosk.fault_since
          ? { template: 'kioskFault', key: `fault:${kiosk.fault_since}` }
          : null;
    if (!incident) continue;
    const since =
      incident.template === 'kioskSilent'
        ? (kiosk.last_heartbeat_at ?? kiosk.created_at)
        : kiosk.fault_since!;
    await db.transaction().execute(async (trx) => {
      for (const to of recipients) {
        const eventKey = `kiosk:${kiosk.id}:${incident.key}:${to.id}`;
        const existing = await trx
          .selectFrom('notifications')
          .select('id')
          .where('channel', '=', 'email')
          .where('event_key', '=', eventKey)
          .executeTakeFirst();
        if (existing) continue;
        await queueEmail(trx, clock, {
          to: to.email,
          template: incident.template,
          language: to.language,
          values: {
            name: kiosk.name,
            location: kiosk.location || '—',
            since: localTime(since, config.TIME_ZONE),
            minutes: String(config.KIOSK_SILENT_MINUTES),
            faults: faultList(to.language, faults),
            url: officeUrl(services, '/office/admin/kiosks'),
          },
          appealId: null,
          eventKey,
        });
        queued++;
      }
    });
  }
  if (queued > 0) services.nudgeWorker();
  return queued;
}
