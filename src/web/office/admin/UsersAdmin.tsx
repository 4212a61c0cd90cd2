// Administration › Users: invite a user (a one-time password shown once, to hand over), give roles and, for an
// official, their official record; reset a password, require a second factor, deactivate and reactivate. The server
// refuses to lose the last active admin and says so.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Trilingual } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { TextField } from '../../ui/fields.js';
import { formatShortDateTime, pick } from '../../ui/format.js';
import { currentLanguage } from '../../ui/i18n.js';
import { useAction } from '../../ui/useAction.js';
import { LANGUAGES, ROLES, type Language, type Role } from '../../../common/statuses.js';
import { adminApi, type AdminUserView } from './adminApi.js';
import { AdminTable, HiddenHeader } from './parts.js';

/** An official one can link a user to: every one in the directory that is not retired, with the department. */
interface OfficialChoice {
  id: string;
  fullName: Trilingual;
  department: Trilingual;
  active: boolean;
}

async function officialChoices(): Promise<OfficialChoice[]> {
  const [officials, departments] = await Promise.all([
    api.directory.officials(),
    api.directory.departments(),
  ]);
  const names = new Map(departments.map((d) => [d.id, d.name]));
  return officials.map((o) => ({
    id: o.id,
    fullName: o.fullName,
    department: names.get(o.departmentId) ?? { kk: '', ru: '', en: '' },
    active: o.active && o.retiredAt === null,
  }));
}
import './admin.css';

