// Settings an administrator edits in the office, stored in the database over the configuration's defaults: the
// environment stays the default and the fallback, a stored value wins, and deleting it (reset) brings the default
// back. Read often (every submission, every booth's start), so each process keeps them a few seconds; a change made
// through this process is seen at once, one made through another process within SETTINGS_CACHE_MS.
import crypto from 'node:crypto';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import {
  EditableSettings,
  LOGO_MAX_BYTES,
  LOGO_MAX_HEIGHT,
  LOGO_MAX_WIDTH,
  SettingsPatch,
  recordingLimitErrors,
  type AdminSettings,
  type SettingKey,
  type Settings,
} from '../../../common/settings.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/index.js';
import { Problem } from '../../errors.js';
import type { Services } from '../../services.js';
import type { Staff } from '../auth/access.js';
import { recordAudit } from '../audit/repository.js';
import { reencodeImage, stillImageArgs, type ImageRecipe } from '../directory/photo.js';
import { deleteSetting, listSettingRows, putSetting } from './repository.js';

export type { Settings } from '../../../common/settings.js';

export const SETTINGS_CACHE_MS = 5000;
/** The row that holds the logo's blob key (not an editable setting: it has its own routes). */
const LOGO_ROW = 'organisationLogo';

interface Stored {
  values: Partial<EditableSettings>;
  logoKey: string | null;
  updatedAt: string | null;
}

const cache = new WeakMap<Database, { at: number; stored: Promise<Stored> }>();

/** Pure: what the configuration (the environment) says, before anything an admin has set. */
export function settingsDefaults(config: Config): EditableSettings {
  const empty = { kk: '', ru: '', en: '' };
  return {
    recordingBaseSeconds: Math.min(config.RECORDING_BASE_SECONDS, config.RECORDING_MAX_SECONDS),
    recordingExtensionSeconds: config.RECORDING_EXTENSION_SECONDS,
    recordingMaxSeconds: config.RECORDING_MAX_SECONDS,
    smsCodeRequired: config.SMS_CODE_REQUIRED,
    deadlineWorkingDays: config.DEADLINE_WORKING_DAYS,
    extensionMaxMonths: config.EXTENSION_MAX_MONTHS,
    videoRetentionYears: config.VIDEO_RETENTION_YEARS,
    personalDataRetentionYears: config.VIDEO_RETENTION_YEARS,
    organisationName: { ...empty },
    contact: { phone: '', email: '', address: { ...empty }, hours: { ...empty } },
  };
}

async function readStored(services: Services, db: Executor): Promise<Stored> {
  const stored: Stored = { values: {}, logoKey: null, updatedAt: null };
  const values = stored.values as Record<string, unknown>;
  for (const row of await listSettingRows(db)) {
    if (!stored.updatedAt || row.updated_at > stored.updatedAt) stored.updatedAt = row.updated_at;
    let value: unknown;
    try {
      value = JSON.parse(row.value);
    } catch {
      value = undefined;
    }
    if (row.key === LOGO_ROW) {
      stored.logoKey = typeof value === 'string' ? value : null;
      continue;
    }
    const schemas: Record<string, TSchema | undefined> = EditableSettings.properties;
    const schema = schemas[row.key];
    // A value the bounds no longer allow (or a key no longer known) is skipped: the default stands.
    if (schema && Value.Check(schema, value)) values[row.key] = value;
    else services.log.warn({ key: row.key }, 'a stored setting is not valid any more; the default applies');
  }
  return stored;
}

type Executor = Parameters<typeof listSettingRows>[0];

/** Within a transaction pass it as `db`: on SQLite a read outside it would wait for it to end, for ever. */
function storedSettings(services: Services, db: Executor = services.db): Promise<Stored> {
  const held = cache.get(services.db);
  const now = performance.now();
  if (held && now - held.at < SETTINGS_CACHE_MS) return held.stored;
  const stored = readStored(services, db);
  cache.set(services.db, { at: now, stored });
  stored.catch(() => cache.delete(services.db));
  return stored;
}

