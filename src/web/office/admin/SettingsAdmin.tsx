// Administration › Settings: the recording limits, the booth's SMS code, deadline defaults, retention periods, the
// organisation's name and logo, and the public site's contacts. Stored on the server over the configuration's
// defaults; each setting an admin has set can go back to its default.
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../common/statuses.js';
import {
  CONTACT_EMAIL_MAX,
  CONTACT_PHONE_MAX,
  CONTACT_TEXT_MAX,
  LOGO_MAX_BYTES,
  ORGANISATION_NAME_MAX,
  SETTING_BOUNDS,
  SETTING_KEYS,
  type AdminSettings,
  type EditableSettings,
  type SettingKey,
  type SettingsPatch,
} from '../../../common/settings.js';
import { ApiError } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { TextAreaField, TextField } from '../../ui/fields.js';
import { useAction } from '../../ui/useAction.js';
import { adminApi } from './adminApi.js';
import { CheckField, Notice } from './parts.js';
import './admin.css';

type NumberKey = keyof typeof SETTING_BOUNDS;
type Trilingual = Record<Language, string>;

function editable(settings: AdminSettings['settings']): EditableSettings {
  const values = Object.fromEntries(SETTING_KEYS.map((key) => [key, settings[key]]));
  return values as EditableSettings;
}

/** The fields the server named in a 422 settings-invalid (paths such as /recordingBaseSeconds). */
function invalidKeys(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem?.errors ?? []).map((e) => e.path.split('/')[1] ?? '');
}

