// Open311 GeoReport v2 (docs/open311.md): the categories as services, appeals as service requests, and filing an
// appeal from a partner app with an admin-issued API key. Without a key only what the public statistics may show
// leaves: status, service, dates and the department — never the phone, IIN, text, name or video. A key holder also
// gets `media_url` (the office's appeal page, behind its log-in) and the text of the requests it filed itself.
import crypto from 'node:crypto';
import {
  APPEAL_STATUSES,
  APPEAL_TYPES,
  isOpenStatus,
  type AppealType,
  type Language,
} from '../../../common/statuses.js';
import { NOTE_MAX_LENGTH, TEXT_APPEAL_MIN_LENGTH } from '../../../common/limits.js';
import { normaliseKzMobile } from '../../../common/phone.js';
import { addDays } from '../../../common/workdays.js';
import type { Config } from '../../config.js';
import type { Services } from '../../services.js';
import { translate } from '../../i18n.js';
import { uuidv7 } from '../../ids.js';
import { recordAudit } from '../audit/repository.js';
import { findActiveCategory, findActiveOfficial } from '../directory/repository.js';
import { findAppealById, insertAppeal, insertHistory } from '../appeals/repository.js';
import { announceNewAppeal, formatDeadline } from '../appeals/service.js';
import { allocateRegistration, newAccessCode } from '../appeals/reservations.js';
import { startOfDay } from '../inbox/service.js';
import { Open311Error } from './format.js';
import { requestIds } from './ids.js';
import {
  countFilingsSince,
  findApiKeyByHash,
  findFilingByIdempotencyKey,
  findFilingByToken,
  insertFiling,
  listRequestRows,
  listServiceRows,
  ownDescriptions,
  touchApiKey,
  type RequestRow,
  type ServiceRow,
} from './repository.js';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When this server's Open311 interface last changed (discovery's changeset). */
export const CHANGESET = '2026-11-26T00:00:00Z';
/** The service of appeals without a topic; a directory code cannot begin with '_', so it never meets a real one. */
export const GENERAL_SERVICE = '_general';
/** The spec's default window and largest answer. */
export const WINDOW_DAYS = 90;
export const MAX_RESULTS = 1000;
/** The one service attribute: the kind of appeal (the law's types). */
export const TYPE_ATTRIBUTE = 'appeal_type';

const DAY_MS = 24 * 3600_000;

export interface PartnerKey {
  id: string;
  name: string;
  /** Where the key was presented from (for the audit trail). */
  ip: string;
}

export function hashApiKey(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}

/** The key behind `api_key`, or null when none was given; an unknown or revoked one is refused (403). */
export async function partnerKey(
  services: Services,
  secret: string | undefined,
  ip: string,
): Promise<PartnerKey | null> {
  if (secret === undefined || secret === '') return null;
  const row = await findApiKeyByHash(services.db, hashApiKey(secret));
  if (!row || row.revoked_at !== null) throw new Open311Error(403, 'Invalid api_key: unknown or revoked.');
  const now = services.clock.now();
  await touchApiKey(services.db, row.id, now.toISOString(), new Date(now.getTime() - 60_000).toISOString());
  return { id: row.id, name: row.name, ip };
}

/** A jurisdiction_id other than the configured one is not served here. */
export function checkJurisdiction(config: Config, jurisdictionId: string | undefined): void {
  if (jurisdictionId === undefined || jurisdictionId === '' || config.OPEN311_JURISDICTION_ID === '') return;
  if (jurisdictionId !== config.OPEN311_JURISDICTION_ID)
    throw new Open311Error(404, `jurisdiction_id ${jurisdictionId} is not served here.`);
}

// Discovery

export function discovery(config: Config, baseUrl: string) {
  return {
    changeset: CHANGESET,
    contact: config.OPEN311_CONTACT || `${baseUrl}/`,
    key_service: `API keys for filing requests are issued by the administrators of ${baseUrl}/ (Office › Administration › API keys).`,
    endpoints: [
      {
        specification: SPECIFICATION,
        url: `${baseUrl}/open311/v2`,
        changeset: CHANGESET,
        type: 'production',
        formats: ['application/json', 'text/xml'],
      },
    ],
  };
}

// Services

function pick(row: object, prefix: string, lang: Language): string | null {
  const value = (row as Record<string, unknown>)[`${prefix}_${lang}`];
  return typeof value === 'string' ? value : null;
}