/** The logo's address: a new one for each new picture, so a browser's cached copy never lingers. */
export function logoUrl(key: string | null): string | null {
  if (!key) return null;
  return `/api/settings/logo?v=${crypto.createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

function effective(config: Config, stored: Stored): Settings {
  const s: Settings = {
    ...settingsDefaults(config),
    ...stored.values,
    organisationLogo: logoUrl(stored.logoKey),
  };
  // An environment changed under a stored maximum could break the rules between the limits: the maximum wins.
  s.recordingBaseSeconds = Math.min(s.recordingBaseSeconds, s.recordingMaxSeconds);
  s.recordingExtensionSeconds = Math.min(
    s.recordingExtensionSeconds,
    s.recordingMaxSeconds - s.recordingBaseSeconds,
  );
  return s;
}

/**
 * The effective settings: the configuration's defaults overlaid by what an admin has set. Inside a transaction pass
 * it (`db`), or read the settings before it begins.
 */
export async function getSettings(services: Services, db?: Executor): Promise<Settings> {
  return effective(services.config, await storedSettings(services, db));
}

/** The blob key of the organisation's logo, or null. */
export async function logoKey(services: Services): Promise<string | null> {
  return (await storedSettings(services)).logoKey;
}

/** What the administration's screen shows: the effective values, the defaults and which are set here. */
export async function adminSettings(services: Services): Promise<AdminSettings> {
  const stored = await storedSettings(services);
  return {
    settings: effective(services.config, stored),
    defaults: settingsDefaults(services.config),
    overridden: Object.keys(stored.values),
    updatedAt: stored.updatedAt,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Applies a change (the values given are set, the keys in `reset` go back to the defaults), checked against the bounds and the rules between the
 * recording limits (422 settings-invalid, with each offending field), in one transaction with its audit row
 * `settings.updated` (before and after of each changed key). Deadlines already given to appeals never move: only
 * appeals registered afterwards take a new number of working days.
 */
export async function updateSettings(
  services: Services,
  actor: Pick<Staff, 'id'>,
  patch: SettingsPatch,
  ip: string | null,
): Promise<Settings> {
  if (!Value.Check(SettingsPatch, patch)) {
    const errors = [...Value.Errors(SettingsPatch, patch)].map((e) => ({
      path: e.instancePath || '/',
      message: e.message,
    }));
    throw new Problem('settings-invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  }
  const defaults = settingsDefaults(services.config);
  const now = services.clock.now().toISOString();
  await services.db.transaction().execute(async (trx) => {
    const stored = await readStored(services, trx);
    const before = effective(services.config, stored);
    const { reset: toReset = [], ...given } = patch;
    const values: Record<string, unknown> = { ...stored.values, ...given };
    for (const key of toReset) delete values[key];
    const touched = [...(Object.keys(given) as SettingKey[]), ...toReset];
    const both = toReset.filter((key) => key in given);
    const errors = [
      ...both.map((key) => ({ path: `/${key}`, message: 'set and reset at once' })),
      ...recordingLimitErrors({ ...defaults, ...values }),
    ];
    if (errors.length)
      throw new Problem('settings-invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
    const after = effective(services.config, { ...stored, values });
    const changed: Record<string, { before: unknown; after: unknown }> = {};
    const reset: string[] = [];
    for (const key of touched) {
      if (key in values) await putSetting(trx, key, values[key], now, actor.id);
      else {
        if (key in stored.values) reset.push(key);
        await deleteSetting(trx, key);
      }
      if (!same(before[key], after[key])) changed[key] = { before: before[key], after: after[key] };
    }
    if (Object.keys(changed).length || reset.length)
      await recordAudit(trx, services.clock, {
        actorUserId: actor.id,
        actorKind: 'staff',
        action: 'settings.updated',
        subjectType: 'settings',
        subjectId: 'settings',
        ip,
        detail: { changed, ...(reset.length ? { reset } : {}) },
      });
  });
  cache.delete(services.db);
  return getSettings(services);
}

/** Pure: ffmpeg's arguments for a logo within LOGO_MAX_WIDTH × LOGO_MAX_HEIGHT, in its own type, without metadata. */
export function logoArgs(input: string, output: string, type: 'jpeg' | 'png' | 'webp'): string[] {
  const png = type === 'png';
  const filter =
    `scale='min(${LOGO_MAX_WIDTH},iw)':'min(${LOGO_MAX_HEIGHT},ih)':force_original_aspect_ratio=decrease,` +
    `format=${png ? 'rgba' : 'yuvj420p'}`;
  return stillImageArgs(input, output, filter, png ? ['png'] : ['mjpeg', '-q:v', '3']);
}

const LOGO: ImageRecipe = {
  accept: ['png', 'jpeg'],
  output: (type) => type,
  args: logoArgs,
  invalid: 'logo-not-an-image',
};

async function replaceLogo(
  services: Services,
  actor: Pick<Staff, 'id'>,
  ip: string | null,
  key: string | null,
  detail: Record<string, unknown>,
): Promise<Settings> {
  let old: string | null = null;
  await services.db.transaction().execute(async (trx) => {
    old = (await readStored(services, trx)).logoKey;
    const now = services.clock.now().toISOString();
    if (key) await putSetting(trx, LOGO_ROW, key, now, actor.id);
    else await deleteSetting(trx, LOGO_ROW);
    await recordAudit(trx, services.clock, {
      actorUserId: actor.id,
      actorKind: 'staff',
      action: 'settings.updated',
      subjectType: 'settings',
      subjectId: 'settings',
      ip,
      detail: { changed: { organisationLogo: { before: logoUrl(old), after: logoUrl(key) } }, ...detail },
    });
  });
  cache.delete(services.db);
  if (old && old !== key) await services.storage.delete(old).catch(() => undefined);
  return getSettings(services);
}

/**
 * Sets the organisation's logo: a PNG or JPEG told by its bytes (422 logo-not-an-image), at most LOGO_MAX_BYTES
 * (413 logo-too-large), re-encoded by ffmpeg to fit LOGO_MAX_WIDTH × LOGO_MAX_HEIGHT with every metadata gone.
 */
export async function setLogo(
  services: Services,
  actor: Pick<Staff, 'id'>,
  bytes: Buffer,
  ip: string | null,
) {
  if (bytes.length > LOGO_MAX_BYTES) throw new Problem('logo-too-large', `At most ${LOGO_MAX_BYTES} bytes.`);
  const picture = await reencodeImage(services.media, bytes, LOGO);
  const ext = picture[0] === 0x89 ? 'png' : 'jpg';
  const key = `settings/logo-${crypto.randomBytes(6).toString('hex')}.${ext}`;
  const stored = await services.storage.put(key, picture);
  try {
    return await replaceLogo(services, actor, ip, key, {
      uploadedBytes: bytes.length,
      storedBytes: stored.size,
      sha256: stored.sha256,
    });
  } catch (error) {
    await services.storage.delete(key).catch(() => undefined);
    throw error;
  }
}

export async function removeLogo(services: Services, actor: Pick<Staff, 'id'>, ip: string | null) {
  if (!(await logoKey(services))) return getSettings(services);
  return replaceLogo(services, actor, ip, null, {});
}