export function SettingsAdmin() {
  const { t } = useTranslation();
  const [data, setData] = useState<AdminSettings | null>(null);
  const [draft, setDraft] = useState<EditableSettings | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();

  const show = useCallback((next: AdminSettings) => {
    setData(next);
    setDraft(editable(next.settings));
  }, []);
  useEffect(() => {
    adminApi.settings().then(show, setError);
  }, [show, setError]);

  const send = (patch: SettingsPatch | (() => Promise<AdminSettings>), done: string) =>
    void run(async () => {
      setMessage(null);
      show(typeof patch === 'function' ? await patch() : await adminApi.updateSettings(patch));
      setMessage(done);
    });

  if (!data || !draft) {
    return (
      <main className="page wide admin-settings">
        <h1>{t('office.settings.title')}</h1>
        <ErrorMessage error={error} />
      </main>
    );
  }

  const saved = editable(data.settings);
  const changed = SETTING_KEYS.filter((key) => JSON.stringify(draft[key]) !== JSON.stringify(saved[key]));
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (changed.length === 0) return;
    send(Object.fromEntries(changed.map((key) => [key, draft[key]])), t('office.settings.saved'));
  };
  const set = <K extends SettingKey>(key: K, value: EditableSettings[K]) =>
    setDraft({ ...draft, [key]: value });
  const invalid = invalidKeys(error);

  /** "Default: …" and, for a setting set here, the button that puts the default back. */
  const defaultLine = (key: SettingKey, shown: string) => (
    <p className="muted small settings-default">
      <span id={`setting-${key}-default`}>{t('office.settings.default', { value: shown })}</span>{' '}
      {data.overridden.includes(key) ? (
        <button
          type="button"
          className="link-button"
          disabled={busy}
          onClick={() => send({ reset: [key] }, t('office.settings.resetDone'))}
        >
          {t('office.settings.reset')}
          <span className="visually-hidden"> {t(`office.settings.fields.${key}`)}</span>
        </button>
      ) : null}
    </p>
  );

  const number = (key: NumberKey) => (
    <div className="field" key={key}>
      <TextField
        id={`setting-${key}`}
        label={t(`office.settings.fields.${key}`)}
        type="number"
        inputMode="numeric"
        required
        min={SETTING_BOUNDS[key].minimum}
        max={SETTING_BOUNDS[key].maximum}
        step={1}
        value={String(draft[key])}
        onChange={(v) => set(key, Number(v))}
        {...(invalid.includes(key)
          ? { problem: t(`office.settings.invalid.${key}`, SETTING_BOUNDS[key]) }
          : { 'aria-describedby': `setting-${key}-default` })}
      />
      {defaultLine(key, String(data.defaults[key]))}
    </div>
  );

  const trilingual = (
    key: 'name' | 'address' | 'hours',
    value: Trilingual,
    onChange: (value: Trilingual) => void,
    multiline: boolean,
  ) =>
    LANGUAGES.map((lang) => {
      const id = `setting-${key}-${lang}`;
      const label = t(`office.settings.trilingual.${key}`, { language: t(`common.languageNames.${lang}`) });
      const change = (v: string) => onChange({ ...value, [lang]: v });
      return multiline ? (
        <TextAreaField
          key={lang}
          id={id}
          label={label}
          value={value[lang]}
          onChange={change}
          rows={2}
          maxLength={CONTACT_TEXT_MAX}
        />
      ) : (
        <div className="field" key={lang}>
          <TextField
            id={id}
            label={label}
            value={value[lang]}
            onChange={change}
            maxLength={ORGANISATION_NAME_MAX}
            lang={lang}
          />
        </div>
      );
    });

  return (
    <main className="page wide admin-settings">
      <h1>{t('office.settings.title')}</h1>
      <p className="muted">{t('office.settings.intro')}</p>
      <form onSubmit={save} className="dir-form">
        <Group legend={t('office.settings.groups.recording')} hint={t('office.settings.hints.recording')}>
          <div className="dir-tri">
            {number('recordingBaseSeconds')}
            {number('recordingExtensionSeconds')}
            {number('recordingMaxSeconds')}
          </div>
        </Group>
        <Group legend={t('office.settings.groups.booth')}>
          <CheckField checked={draft.smsCodeRequired} onChange={(v) => set('smsCodeRequired', v)}>
            {t('office.settings.fields.smsCodeRequired')}
          </CheckField>
          {defaultLine(
            'smsCodeRequired',
            t(data.defaults.smsCodeRequired ? 'office.settings.on' : 'office.settings.off'),
          )}
        </Group>
        <Group legend={t('office.settings.groups.deadlines')} hint={t('office.settings.hints.deadlines')}>
          <div className="dir-tri">
            {number('deadlineWorkingDays')}
            {number('extensionMaxMonths')}
          </div>
        </Group>
        <Group legend={t('office.settings.groups.retention')} hint={t('office.settings.hints.retention')}>
          <div className="dir-tri">
            {number('videoRetentionYears')}
            {number('personalDataRetentionYears')}
          </div>
        </Group>
        <Group
          legend={t('office.settings.groups.organisation')}
          hint={t('office.settings.hints.organisation')}
        >
          <div className="dir-tri">
            {trilingual('name', draft.organisationName, (v) => set('organisationName', v), false)}
          </div>
          {defaultLine('organisationName', t('office.settings.none'))}
        </Group>
        <Group legend={t('office.settings.groups.contact')} hint={t('office.settings.hints.contact')}>
          <div className="dir-tri">
            <div className="field">
              <TextField
                id="setting-phone"
                label={t('office.settings.fields.phone')}
                type="tel"
                value={draft.contact.phone}
                onChange={(phone) => set('contact', { ...draft.contact, phone })}
                maxLength={CONTACT_PHONE_MAX}
                pattern="[0-9+()\- ]*"
              />
            </div>
            <div className="field">
              <TextField
                id="setting-email"
                label={t('office.settings.fields.email')}
                type="email"
                value={draft.contact.email}
                onChange={(email) => set('contact', { ...draft.contact, email })}
                maxLength={CONTACT_EMAIL_MAX}
              />
            </div>
          </div>
          <div className="dir-tri">
            {trilingual(
              'address',
              draft.contact.address,
              (address) => set('contact', { ...draft.contact, address }),
              true,
            )}
          </div>
          <div className="dir-tri">
            {trilingual(
              'hours',
              draft.contact.hours,
              (hours) => set('contact', { ...draft.contact, hours }),
              true,
            )}
          </div>
          {defaultLine('contact', t('office.settings.none'))}
        </Group>
        <div className="actions settings-save">
          <button type="submit" className="primary" disabled={busy || changed.length === 0}>
            {t('office.settings.save')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy || changed.length === 0}
            onClick={() => setDraft(saved)}
          >
            {t('office.settings.undo')}
          </button>
        </div>
      </form>
      <Notice message={message} />
      <ErrorMessage error={error} />
      <LogoPanel
        url={data.settings.organisationLogo}
        busy={busy}
        onUpload={(file) => send(() => adminApi.setLogo(file), t('office.settings.logo.uploaded'))}
        onRemove={() => send(() => adminApi.removeLogo(), t('office.settings.logo.removed'))}
      />
    </main>
  );
}

function Group({ legend, hint, children }: { legend: string; hint?: string; children: ReactNode }) {
  return (
    <fieldset className="settings-group">
      <legend>{legend}</legend>
      {hint ? <p className="muted small">{hint}</p> : null}
      {children}
    </fieldset>
  );
}

function LogoPanel({
  url,
  busy,
  onUpload,
  onRemove,
}: {
  url: string | null;
  busy: boolean;
  onUpload: (file: File) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="settings-group settings-logo dir-form" aria-labelledby="settings-logo-title">
      <h2 id="settings-logo-title">{t('office.settings.logo.title')}</h2>
      <p className="muted small">
        {t('office.settings.logo.hint', { megabytes: LOGO_MAX_BYTES / (1024 * 1024) })}
      </p>
      {url ? (
        <img className="settings-logo-preview" src={url} alt={t('office.settings.logo.current')} />
      ) : (
        <p>{t('office.settings.logo.none')}</p>
      )}
      <div className="field">
        <label htmlFor="settings-logo-file">
          {url ? t('office.settings.logo.replace') : t('office.settings.logo.upload')}
        </label>
        <input
          id="settings-logo-file"
          type="file"
          accept="image/png,image/jpeg"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) onUpload(file);
          }}
        />
      </div>
      {url ? (
        <button type="button" className="secondary" disabled={busy} onClick={onRemove}>
          {t('office.settings.logo.remove')}
        </button>
      ) : null}
    </section>
  );
}