function serviceOf(row: ServiceRow, lang: Language) {
  const group = pick(row, 'dept', lang);
  return {
    service_code: row.code,
    service_name: pick(row, 'name', lang) ?? row.code,
    description: group ? translate(lang, 'open311.serviceDescription', { department: group }) : null,
    metadata: true,
    type: 'realtime',
    keywords: null,
    group,
  };
}

function generalService(lang: Language) {
  return {
    service_code: GENERAL_SERVICE,
    service_name: translate(lang, 'open311.general'),
    description: translate(lang, 'open311.generalDescription'),
    metadata: true,
    type: 'realtime',
    keywords: null,
    group: null,
  };
}

export async function listServices(services: Services, lang: Language) {
  const rows = await listServiceRows(services.db);
  return [...rows.map((r) => serviceOf(r, lang)), generalService(lang)];
}

async function serviceExists(services: Services, code: string): Promise<ServiceRow | null> {
  if (code === GENERAL_SERVICE) return null;
  const [row] = await listServiceRows(services.db, code);
  if (!row) throw new Open311Error(404, `service_code ${code} not found.`);
  return row;
}

export async function serviceDefinition(services: Services, code: string, lang: Language) {
  await serviceExists(services, code);
  return {
    service_code: code,
    attributes: [
      {
        variable: true,
        code: TYPE_ATTRIBUTE,
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 1,
        description: translate(lang, 'open311.typeAttribute'),
        values: APPEAL_TYPES.map((type) => ({ key: type, name: translate(lang, `common.types.${type}`) })),
      },
    ],
  };
}

// Requests

export interface RequestQuery {
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
}

const CLOSED = APPEAL_STATUSES.filter((s) => !isOpenStatus(s));
const OPEN = APPEAL_STATUSES.filter((s) => isOpenStatus(s));

function commaList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function parseDate(name: string, value: string | undefined): Date | null {
  if (value === undefined || value === '') return null;
  // ISO 8601 with a time zone (the spec's dates), or a bare day.
  const ok = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(value);
  const date = new Date(value);
  if (!ok || Number.isNaN(date.getTime()))
    throw new Open311Error(
      400,
      `${name} must be an ISO 8601 date-time with a time zone, such as 2026-11-05T08:15:30+05:00.`,
    );
  return date;
}

/** The deadline day's last second in the office's time zone. */
function endOfDay(day: string, timeZone: string): string {
  return new Date(Date.parse(startOfDay(addDays(day, 1), timeZone)) - 1000)
    .toISOString()
    .replace('.000Z', 'Z');
}

const iso = (at: string) => at.replace(/\.\d{3}Z$/, 'Z');

export async function listRequests(
  services: Services,
  query: RequestQuery,
  key: PartnerKey | null,
  lang: Language,
  baseUrl: string,
) {
  const ids = commaList(query.service_request_id);
  if (ids.length > MAX_RESULTS)
    throw new Open311Error(400, `At most ${MAX_RESULTS} service_request_id values at once.`);
  // With ids, the spec says every other filter is ignored; what is not an id of ours matches nothing.
  if (ids.length > 0) {
    const codec = await requestIds(services);
    const appealIds = ids.map((id) => codec.toAppeal(id)).filter((id): id is string => id !== null);
    const rows =
      appealIds.length > 0 ? await listRequestRows(services.db, { ids: appealIds, limit: MAX_RESULTS }) : [];
    return requestsOf(services, rows, key, lang, baseUrl);
  }

  const codes = commaList(query.service_code);
  for (const code of codes) {
    if (code === GENERAL_SERVICE) continue;
    const [row] = await listServiceRows(services.db, code);
    if (!row) throw new Open311Error(400, `service_code ${code} not found.`);
  }
  const statuses = commaList(query.status);
  for (const s of statuses)
    if (s !== 'open' && s !== 'closed') throw new Open311Error(400, 'status must be open, closed or both.');
  const start = parseDate('start_date', query.start_date);
  const end = parseDate('end_date', query.end_date);
  const to = end ?? (start ? new Date(start.getTime() + WINDOW_DAYS * DAY_MS) : services.clock.now());
  const from = start ?? new Date(to.getTime() - WINDOW_DAYS * DAY_MS);
  if (from > to) throw new Open311Error(400, 'start_date is after end_date.');
  if (to.getTime() - from.getTime() > WINDOW_DAYS * DAY_MS)
    throw new Open311Error(400, `start_date and end_date may not span more than ${WINDOW_DAYS} days.`);
  const wanted = new Set(statuses);
  const rows = await listRequestRows(services.db, {
    categoryCodes: codes.length > 0 ? codes.map((c) => (c === GENERAL_SERVICE ? null : c)) : undefined,
    from: from.toISOString(),
    to: to.toISOString(),
    statuses: wanted.size === 1 ? (wanted.has('open') ? OPEN : CLOSED) : undefined,
    limit: MAX_RESULTS,
  });
  return requestsOf(services, rows, key, lang, baseUrl);
}

