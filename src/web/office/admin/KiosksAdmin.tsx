// Administration › Booths: pair a booth by the code on its screen, name and place it, revoke it, and see each one's
// state at a glance (text and colour) with its last heartbeat, devices, storage, version, queued uploads and today's
// appeals; a line counting them by state, faults first, and a filter by state. The list refreshes itself every half
// minute.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui/components.js';
import { TextField } from '../../ui/fields.js';
import { formatShortDateTime } from '../../ui/format.js';
import { currentLanguage } from '../../ui/i18n.js';
import { useAction } from '../../ui/useAction.js';
import { adminApi, type KioskAdminView } from './adminApi.js';
import { shownKiosks, stateCounts, timeAgo, type StateFilter } from './kioskGlance.js';
import { AdminTable, HiddenHeader, SaveCancel } from './parts.js';
import './admin.css';

const REFRESH_MS = 30_000;

function gigabytes(bytes: number): string {
  return (bytes / 1e9).toFixed(1);
}

export function KiosksAdmin() {
  const { t } = useTranslation();
  const [kiosks, setKiosks] = useState<KioskAdminView[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [filter, setFilter] = useState<StateFilter>('all');
  const [now, setNow] = useState(() => new Date());
  const { error, setError } = useAction();

  const reload = useCallback(() => {
    adminApi.kiosks().then((list) => {
      setKiosks(list);
      setNow(new Date());
      setError(null);
    }, setError);
  }, [setError]);
  useEffect(() => {
    reload();
    const timer = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  const shown = kiosks ? shownKiosks(kiosks, filter) : [];

  return (
    <main className="page wide admin-kiosks">
      <h1>{t('office.adminKiosks.title')}</h1>
      <p className="muted">{t('office.adminKiosks.intro')}</p>
      <PairForm onPaired={reload} />
      <h2>{t('office.adminKiosks.listTitle')}</h2>
      {kiosks && kiosks.length > 0 ? <Glance kiosks={kiosks} filter={filter} onFilter={setFilter} /> : null}
      <ErrorMessage error={error} />
      {!kiosks && !error ? <p>{t('common.loading')}</p> : null}
      {kiosks && kiosks.length === 0 ? <p>{t('office.adminKiosks.empty')}</p> : null}
      {kiosks && kiosks.length > 0 && shown.length === 0 ? (
        <p>{t('office.adminKiosks.noneInState')}</p>
      ) : null}
      {shown.length > 0 ? (
        <AdminTable
          caption={t('office.adminKiosks.caption')}
          className="inbox admin-table"
          columns={[
            t('office.adminKiosks.booth'),
            t('office.adminKiosks.state'),
            t('office.adminKiosks.heartbeat'),
            t('office.adminKiosks.devices'),
            t('office.adminKiosks.storage'),
            t('office.adminKiosks.version'),
            t('office.adminKiosks.queued'),
            t('office.adminKiosks.today'),
            <HiddenHeader key="actions">{t('office.adminKiosks.actions')}</HiddenHeader>,
          ]}
        >
          {shown.map((k) =>
            editing === k.id ? (
              <tr key={k.id}>
                <td colSpan={9}>
                  <EditForm
                    kiosk={k}
                    onDone={() => {
                      setEditing(null);
                      reload();
                    }}
                  />
                </td>
              </tr>
            ) : (
              <KioskRow key={k.id} kiosk={k} now={now} onEdit={() => setEditing(k.id)} onChanged={reload} />
            ),
          )}
        </AdminTable>
      ) : null}
    </main>
  );
}

/** "12 booths: 1 with a fault, 1 silent and 10 working." and a button per state that shows only those booths. */
function Glance({
  kiosks,
  filter,
  onFilter,
}: {
  kiosks: readonly KioskAdminView[];
  filter: StateFilter;
  onFilter: (filter: StateFilter) => void;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const counts = stateCounts(kiosks);
  const states = new Intl.ListFormat(lng, { type: 'conjunction' }).format(
    counts.map(([s, count]) => t(`office.adminKiosks.counts.${s}`, { count })),
  );
  const choices: [StateFilter, string][] = [
    ['all', t('office.adminKiosks.showAll', { count: kiosks.length })],
    ...counts.map(([s, n]): [StateFilter, string] => [s, `${t(`office.adminKiosks.states.${s}`)}: ${n}`]),
  ];
  return (
    <>
      <p className="kiosk-total" data-testid="kiosk-summary">
        {t('office.adminKiosks.summaryLine', {
          total: t('office.adminKiosks.boothCount', { count: kiosks.length }),
          states,
        })}
      </p>
      <div className="kiosk-summary" role="group" aria-label={t('office.adminKiosks.filter')}>
        {choices.map(([s, label]) => (
          <button
            key={s}
            type="button"
            className={`kiosk-filter state-badge state-${s}`}
            aria-pressed={filter === s}
            onClick={() => onFilter(s)}
          >
            {label}
          </button>
        ))}
      </div>
    </>
  );
}

function KioskRow({
  kiosk: k,
  now,
  onEdit,
  onChanged,
}: {
  kiosk: KioskAdminView;
  /** When the list was read: the heartbeat's age is counted from it. */
  now: Date;
  onEdit: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const { busy, error, run } = useAction();
  const revoke = () => {
    if (!window.confirm(t('office.adminKiosks.revokeConfirm', { name: k.name }))) return;
    void run(async () => {
      await adminApi.revokeKiosk(k.id);
      onChanged();
    });
  };
  const storage =
    k.storageQuotaBytes !== null && k.storageUsedBytes !== null && k.storageQuotaBytes > 0
      ? Math.round((100 * k.storageUsedBytes) / k.storageQuotaBytes)
      : null;
  return (
    <tr data-testid="kiosk-row" data-state={k.state}>
      <td>
        <strong>{k.name}</strong>
        {k.location ? (
          <>
            <br />
            <span className="muted">{k.location}</span>
          </>
        ) : null}
        <br />
        <span className="muted small">
          {t('office.adminKiosks.pairedAt', { at: formatShortDateTime(k.pairedAt, lng) })}
        </span>
      </td>
      <td>
        <span className={`state-badge state-${k.state}`} data-testid="kiosk-state">
          {t(`office.adminKiosks.states.${k.state}`)}
        </span>
        {k.faults.length > 0 ? (
          <>
            <br />
            <span className="small">
              {k.faults.map((f) => t(`office.adminKiosks.parts.${f}`)).join(', ')}
            </span>
          </>
        ) : null}
        {k.state === 'fault' && k.faultSince ? (
          <>
            <br />
            <span className="muted small">
              {t('office.adminKiosks.since', { at: formatShortDateTime(k.faultSince, lng) })}
            </span>
          </>
        ) : null}
      </td>
      <td>
        {k.lastHeartbeatAt ? (
          <>
            <strong>{timeAgo(k.lastHeartbeatAt, now, lng, t('office.adminKiosks.justNow'))}</strong>
            <br />
            <time className="muted small" dateTime={k.lastHeartbeatAt}>
              {formatShortDateTime(k.lastHeartbeatAt, lng)}
            </time>
          </>
        ) : (
          <span className="muted">{t('office.adminKiosks.never')}</span>
        )}
        {k.lastIp ? <span className="muted small"> {k.lastIp}</span> : null}
      </td>
      <td>
        {k.devices ? (
          <ul className="kiosk-devices">
            {(['camera', 'microphone', 'printer'] as const).map((d) => (
              <li key={d} className={k.faults.includes(d) ? 'device-bad' : undefined}>
                {t(`office.adminKiosks.parts.${d}`)}: {t(`office.adminKiosks.device.${k.devices![d]}`)}
              </li>
            ))}
          </ul>
        ) : (
          '—'
        )}
      </td>
      <td className={k.faults.includes('storage') ? 'device-bad' : undefined}>
        {storage !== null
          ? t('office.adminKiosks.storageUsed', {
              percent: storage,
              used: gigabytes(k.storageUsedBytes ?? 0),
              quota: gigabytes(k.storageQuotaBytes ?? 0),
            })
          : '—'}
      </td>
      <td>{k.softwareVersion ?? '—'}</td>
      <td>{k.pendingUploads ?? '—'}</td>
      <td>{k.appealsToday}</td>
      <td>
        {k.state !== 'revoked' ? (
          <div className="actions">
            <button
              type="button"
              onClick={onEdit}
              aria-label={t('office.adminKiosks.editNamed', { name: k.name })}
            >
              {t('office.adminKiosks.edit')}
            </button>
            <button
              type="button"
              className="danger"
              onClick={revoke}
              disabled={busy}
              aria-label={t('office.adminKiosks.revokeNamed', { name: k.name })}
            >
              {t('office.adminKiosks.revoke')}
            </button>
          </div>
        ) : k.revokedAt ? (
          <span className="muted small">
            {t('office.adminKiosks.revokedAt', { at: formatShortDateTime(k.revokedAt, lng) })}
          </span>
        ) : null}
        <ErrorMessage error={error} />
      </td>
    </tr>
  );
}

function PairForm({ onPaired }: { onPaired: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [location, setLocation] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const kiosk = await adminApi.pairKiosk({
        code: code.trim(),
        name: name.trim(),
        location: location.trim(),
      });
      setDone(kiosk.name);
      setCode('');
      setName('');
      setLocation('');
      onPaired();
    });
  };
  return (
    <form className="card kiosk-pair" onSubmit={submit} aria-labelledby="pair-heading">
      <h2 id="pair-heading">{t('office.adminKiosks.pairTitle')}</h2>
      <p className="hint" style={{ gridColumn: '1 / -1' }}>
        {t('office.adminKiosks.pairHint')}
      </p>
      <TextField
        id="pair-code"
        label={t('office.adminKiosks.code')}
        value={code}
        onChange={setCode}
        required
        minLength={8}
        maxLength={16}
        autoComplete="off"
        spellCheck={false}
        placeholder="7KQ2-M9XD"
      />
      <PlaceFields
        idPrefix="pair"
        name={name}
        location={location}
        onName={setName}
        onLocation={setLocation}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('office.adminKiosks.pair')}
        </button>
      </div>
      {done ? (
        <p className="notice" role="status">
          {t('office.adminKiosks.paired', { name: done })}
        </p>
      ) : null}
      <div style={{ gridColumn: '1 / -1' }}>
        <ErrorMessage error={error} />
      </div>
    </form>
  );
}

function EditForm({ kiosk, onDone }: { kiosk: KioskAdminView; onDone: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(kiosk.name);
  const [location, setLocation] = useState(kiosk.location);
  const { busy, error, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await adminApi.editKiosk(kiosk.id, { name: name.trim(), location: location.trim() });
      onDone();
    });
  };
  return (
    <form
      className="kiosk-pair"
      onSubmit={submit}
      aria-label={t('office.adminKiosks.editNamed', { name: kiosk.name })}
    >
      <PlaceFields
        idPrefix="edit"
        name={name}
        location={location}
        onName={setName}
        onLocation={setLocation}
      />
      <SaveCancel
        busy={busy}
        onCancel={onDone}
        save={t('office.adminKiosks.save')}
        cancel={t('office.adminKiosks.cancel')}
      />
      <div style={{ gridColumn: '1 / -1' }}>
        <ErrorMessage error={error} />
      </div>
    </form>
  );
}

/** A booth's name (printed on receipts) and place, as paired and as edited. */
function PlaceFields({
  idPrefix,
  name,
  location,
  onName,
  onLocation,
}: {
  idPrefix: string;
  name: string;
  location: string;
  onName: (name: string) => void;
  onLocation: (location: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        id={`${idPrefix}-name`}
        label={t('office.adminKiosks.name')}
        value={name}
        onChange={onName}
        required
        maxLength={100}
      />
      <TextField
        id={`${idPrefix}-location`}
        label={t('office.adminKiosks.location')}
        value={location}
        onChange={onLocation}
        maxLength={200}
      />
    </>
  );
}