export function UsersAdmin() {
  const { t } = useTranslation();
  const [users, setUsers] = useState<AdminUserView[] | null>(null);
  const [officials, setOfficials] = useState<OfficialChoice[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const { error, setError } = useAction();

  const reload = useCallback(() => {
    adminApi.users().then(setUsers, setError);
  }, [setError]);
  useEffect(() => {
    reload();
    officialChoices().then(setOfficials, () => undefined);
  }, [reload]);

  return (
    <main className="page wide admin-users">
      <h1>{t('office.adminUsers.title')}</h1>
      <p className="muted">{t('office.adminUsers.intro')}</p>
      <InviteForm officials={officials} onInvited={reload} />
      <h2>{t('office.adminUsers.listTitle')}</h2>
      <ErrorMessage error={error} />
      {!users && !error ? <p>{t('common.loading')}</p> : null}
      {users ? (
        <AdminTable
          caption={t('office.adminUsers.caption')}
          className="inbox admin-table"
          columns={[
            t('office.adminUsers.user'),
            t('office.adminUsers.roles'),
            t('office.adminUsers.official'),
            t('office.adminUsers.state'),
            <HiddenHeader key="actions">{t('office.adminUsers.actions')}</HiddenHeader>,
          ]}
        >
          {users.map((u) => (
            <UserRows
              key={u.id}
              user={u}
              officials={officials}
              open={open === u.id}
              onToggle={() => setOpen(open === u.id ? null : u.id)}
              onChanged={(changed) =>
                setUsers((list) => list?.map((x) => (x.id === changed.id ? changed : x)) ?? null)
              }
            />
          ))}
        </AdminTable>
      ) : null}
    </main>
  );
}

function officialName(officials: OfficialChoice[], id: string | null, lng: Language): string {
  if (!id) return '—';
  const found = officials.find((o) => o.id === id);
  return found ? `${pick(found.fullName, lng)} (${pick(found.department, lng)})` : '—';
}

function UserState({ user }: { user: AdminUserView }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (
    <>
      <span className={`state-badge ${user.active ? 'state-ok' : 'state-off'}`}>
        {user.active ? t('office.adminUsers.active') : t('office.adminUsers.inactive')}
      </span>
      {user.lockedUntil ? (
        <span className="small">
          <br />
          {t('office.adminUsers.lockedUntil', { at: formatShortDateTime(user.lockedUntil, lng) })}
        </span>
      ) : null}
      <span className="small">
        <br />
        {user.totpEnabled
          ? t('office.adminUsers.totpOn')
          : user.totpRequired
            ? t('office.adminUsers.totpPending')
            : t('office.adminUsers.totpOff')}
      </span>
      {user.mustChangePassword ? (
        <span className="small">
          <br />
          {t('office.adminUsers.mustChange')}
        </span>
      ) : null}
    </>
  );
}

function UserRows({
  user,
  officials,
  open,
  onToggle,
  onChanged,
}: {
  user: AdminUserView;
  officials: OfficialChoice[];
  open: boolean;
  onToggle: () => void;
  onChanged: (user: AdminUserView) => void;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (
    <>
      <tr data-testid="user-row" data-username={user.username}>
        <td>
          <strong>{user.displayName}</strong>
          <br />
          <code className="small">{user.username}</code>
          {user.email ? <span className="muted small"> · {user.email}</span> : null}
        </td>
        <td>{user.roles.map((r) => t(`office.adminUsers.roleNames.${r}`)).join(', ')}</td>
        <td>{officialName(officials, user.officialId, lng)}</td>
        <td>
          <UserState user={user} />
        </td>
        <td>
          <button
            type="button"
            aria-expanded={open}
            aria-controls={`user-panel-${user.id}`}
            onClick={onToggle}
            aria-label={t('office.adminUsers.manageButton', { name: user.displayName })}
          >
            {t('office.adminUsers.manage')}
          </button>
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={5} id={`user-panel-${user.id}`}>
            <UserPanel user={user} officials={officials} onChanged={onChanged} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function RoleChoice({
  idPrefix,
  roles,
  onChange,
}: {
  idPrefix: string;
  roles: Role[];
  onChange: (roles: Role[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('office.adminUsers.roles')}</legend>
      {ROLES.map((r) => (
        <label key={r} htmlFor={`${idPrefix}-role-${r}`}>
          <input
            id={`${idPrefix}-role-${r}`}
            type="checkbox"
            checked={roles.includes(r)}
            onChange={(e) => onChange(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))}
          />
          {t(`office.adminUsers.roleNames.${r}`)}
        </label>
      ))}
    </fieldset>
  );
}

function OfficialSelect({
  id,
  value,
  onChange,
  officials,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  officials: OfficialChoice[];
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (
    <>
      <label htmlFor={id}>{t('office.adminUsers.official')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('office.adminUsers.noOfficial')}</option>
        {officials
          .filter((o) => o.active || o.id === value)
          .map((o) => (
            <option key={o.id} value={o.id}>
              {pick(o.fullName, lng)} — {pick(o.department, lng)}
            </option>
          ))}
      </select>
    </>
  );
}

function LanguageSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: Language;
  onChange: (l: Language) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={id}>{t('office.adminUsers.language')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {t(`common.languageNames.${l}`)}
          </option>
        ))}
      </select>
    </>
  );
}

function OneTimePassword({ username, password }: { username: string; password: string }) {
  const { t } = useTranslation();
  return (
    <div className="notice" role="status" style={{ gridColumn: '1 / -1' }}>
      <p>{t('office.adminUsers.oneTimeIntro', { username })}</p>
      <p className="one-time-password" data-testid="one-time-password">
        {password}
      </p>
      <p className="small">{t('office.adminUsers.oneTimeHint')}</p>
    </div>
  );
}

/** What the invitation and the user's settings both edit. */
interface Profile {
  displayName: string;
  roles: Role[];
  officialId: string;
  email: string;
  language: Language;
  totpRequired: boolean;
}

/** The profile as the server takes it: trimmed, with empty choices as null. */
function profileBody(p: Profile) {
  return {
    displayName: p.displayName.trim(),
    officialId: p.officialId || null,
    email: p.email.trim() || null,
    language: p.language,
    totpRequired: p.totpRequired,
  };
}

/** The name, roles, official record, email, language and second-factor fields, ids under `idPrefix`. */
function ProfileFields({
  idPrefix,
  profile,
  onChange,
  officials,
}: {
  idPrefix: string;
  profile: Profile;
  onChange: (profile: Profile) => void;
  officials: OfficialChoice[];
}) {
  const { t } = useTranslation();
  const set =
    <K extends keyof Profile>(key: K) =>
    (value: Profile[K]) =>
      onChange({ ...profile, [key]: value });
  return (
    <>
      <TextField
        id={`${idPrefix}-name`}
        label={t('office.adminUsers.displayName')}
        value={profile.displayName}
        onChange={set('displayName')}
        required
        maxLength={120}
      />
      <RoleChoice idPrefix={idPrefix} roles={profile.roles} onChange={set('roles')} />
      <OfficialSelect
        id={`${idPrefix}-official`}
        value={profile.officialId}
        onChange={set('officialId')}
        officials={officials}
      />
      <TextField
        id={`${idPrefix}-email`}
        label={t('office.adminUsers.email')}
        value={profile.email}
        onChange={set('email')}
        type="email"
        maxLength={200}
      />
      <LanguageSelect id={`${idPrefix}-language`} value={profile.language} onChange={set('language')} />
      <label htmlFor={`${idPrefix}-totp`} className="check">
        <input
          id={`${idPrefix}-totp`}
          type="checkbox"
          checked={profile.totpRequired}
          onChange={(e) => set('totpRequired')(e.target.checked)}
        />{' '}
        {t('office.adminUsers.requireTotp')}
      </label>
    </>
  );
}

function InviteForm({ officials, onInvited }: { officials: OfficialChoice[]; onInvited: () => void }) {
  const { t } = useTranslation();
  const blank = (): Profile => ({
    displayName: '',
    roles: ['operator'],
    officialId: '',
    email: '',
    language: currentLanguage(),
    totpRequired: false,
  });
  const [username, setUsername] = useState('');
  const [profile, setProfile] = useState<Profile>(blank);
  const [invited, setInvited] = useState<{ username: string; password: string } | null>(null);
  const { busy, error, run } = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const res = await adminApi.invite({
        username: username.trim(),
        roles: profile.roles,
        ...profileBody(profile),
      });
      setInvited({ username: res.user.username, password: res.temporaryPassword });
      setUsername('');
      // The roles and the language stay for the next invitation, as they did.
      setProfile((p) => ({ ...blank(), roles: p.roles, language: p.language }));
      onInvited();
    });
  };

  return (
    <form className="card user-invite" onSubmit={submit} aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('office.adminUsers.inviteTitle')}</h2>
      <TextField
        id="invite-username"
        label={t('office.adminUsers.username')}
        value={username}
        onChange={setUsername}
        required
        maxLength={40}
        autoComplete="off"
        spellCheck={false}
      />
      <ProfileFields idPrefix="invite" profile={profile} onChange={setProfile} officials={officials} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || profile.roles.length === 0}>
          {t('office.adminUsers.invite')}
        </button>
      </div>
      <div style={{ gridColumn: '1 / -1' }}>
        <ErrorMessage error={error} />
      </div>
      {invited ? <OneTimePassword username={invited.username} password={invited.password} /> : null}
    </form>
  );
}

