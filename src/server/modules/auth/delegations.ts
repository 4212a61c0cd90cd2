// An official hands their appeals to a deputy for a period (leave, a trip): the deputy reads and answers them as if
// addressed to them while the delegation is in force. Ended early by the official or an admin.
import crypto from 'node:crypto';
import type { DelegationBody, DelegationView } from '../../../common/api.js';
import type { Services } from '../../services.js';
import { Problem } from '../../errors.js';
import { recordAudit } from '../audit/repository.js';
import { hasRole, type Staff } from './access.js';
import {
  endDelegation,
  findDelegation,
  findUserById,
  insertDelegation,
  listDelegationsOf,
} from './repository.js';
import { parseRoles } from './roles.js';

/** A delegation may be set up for at most a year (statutory leave is shorter). */
const MAX_DAYS = 366;

function view(
  row: {
    id: string;
    official_id: string;
    deputy_user_id: string;
    deputy_name: string;
    starts_at: string;
    ends_at: string;
    ended_at: string | null;
  },
  now: string,
): DelegationView {
  return {
    id: row.id,
    officialId: row.official_id,
    deputyUserId: row.deputy_user_id,
    deputyName: row.deputy_name,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    endedAt: row.ended_at,
    active: row.ended_at === null && row.starts_at <= now && row.ends_at > now,
  };
}

export async function listDelegations(services: Services, user: Staff): Promise<DelegationView[]> {
  const now = services.clock.now().toISOString();
  const rows = await listDelegationsOf(services.db, user.id, user.official_id);
  return rows.map((r) => view(r, now));
}

export async function createDelegation(
  services: Services,
  user: Staff,
  body: DelegationBody,
  ip: string,
): Promise<DelegationView> {
  if (!hasRole(user, 'official') || !user.official_id) throw new Problem('forbidden');
  const starts = new Date(body.startsAt);
  const ends = new Date(body.endsAt);
  const now = services.clock.now();
  if (!(ends > starts) || ends <= now)
    throw new Problem('delegation-invalid', 'The period must end after it starts, and in the future.');
  if (ends.getTime() - starts.getTime() > MAX_DAYS * 86_400_000)
    throw new Problem('delegation-invalid', `A delegation lasts at most ${MAX_DAYS} days.`);
  const deputy = await findUserById(services.db, body.deputyUserId);
  if (!deputy || deputy.active !== 1 || !parseRoles(deputy.roles).includes('official'))
    throw new Problem('delegation-invalid', 'The deputy must be an active user with the official role.');
  if (deputy.id === user.id) throw new Problem('delegation-invalid', 'You cannot be your own deputy.');
  const row = {
    id: crypto.randomUUID(),
    official_id: user.official_id,
    deputy_user_id: deputy.id,
    starts_at: starts.toISOString(),
    ends_at: ends.toISOString(),
    created_by_user_id: user.id,
    created_at: now.toISOString(),
    ended_at: null,
  };
  await services.db.transaction().execute(async (trx) => {
    await insertDelegation(trx, row);
    await recordAudit(trx, services.clock, {
      actorUserId: user.id,
      actorKind: 'staff',
      action: 'delegation.created',
      subjectType: 'delegation',
      subjectId: row.id,
      ip,
      detail: {
        officialId: row.official_id,
        deputyUserId: deputy.id,
        startsAt: row.starts_at,
        endsAt: row.ends_at,
      },
    });
  });
  return view({ ...row, deputy_name: deputy.display_name }, now.toISOString());
}

export async function finishDelegation(
  services: Services,
  user: Staff,
  id: string,
  ip: string,
): Promise<DelegationView> {
  const row = await findDelegation(services.db, id);
  const own = row && user.official_id !== null && row.official_id === user.official_id;
  // Someone else's delegation answers like a missing one.
  if (!row || !(own || hasRole(user, 'admin'))) throw new Problem('delegation-not-found');
  const now = services.clock.now().toISOString();
  const deputy = await findUserById(services.db, row.deputy_user_id);
  if (row.ended_at === null) {
    await services.db.transaction().execute(async (trx) => {
      await endDelegation(trx, row.id, now);
      await recordAudit(trx, services.clock, {
        actorUserId: user.id,
        actorKind: 'staff',
        action: 'delegation.ended',
        subjectType: 'delegation',
        subjectId: row.id,
        ip,
        detail: { officialId: row.official_id, deputyUserId: row.deputy_user_id },
      });
    });
  }
  return view({ ...row, ended_at: row.ended_at ?? now, deputy_name: deputy?.display_name ?? '' }, now);
}