export async function getRequest(
  services: Services,
  id: string,
  key: PartnerKey | null,
  lang: Language,
  baseUrl: string,
) {
  const appealId = (await requestIds(services)).toAppeal(id);
  const rows = appealId ? await listRequestRows(services.db, { ids: [appealId], limit: 1 }) : [];
  if (rows.length === 0) throw new Open311Error(404, `service_request_id ${id} not found.`);
  return requestsOf(services, rows, key, lang, baseUrl);
}

async function requestsOf(
  services: Services,
  rows: RequestRow[],
  key: PartnerKey | null,
  lang: Language,
  baseUrl: string,
) {
  const own = key
    ? await ownDescriptions(
        services.db,
        key.id,
        rows.map((r) => r.id),
      )
    : new Map<string, string | null>();
  // The text of its own filings may hold personal data: every answer that carries some is audited.
  if (key && own.size > 0)
    await recordAudit(services.db, services.clock, {
      actorUserId: null,
      actorKind: 'system',
      action: 'open311.descriptions_read',
      subjectType: 'open311_key',
      subjectId: key.id,
      ip: key.ip,
      detail: { partner: key.name, count: own.size, appeals: [...own.keys()].slice(0, 100) },
    });
  const timeZone = services.config.TIME_ZONE;
  const codec = await requestIds(services);
  return rows.map((row) => ({
    service_request_id: codec.toPublic(row.id),
    status: isOpenStatus(row.status) ? 'open' : 'closed',
    status_notes: translate(lang, `common.statuses.${row.status}`),
    service_name:
      row.category_code === null ? translate(lang, 'open311.general') : pick(row, 'category', lang),
    service_code: row.category_code ?? GENERAL_SERVICE,
    description: own.get(row.id) ?? null,
    agency_responsible: pick(row, 'dept', lang),
    service_notice: null,
    requested_datetime: iso(row.registered_at),
    updated_datetime: iso(row.updated_at),
    expected_datetime: endOfDay(row.deadline_on, timeZone),
    address: null,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    // The office's page of the appeal, behind its log-in and its row rules; never the video file itself.
    media_url: key && row.has_video === 1 ? `${baseUrl}/office/appeals/${row.id}` : null,
  }));
}

// Filing a request