function UserPanel({
  user,
  officials,
  onChanged,
}: {
  user: AdminUserView;
  officials: OfficialChoice[];
  onChanged: (user: AdminUserView) => void;
}) {
  const { t } = useTranslation();
  const [profile, setProfile] = useState<Profile>({
    displayName: user.displayName,
    roles: user.roles,
    officialId: user.officialId ?? '',
    email: user.email ?? '',
    language: user.language,
    totpRequired: user.totpRequired,
  });
  const { roles } = profile;
  const [resetTotp, setResetTotp] = useState(false);
  const [password, setPassword] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const p = `user-${user.id}`;

  const act = (work: () => Promise<AdminUserView | void>, message: string) =>
    run(async () => {
      const changed = await work();
      if (changed) onChanged(changed);
      setNotice(message);
    });

  const saveProfile = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const body = profileBody(profile);
      const sameRoles = [...roles].sort().join() === [...user.roles].sort().join();
      // The official role needs its record: link it before giving the role, drop the role before unlinking it.
      if (sameRoles) return adminApi.editUser(user.id, body);
      if (roles.includes('official')) {
        await adminApi.editUser(user.id, body);
        return adminApi.setRoles(user.id, roles);
      }
      await adminApi.setRoles(user.id, roles);
      return adminApi.editUser(user.id, body);
    }, 'office.adminUsers.saved');
  };

  return (
    <form
      className="user-panel"
      onSubmit={saveProfile}
      aria-label={t('office.adminUsers.manageNamed', { name: user.displayName })}
    >
      <h3>{t('office.adminUsers.manageNamed', { name: user.displayName })}</h3>
      <ProfileFields idPrefix={p} profile={profile} onChange={setProfile} officials={officials} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || roles.length === 0}>
          {t('office.adminUsers.save')}
        </button>
      </div>
      <div className="actions">
        <label htmlFor={`${p}-reset-totp`} className="check">
          <input
            id={`${p}-reset-totp`}
            type="checkbox"
            checked={resetTotp}
            onChange={(e) => setResetTotp(e.target.checked)}
          />{' '}
          {t('office.adminUsers.resetTotp')}
        </label>
        <button
          type="button"
          onClick={() =>
            void act(async () => {
              setPassword((await adminApi.resetPassword(user.id, resetTotp)).temporaryPassword);
              const fresh = (await adminApi.users()).find((u) => u.id === user.id);
              return fresh;
            }, 'office.adminUsers.resetDone')
          }
          disabled={busy}
        >
          {t('office.adminUsers.resetPassword')}
        </button>
        {user.active ? (
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (window.confirm(t('office.adminUsers.deactivateConfirm', { name: user.displayName })))
                void act(() => adminApi.deactivate(user.id), 'office.adminUsers.deactivated');
            }}
            disabled={busy}
          >
            {t('office.adminUsers.deactivate')}
          </button>
        ) : (
          <button
            type="button"
            onClick={() => void act(() => adminApi.reactivate(user.id), 'office.adminUsers.reactivated')}
            disabled={busy}
          >
            {t('office.adminUsers.reactivate')}
          </button>
        )}
      </div>
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      {password ? <OneTimePassword username={user.username} password={password} /> : null}
      <div style={{ gridColumn: '1 / -1' }}>
        <ErrorMessage error={error} />
      </div>
    </form>
  );
}
