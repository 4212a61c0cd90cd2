// Environment → typed, validated configuration, read once at start. Every knob is listed in .env.example.
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import * as L from '../common/limits.js';

const Env = Type.Object({
  HOST: Type.String({ default: '127.0.0.1' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  PUBLIC_URL: Type.String({ default: '' }),
  /** Bearer token Prometheus sends to GET /metrics; empty = only a direct scrape from this machine (docs/metrics.md). */
  METRICS_TOKEN: Type.String({ default: '', pattern: '^$|^[A-Za-z0-9._~+/=-]{16,200}$' }),
  /**
   * Which peers' X-Forwarded-For to believe (the client's address for rate limits and the audit): the balancer's
   * addresses or CIDRs, comma-separated, or loopback / linklocal / uniquelocal; none = the socket's peer only.
   */
  TRUST_PROXY: Type.String({ default: 'loopback', pattern: '^[A-Za-z0-9.:/, ]+$' }),
  ROLE: Type.Union([Type.Literal('all'), Type.Literal('api'), Type.Literal('worker')], { default: 'all' }),
  DATA_DIR: Type.String({ default: './data' }),
  DATABASE_URL: Type.String({ default: '' }),
  DATABASE_SCHEMA: Type.String({ default: '', pattern: '^[a-z_][a-z0-9_]*$|^$' }),
  SEED_DEMO: Type.Boolean({ default: true }),
  TIME_ZONE: Type.String({ default: 'Asia/Almaty' }),
  DEADLINE_WORKING_DAYS: Type.Integer({ minimum: 1, maximum: 60, default: L.DEADLINE_WORKING_DAYS }),
  /** Local hour (TIME_ZONE) from which officials' daily digest of appeals due soon goes out, on working days. */
  DIGEST_HOUR: Type.Integer({ minimum: 0, maximum: 23, default: 8 }),
  /** How often overdue appeals are looked for and escalated to the supervisors. */
  ESCALATION_INTERVAL_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 15 }),
  /** Tell the citizen by SMS (the overdue template) when their appeal passes its deadline unanswered. */
  OVERDUE_SMS: Type.Boolean({ default: true }),
  /** An extension may set the deadline at most this many calendar months after registration (the law: 2). */
  EXTENSION_MAX_MONTHS: Type.Integer({ minimum: 1, maximum: 12, default: 2 }),
  RECORDING_BASE_SECONDS: Type.Integer({ minimum: 10, maximum: 1800, default: L.RECORDING_BASE_SECONDS }),
  RECORDING_EXTENSION_SECONDS: Type.Integer({
    minimum: 0,
    maximum: 1800,
    default: L.RECORDING_EXTENSION_SECONDS,
  }),
  RECORDING_MAX_SECONDS: Type.Integer({ minimum: 10, maximum: 1800, default: L.RECORDING_MAX_SECONDS }),
  RERECORD_LIMIT: Type.Integer({ minimum: 0, maximum: 10, default: L.RERECORD_LIMIT }),
  VIDEO_RETENTION_YEARS: Type.Integer({ minimum: 1, maximum: 75, default: L.VIDEO_RETENTION_YEARS }),
  UPLOAD_MAX_BYTES: Type.Integer({ minimum: 1024, default: L.UPLOAD_MAX_BYTES }),
  /** Largest photo of an official an admin may upload; it is re-encoded to a small JPEG portrait. */
  PHOTO_MAX_BYTES: Type.Integer({ minimum: 1024, maximum: 100 * 1024 * 1024, default: 5 * 1024 * 1024 }),
  /** An upload untouched this long, and not part of an appeal or a live reservation, is deleted. */
  UPLOAD_ABANDON_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 90, default: 24 }),
  /** How long a reserved registration number waits for its appeal (a booth offline over a long weekend). */
  RESERVATION_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
  STORAGE_DRIVER: Type.Union([Type.Literal('local'), Type.Literal('s3')], { default: 'local' }),
  S3_ENDPOINT: Type.String({ default: '' }),
  S3_REGION: Type.String({ default: 'us-east-1' }),
  S3_BUCKET: Type.String({ default: '' }),
  S3_ACCESS_KEY_ID: Type.String({ default: '' }),
  S3_SECRET_ACCESS_KEY: Type.String({ default: '' }),
  S3_FORCE_PATH_STYLE: Type.Boolean({ default: true }),
  /** The playback copy's largest picture height (H.264/AAC MP4). */
  PLAYBACK_MAX_HEIGHT: Type.Integer({ minimum: 144, maximum: 2160, default: 720 }),
  /** x264 preset. superfast: a 2-minute 720p recording in about 0.2× its length on 2 cores (veryfast ≈ 0.3×; P3). */
  PLAYBACK_PRESET: Type.Union(
    ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium'].map((p) => Type.Literal(p)),
    { default: 'superfast' },
  ),
  /** A worker holds a claimed job this long; it renews the lease while the job runs, so only a dead worker's job expires. */
  JOB_LEASE_SECONDS: Type.Integer({ minimum: 2, maximum: 3600, default: 120 }),
  MEDIA_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 50, default: 6 }),
  SESSION_TTL_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 30, default: 12 }),
  COOKIE_SECURE: Type.Boolean({ default: false }),
  /** log: stored and logged only; smpp: an SMSC over SMPP v3.4; http: a gateway's HTTP API (Kannel, aggregators). */
  SMS_DRIVER: Type.Union([Type.Literal('log'), Type.Literal('smpp'), Type.Literal('http')], {
    default: 'log',
  }),
  /** smpp://host:port, or ssmpp://host:port for TLS. */
  SMPP_URL: Type.String({ default: '' }),
  SMPP_SYSTEM_ID: Type.String({ default: '', maxLength: 15 }),
  SMPP_PASSWORD: Type.String({ default: '' }),
  SMPP_SYSTEM_TYPE: Type.String({ default: '', maxLength: 12 }),
  /** The sender: an alphanumeric name (up to 11 characters) or a number. */
  SMPP_SOURCE_ADDR: Type.String({ default: 'Dialog', maxLength: 20 }),
  /** A text that fits GSM-7: gsm = data_coding 0 (GSM 03.38), ascii = 1 (IA5), ucs2 = always 8. Others go as UCS-2. */
  SMPP_DATA_CODING: Type.Union([Type.Literal('gsm'), Type.Literal('ascii'), Type.Literal('ucs2')], {
    default: 'gsm',
  }),
  /** A message longer than one SMS: udh = parts with a concatenation header; payload = one submit_sm, message_payload. */
  SMPP_LONG_MESSAGES: Type.Union([Type.Literal('udh'), Type.Literal('payload')], { default: 'udh' }),
  SMPP_DELIVERY_RECEIPTS: Type.Boolean({ default: true }),
  SMPP_ENQUIRE_LINK_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 30 }),
  /** How long to wait for the bind, for each response and for a link to come back before a send is retried later. */
  SMPP_TIMEOUT_SECONDS: Type.Integer({ minimum: 1, maximum: 300, default: 10 }),
  SMPP_RECONNECT_MAX_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 60 }),
  /** The gateway's URL with {to} {to_e164} {text} {id} {dlr_url} placeholders (URL-encoded where they stand). */
  SMS_HTTP_URL: Type.String({ default: '' }),
  SMS_HTTP_METHOD: Type.Union([Type.Literal('GET'), Type.Literal('POST')], { default: 'GET' }),
  /** A JSON object of request headers, e.g. {"Authorization":"Bearer …","Content-Type":"application/json"}. */
  SMS_HTTP_HEADERS: Type.String({ default: '' }),
  /** POST body template; placeholders are JSON-escaped for a JSON Content-Type, URL-encoded for a form. */
  SMS_HTTP_BODY: Type.String({ default: '' }),
  /** Where the gateway's message id is in a JSON answer (data.messageId, messages.0.id), or a regex's first group. */
  SMS_HTTP_ID_PATH: Type.String({ default: '' }),
  SMS_HTTP_ID_REGEX: Type.String({ default: '' }),
  /** If set, a 2xx answer whose body does not match is a refusal (a gateway that reports errors with 200). */
  SMS_HTTP_OK_REGEX: Type.String({ default: '' }),
  SMS_HTTP_TIMEOUT_SECONDS: Type.Integer({ minimum: 1, maximum: 300, default: 10 }),
  /** Secret in the delivery-report callback's path (/api/notifications/dlr/<token>); empty = no callback route. */
  SMS_DLR_TOKEN: Type.String({ default: '', pattern: '^$|^[A-Za-z0-9_-]{16,200}$' }),
  SMS_DLR_MESSAGE_ID_FIELD: Type.String({ default: 'message_id', pattern: '^[A-Za-z0-9_.-]{1,100}$' }),
  SMS_DLR_STATUS_FIELD: Type.String({ default: 'status', pattern: '^[A-Za-z0-9_.-]{1,100}$' }),
  SMS_DLR_RATE_PER_MINUTE: Type.Integer({ minimum: 1, default: 600 }),
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465; empty = emails are stored and logged only. */
  SMTP_URL: Type.String({ default: '' }),
  MAIL_FROM: Type.String({ default: 'Dialog <noreply@localhost>' }),
  FFMPEG_PATH: Type.String({ default: '' }),
  FFPROBE_PATH: Type.String({ default: '' }),
  ESPEAK_PATH: Type.String({ default: '' }),
  WORKER_POLL_MS: Type.Integer({ minimum: 50, maximum: 60000, default: 1000 }),
  /** After SIGTERM: how long in-flight requests and a running job get before the process exits anyway. */
  SHUTDOWN_GRACE_SECONDS: Type.Integer({ minimum: 0, maximum: 3600, default: 25 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  SMS_CODE_REQUIRED: Type.Boolean({ default: false }),
  /** Appeals from the virtual reception (source `web`) need a phone confirmed by SMS code, whatever SMS_CODE_REQUIRED says. */
  WEB_SMS_CODE_REQUIRED: Type.Boolean({ default: true }),
  /** Appeals from the virtual reception one phone may register in 24 hours (the booths are not counted). */
  WEB_APPEALS_PER_PHONE_DAY: Type.Integer({ minimum: 1, maximum: 1000, default: 5 }),
  /** Appeals one partner app's API key may file over Open311 (POST /open311/v2/requests) in an hour. */
  OPEN311_POSTS_PER_KEY_HOUR: Type.Integer({ minimum: 1, maximum: 100_000, default: 60 }),
  /** Open311 jurisdiction_id this server answers for; empty: any or none (it serves one jurisdiction). */
  OPEN311_JURISDICTION_ID: Type.String({ default: '', maxLength: 100 }),
  /** The contact line of Open311 discovery (who runs the API, an address for partners). */
  OPEN311_CONTACT: Type.String({ default: '', maxLength: 500 }),
  SMS_CODE_TTL_SECONDS: Type.Integer({ minimum: 30, maximum: 3600, default: 300 }),
  SMS_CODE_RESEND_SECONDS: Type.Integer({ minimum: 10, maximum: 3600, default: 60 }),
  SMS_CODE_MAX_TRIES: Type.Integer({ minimum: 1, maximum: 20, default: 5 }),
  SMS_CODE_MAX_PER_HOUR: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  /** Codes one address may have sent in an hour, to any numbers (booths of one centre share an address). */
  SMS_CODE_MAX_PER_IP_HOUR: Type.Integer({ minimum: 1, maximum: 100_000, default: 60 }),
  KIOSK_PAIRING_REQUIRED: Type.Boolean({ default: false }),
  /** A booth without a heartbeat this long is "silent": the admins get an email (once per silence). */
  KIOSK_SILENT_MINUTES: Type.Integer({ minimum: 1, maximum: 24 * 60, default: 10 }),
  KIOSK_IDLE_SECONDS: Type.Integer({ minimum: 15, maximum: 3600, default: L.KIOSK_IDLE_SECONDS }),
  KIOSK_IDLE_WARNING_SECONDS: Type.Integer({
    minimum: 5,
    maximum: 120,
    default: L.KIOSK_IDLE_WARNING_SECONDS,
  }),
  RECEIPT_AUTO_PRINT: Type.Boolean({ default: true }),
  LOOKUP_RATE_PER_MINUTE: Type.Integer({ minimum: 1, default: 10 }),
  /** Reads of what a look-up token opens (the appeal's page, its video ranges, documents) per address per minute. */
  PUBLIC_READ_RATE_PER_MINUTE: Type.Integer({ minimum: 1, default: 600 }),
  /** Public statistics (/stats, open data): a figure from fewer appeals than this is not shown (docs/open-data.md). */
  STATS_MIN_COUNT: Type.Integer({ minimum: 2, maximum: 100, default: 5 }),
  /** How long the public statistics are reused by this process and may be cached by browsers and proxies. */
  STATS_CACHE_SECONDS: Type.Integer({ minimum: 0, maximum: 86_400, default: 3600 }),
  /** Look-ups (by access code or SMS code) of one registration number per hour, from anywhere. */
  LOOKUP_NUMBER_RATE_PER_HOUR: Type.Integer({ minimum: 1, default: 30 }),
  /** Wrong access codes for one number before its code look-ups are locked (the SMS route still works). */
  LOOKUP_LOCK_FAILURES: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  LOOKUP_LOCK_MINUTES: Type.Integer({ minimum: 1, maximum: 24 * 60, default: 30 }),
  /**
   * How long this process reuses an appeal's public page it has built (0: never). A change made through this process
   * shows at once; one made elsewhere (the office, another process) within this time.
   */
  PUBLIC_VIEW_CACHE_SECONDS: Type.Integer({ minimum: 0, maximum: 60, default: 2 }),
  /** How long a look-up opens the appeal (the signed token and its cookie) for the answer, rating and so on. */
  LOOKUP_TOKEN_MINUTES: Type.Integer({ minimum: 1, maximum: 24 * 60, default: 30 }),
  /** HMAC key of look-up tokens (at least 32 characters); empty = one generated once and kept in the database. */
  LOOKUP_TOKEN_SECRET: Type.String({ default: '', pattern: '^$|^.{32,}$' }),
  /** Largest document (PDF, JPEG, PNG) staff may attach to an answer or an appeal, bytes. */
  ANSWER_DOCUMENT_MAX_BYTES: Type.Integer({
    minimum: 1024,
    maximum: 1024 * 1024 * 1024,
    default: 10 * 1024 * 1024,
  }),
  /** Most documents one answer may carry. */
  ANSWER_DOCUMENTS_MAX: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  /** Most internal attachments one appeal may carry. */
  APPEAL_ATTACHMENTS_MAX: Type.Integer({ minimum: 1, maximum: 1000, default: 30 }),
  /** Calendar days after the answer within which the citizen may dispute it. */
  DISPUTE_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 15 }),
  LOGIN_RATE_PER_MINUTE: Type.Integer({ minimum: 1, default: 10 }),
  /** Failed log-ins (wrong password or code) in a row that lock an account … */
  LOGIN_MAX_FAILURES: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  /** … for this long. */
  LOGIN_LOCKOUT_MINUTES: Type.Integer({ minimum: 1, maximum: 24 * 60, default: 15 }),
  /** A session unused this long ends (SESSION_TTL_HOURS is the absolute limit). */
  SESSION_IDLE_MINUTES: Type.Integer({ minimum: 1, maximum: 24 * 60, default: 60 }),
  /** Roles whose holders must use a second factor (TOTP), e.g. admin,supervisor; empty = optional for everyone. */
  TOTP_REQUIRED_ROLES: Type.String({
    default: '',
    pattern: '^$|^(operator|official|supervisor|admin)(,(operator|official|supervisor|admin))*$',
  }),
  /** The name authenticator apps show beside the account. */
  TOTP_ISSUER: Type.String({ default: 'Dialog', minLength: 1, maxLength: 60 }),
  PASSWORD_MIN_LENGTH: Type.Integer({ minimum: 8, maximum: 128, default: 12 }),
  /** Origins besides the server's own that may send state-changing requests with cookies (comma-separated). */
  CSRF_TRUSTED_ORIGINS: Type.String({ default: '' }),
});