export interface PostRequestBody {
  service_code?: string;
  description?: string;
  phone?: string;
  lat?: number;
  long?: number;
  address_string?: string;
  address_id?: string;
  email?: string;
  first_name?: string;
  last_name?: string;
  device_id?: string;
  account_id?: string;
  [attribute: string]: unknown;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** The appeal's text: what the person wrote, then what the partner knows of the place and the person. */
function appealText(body: PostRequestBody, lang: Language, partner: string): string {
  const name = [text(body.first_name), text(body.last_name)].filter(Boolean).join(' ');
  const location = body.lat !== undefined && body.long !== undefined ? `${body.lat}, ${body.long}` : '';
  const lines = [
    ['address', text(body.address_string) || text(body.address_id)],
    ['location', location],
    ['name', name],
    ['email', text(body.email)],
    ['partner', partner],
  ]
    .filter(([, value]) => value !== '')
    .map(([label, value]) => `${translate(lang, `open311.note.${label}`)}: ${value}`);
  return [text(body.description), '', ...lines].join('\n').slice(0, NOTE_MAX_LENGTH);
}

export interface Filed {
  service_request_id: string;
  token: string;
  service_notice: string;
  account_id: string | null;
}

export async function fileRequest(
  services: Services,
  key: PartnerKey,
  body: PostRequestBody,
  lang: Language,
  idempotencyKey: string | undefined,
  ip: string,
): Promise<Filed> {
  const { db, clock, config } = services;
  const code = text(body.service_code);
  if (!code) throw new Open311Error(400, 'service_code is required.');
  const description = text(body.description);
  if (description.length < TEXT_APPEAL_MIN_LENGTH)
    throw new Open311Error(400, `description is required: at least ${TEXT_APPEAL_MIN_LENGTH} characters.`);
  if (description.length > NOTE_MAX_LENGTH - 400)
    throw new Open311Error(400, `description may be at most ${NOTE_MAX_LENGTH - 400} characters.`);
  if (!text(body.phone)) throw new Open311Error(400, 'phone is required: the citizen is told by SMS.');
  const phone = normaliseKzMobile(text(body.phone));
  if (!phone) throw new Open311Error(400, 'phone must be a Kazakhstan mobile number, such as +77011234567.');
  const type = text(body[`attribute[${TYPE_ATTRIBUTE}]`]) || 'request';
  if (!(APPEAL_TYPES as readonly string[]).includes(type))
    throw new Open311Error(400, `attribute[${TYPE_ATTRIBUTE}] must be one of ${APPEAL_TYPES.join(', ')}.`);

  if (idempotencyKey) {
    const earlier = await findFilingByIdempotencyKey(db, key.id, idempotencyKey);
    if (earlier) return filedAnswer(services, earlier.appeal_id, earlier.token, lang);
  }
  const category = await serviceExists(services, code).catch((error: unknown) => {
    throw error instanceof Open311Error ? new Open311Error(400, error.description) : error;
  });
  const now = clock.now();
  const hourAgo = new Date(now.getTime() - 3600_000).toISOString();
  if ((await countFilingsSince(db, key.id, hourAgo)) >= config.OPEN311_POSTS_PER_KEY_HOUR)
    throw new Open311Error(429, `At most ${config.OPEN311_POSTS_PER_KEY_HOUR} requests per API key an hour.`);

  const categoryRow = category ? await findActiveCategory(db, category.id) : undefined;
  const official = categoryRow?.default_official_id
    ? await findActiveOfficial(db, categoryRow.default_official_id)
    : undefined;
  const departmentId = official?.department_id ?? categoryRow?.default_department_id ?? null;
  // The access code is never shown: the citizen follows the appeal on the public site with an SMS code to the phone.
  const access = await newAccessCode();
  const nowIso = now.toISOString();
  const appealId = crypto.randomUUID();
  const token = crypto.randomBytes(16).toString('base64url');
  try {
    await db.transaction().execute(async (trx) => {
      const registration = await allocateRegistration(trx, services, now);
      await insertAppeal(trx, {
        id: appealId,
        registration_number: registration.number,
        access_code_hash: access.hash,
        phone_e164: phone,
        iin: null,
        language: lang,
        type: type as AppealType,
        category_id: category?.id ?? null,
        addressee_official_id: official?.id ?? null,
        department_id: departmentId,
        status: 'registered',
        source: 'partner',
        kiosk_id: null,
        note: appealText(body, lang, key.name),
        media_id: null,
        registered_on: registration.registeredOn,
        registered_at: nowIso,
        deadline_on: registration.deadlineOn,
        answered_at: null,
        created_at: nowIso,
        updated_at: nowIso,
      });
      await insertHistory(trx, {
        id: uuidv7(),
        appeal_id: appealId,
        from_status: null,
        to_status: 'registered',
        actor_user_id: null,
        reason: null,
        at: nowIso,
      });
      await insertFiling(trx, {
        token,
        appeal_id: appealId,
        api_key_id: key.id,
        idempotency_key: idempotencyKey ?? null,
        created_at: nowIso,
      });
      // The key holder vouches for the phone and the person's consent (docs/open311.md).
      await announceNewAppeal(
        trx,
        services,
        {
          id: appealId,
          phone,
          language: lang,
          number: registration.number,
          deadlineOn: registration.deadlineOn,
        },
        ip,
        { source: 'partner', apiKeyId: key.id, partner: key.name, typed: true },
      );
    });
  } catch (error) {
    // The same Idempotency-Key sent twice at once: the other filing won; answer with it.
    const twin = idempotencyKey ? await findFilingByIdempotencyKey(db, key.id, idempotencyKey) : undefined;
    if (twin) return filedAnswer(services, twin.appeal_id, twin.token, lang);
    throw error;
  }
  services.nudgeWorker();
  return filedAnswer(services, appealId, token, lang);
}

async function filedAnswer(
  services: Services,
  appealId: string,
  token: string,
  lang: Language,
): Promise<Filed> {
  const appeal = await findAppealById(services.db, appealId);
  if (!appeal) throw new Open311Error(404, 'The request filed is gone.');
  return {
    service_request_id: (await requestIds(services)).toPublic(appealId),
    token,
    service_notice: translate(lang, 'open311.notice', {
      number: appeal.registration_number,
      deadline: formatDeadline(appeal.deadline_on),
    }),
    account_id: null,
  };
}

export async function tokenLookup(services: Services, token: string) {
  const filing = await findFilingByToken(services.db, token);
  if (!filing) throw new Open311Error(404, `token ${token} not found.`);
  return [
    { service_request_id: (await requestIds(services)).toPublic(filing.appeal_id), token: filing.token },
  ];
}
