// The office's people and rights: a set of roles per staff user, delegation to a deputy, login hardening (TOTP,
// recovery codes, lockout, one-time passwords, idle sessions), and the audit trail as a hash chain.
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';

const GENESIS = '0'.repeat(64);

interface AuditRow {
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_kind: string;
  action: string;
  subject_type: string;
  subject_id: string;
  ip: string | null;
  detail: string;
}

// Frozen copy of the chain's hash as it was when this migration was written (audit/chain.ts is the live one): a
// migration must do the same thing forever.
function chainHash(prev: string, seq: number, r: AuditRow): string {
  const canonical = JSON.stringify([
    seq,
    r.id,
    r.at,
    r.actor_user_id,
    r.actor_kind,
    r.action,
    r.subject_type,
    r.subject_id,
    r.ip,
    r.detail,
  ]);
  return crypto.createHash('sha256').update(`${prev}\n${canonical}`).digest('hex');
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // A set of roles, comma-separated in a fixed order ('official,supervisor'): one column read with the session.
  await db.schema
    .alterTable('staff_users')
    .addColumn('roles', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update staff_users set roles = role`.execute(db);
  await db.schema.alterTable('staff_users').dropColumn('role').execute();
  await db.schema
    .alterTable('staff_users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('staff_users')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('staff_users').addColumn('locked_until', 'text').execute();
  // Base32 TOTP secret once confirmed; the pending one between "set up" and the first correct code.
  await db.schema.alterTable('staff_users').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('staff_users').addColumn('totp_pending_secret', 'text').execute();
  // The last time step a code was accepted for: the same code is not accepted twice.
  await db.schema.alterTable('staff_users').addColumn('totp_last_step', 'integer').execute();
  await db.schema.alterTable('staff_users').addColumn('password_changed_at', 'text').execute();

  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
  await sql`update sessions set last_seen_at = created_at`.execute(db);

  await db.schema
    .createTable('staff_recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('staff_recovery_codes_user')
    .on('staff_recovery_codes')
    .column('user_id')
    .execute();

  // An official's appeals are also the deputy's between starts_at and ends_at (or until ended early).
  await db.schema
    .createTable('delegations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('official_id', 'text', (c) => c.notNull().references('officials.id'))
    .addColumn('deputy_user_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text', (c) => c.references('staff_users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema
    .createIndex('delegations_deputy')
    .on('delegations')
    .columns(['deputy_user_id', 'ends_at'])
    .execute();
  await db.schema.createIndex('delegations_official').on('delegations').column('official_id').execute();

  // The chain: seq orders it, prev_hash links it, hash = sha256(prev_hash + canonical row).
  await db.schema.alterTable('audit_events').addColumn('seq', 'integer').execute();
  await db.schema.alterTable('audit_events').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('audit_events').addColumn('hash', 'text').execute();
  // One row holding the chain's head; appends lock it, so they are serialised across processes.
  await db.schema
    .createTable('audit_chain')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  const rows = await sql<AuditRow>`select id, at, actor_user_id, actor_kind, action, subject_type, subject_id,
    ip, detail from audit_events order by at, id`.execute(db);
  let prev = GENESIS;
  let seq = 0;
  for (const row of rows.rows) {
    seq += 1;
    const hash = chainHash(prev, seq, row);
    await sql`update audit_events set seq = ${seq}, prev_hash = ${prev}, hash = ${hash} where id = ${row.id}`.execute(
      db,
    );
    prev = hash;
  }
  await sql`insert into audit_chain (id, seq, hash) values (1, ${seq}, ${prev})`.execute(db);
  await db.schema.createIndex('audit_events_seq').on('audit_events').column('seq').unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_events_seq').ifExists().execute();
  await db.schema.dropTable('audit_chain').ifExists().execute();
  for (const column of ['hash', 'prev_hash', 'seq'])
    await db.schema.alterTable('audit_events').dropColumn(column).execute();
  await db.schema.dropTable('delegations').ifExists().execute();
  await db.schema.dropTable('staff_recovery_codes').ifExists().execute();
  await db.schema.alterTable('sessions').dropColumn('last_seen_at').execute();
  for (const column of [
    'password_changed_at',
    'totp_last_step',
    'totp_pending_secret',
    'totp_secret',
    'locked_until',
    'failed_logins',
    'must_change_password',
  ])
    await db.schema.alterTable('staff_users').dropColumn(column).execute();
  await db.schema
    .alterTable('staff_users')
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('official'))
    .execute();
  // One role survives going back: the first of the set (the set is stored in a fixed order).
  const users = await sql<{ id: string; roles: string }>`select id, roles from staff_users`.execute(db);
  for (const user of users.rows) {
    const first = user.roles.split(',')[0] || 'official';
    await sql`update staff_users set role = ${first} where id = ${user.id}`.execute(db);
  }
  await db.schema.alterTable('staff_users').dropColumn('roles').execute();
}