export type RawConfig = Static<typeof Env>;

export interface Config extends RawConfig {
  dataDir: string;
  mediaDir: string;
  database: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string; schema: string };
}

export class ConfigError extends Error {}

/** Reads the environment (or the given record), applies defaults and checks every value; throws on the first bad one. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(Env.properties);
  const picked: Record<string, unknown> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  // Convert would quietly turn '3000.5' or '1e3' into an integer; a knob with a typo must fail instead.
  for (const [key, value] of Object.entries(picked)) {
    const schema = (Env.properties as Record<string, { type?: string }>)[key];
    if (schema?.type === 'integer' && !/^-?\d+$/.test(String(value).trim())) {
      throw new ConfigError(`invalid configuration: ${key}: expected a whole number, got ${String(value)}`);
    }
  }
  const converted = Value.Default(Env, Value.Convert(Env, picked));
  if (!Value.Check(Env, converted)) {
    const first = [...Value.Errors(Env, converted)][0];
    const where = first ? first.instancePath.replace(/^\//, '') : '?';
    throw new ConfigError(`invalid configuration: ${where}: ${first?.message ?? 'bad value'}`);
  }
  const raw = converted;
  if (raw.STORAGE_DRIVER === 's3') checkS3(raw);
  checkNotifications(raw);
  const dataDir = path.resolve(raw.DATA_DIR);
  const url = raw.DATABASE_URL;
  let database: Config['database'];
  if (url === '' || url.startsWith('sqlite:') || url.startsWith('file:')) {
    const file = url === '' ? path.join(dataDir, 'dialog.sqlite') : url.replace(/^(sqlite|file):(\/\/)?/, '');
    database = { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  } else if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    database = { dialect: 'postgres', url, schema: raw.DATABASE_SCHEMA || 'public' };
  } else {
    throw new ConfigError('invalid configuration: DATABASE_URL must be empty, sqlite:PATH or postgres://…');
  }
  return { ...raw, dataDir, mediaDir: path.join(dataDir, 'media'), database };
}

/** An S3 store with no bucket, half a key pair or an endpoint that is not a URL would only fail at the first upload. */
function checkS3(raw: RawConfig): void {
  if (raw.S3_BUCKET === '') {
    throw new ConfigError('invalid configuration: S3_BUCKET: STORAGE_DRIVER=s3 needs a bucket');
  }
  if ((raw.S3_ACCESS_KEY_ID === '') !== (raw.S3_SECRET_ACCESS_KEY === '')) {
    throw new ConfigError(
      'invalid configuration: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together (or both empty for the default credential chain)',
    );
  }
  if (raw.S3_ENDPOINT !== '' && !/^https?:\/\/[^/\s]+/.test(raw.S3_ENDPOINT)) {
    throw new ConfigError('invalid configuration: S3_ENDPOINT must be an http:// or https:// URL');
  }
}

/** A gateway whose address or template is wrong would only fail at the first message, hours later. */
function checkNotifications(raw: RawConfig): void {
  const fail = (message: string): never => {
    throw new ConfigError(`invalid configuration: ${message}`);
  };
  if (raw.SMS_DRIVER === 'smpp') {
    if (!/^s?smpp:\/\/[^/\s:]+(:\d{1,5})?\/?$/.test(raw.SMPP_URL))
      fail('SMPP_URL: SMS_DRIVER=smpp needs smpp://host:port or ssmpp://host:port');
    if (raw.SMPP_SYSTEM_ID === '') fail('SMPP_SYSTEM_ID: SMS_DRIVER=smpp needs the system_id to bind with');
  }
  if (raw.SMS_DRIVER === 'http') {
    if (!/^https?:\/\/[^/\s]+/.test(raw.SMS_HTTP_URL))
      fail('SMS_HTTP_URL: SMS_DRIVER=http needs an http:// or https:// URL template');
    if (
      `${raw.SMS_HTTP_URL}${raw.SMS_HTTP_BODY}`.includes('{dlr_url}') &&
      (raw.PUBLIC_URL === '' || raw.SMS_DLR_TOKEN === '')
    )
      fail('SMS_HTTP_URL: {dlr_url} needs PUBLIC_URL and SMS_DLR_TOKEN (the callback is built from them)');
    if (raw.SMS_HTTP_METHOD === 'GET' && raw.SMS_HTTP_BODY !== '')
      fail('SMS_HTTP_BODY: a body needs SMS_HTTP_METHOD=POST');
  }
  if (raw.SMS_HTTP_HEADERS !== '') {
    let headers: unknown;
    try {
      headers = JSON.parse(raw.SMS_HTTP_HEADERS);
    } catch {
      headers = null;
    }
    const ok =
      typeof headers === 'object' &&
      headers !== null &&
      !Array.isArray(headers) &&
      Object.values(headers).every((v) => typeof v === 'string');
    if (!ok) fail('SMS_HTTP_HEADERS: expected a JSON object of strings');
  }
  for (const key of ['SMS_HTTP_ID_REGEX', 'SMS_HTTP_OK_REGEX'] as const) {
    try {
      new RegExp(raw[key]);
    } catch {
      fail(`${key}: not a valid regular expression`);
    }
  }
  if (raw.SMTP_URL !== '' && !/^smtps?:\/\/[^/\s]+/.test(raw.SMTP_URL))
    fail('SMTP_URL: expected smtp://user:pass@host:port or smtps://…');
  if (!/@[^@\s>]+>?$/.test(raw.MAIL_FROM.trim()))
    fail('MAIL_FROM: expected an address, e.g. Dialog <noreply@example.kz>');
}
