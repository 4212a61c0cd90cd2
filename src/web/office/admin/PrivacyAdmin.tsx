// Administration › Privacy: a citizen's data on a lawful request — their appeals found by phone number, exported as a
// ZIP, or erased — and the legal hold that keeps an appeal from deletion after the retention period.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, StatusBadge } from '../../ui/components.js';
import { TextField } from '../../ui/fields.js';
import { formatShortDateTime } from '../../ui/format.js';
import { currentLanguage } from '../../ui/i18n.js';
import { ApiError, request } from '../../ui/api.js';
import { useAction } from '../../ui/useAction.js';
import { ReasonAndConfirm, useDecision } from '../appeal/handling.js';
import {
  PRIVACY_REFERENCE_MAX,
  type CitizenAppeal,
  type CitizenAppeals,
  type PrivacyErased,
  type PrivacySearchBody,
} from '../../../common/privacy.js';
import './admin.css';

const privacyApi = {
  search: (body: PrivacySearchBody) => request<CitizenAppeals>('POST', '/api/admin/privacy/search', body),
  erase: (body: PrivacySearchBody & { reason: string; withdrawOpen: boolean }) =>
    request<PrivacyErased>('POST', '/api/admin/privacy/erase', body),
  hold: (appealId: string, reason: string) =>
    request<void>('POST', `/api/admin/privacy/appeals/${encodeURIComponent(appealId)}/hold`, { reason }),
  release: (appealId: string, reason: string) =>
    request<void>('POST', `/api/admin/privacy/appeals/${encodeURIComponent(appealId)}/release`, { reason }),
  /** The ZIP comes from a POST (the phone stays out of the address), so it is saved through a blob link. */
  async download(body: PrivacySearchBody): Promise<void> {
    const response = await fetch('/api/admin/privacy/export', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'accept-language': currentLanguage() },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      const problem = (await response.json().catch(() => null)) as { title?: string } | null;
      throw new ApiError(response.status, problem?.title ?? response.statusText, null);
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name ?? 'appeals.zip';
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  },
};

export function PrivacyAdmin() {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [reference, setReference] = useState('');
  const [found, setFound] = useState<{ query: PrivacySearchBody; result: CitizenAppeals } | null>(null);
  const [erased, setErased] = useState<PrivacyErased | null>(null);
  const { busy, error, run } = useAction();

  const search = (query: PrivacySearchBody) =>
    run(async () => {
      setFound(null);
      setFound({ query, result: await privacyApi.search(query) });
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErased(null);
    void search({ phone: phone.trim(), reference: reference.trim() });
  };

  return (
    <main className="page wide admin-privacy">
      <h1>{t('office.privacy.title')}</h1>
      <p className="muted">{t('office.privacy.intro')}</p>
      <form className="card privacy-search" onSubmit={submit} aria-labelledby="privacy-search-heading">
        <h2 id="privacy-search-heading">{t('office.privacy.searchTitle')}</h2>
        <p className="hint">{t('office.privacy.searchHint')}</p>
        <TextField
          id="privacy-phone"
          label={t('office.privacy.phone')}
          value={phone}
          onChange={setPhone}
          required
          type="tel"
          autoComplete="off"
          maxLength={32}
          placeholder="+7 701 234 56 78"
        />
        <TextField
          id="privacy-reference"
          label={t('office.privacy.reference')}
          value={reference}
          onChange={setReference}
          required
          autoComplete="off"
          maxLength={PRIVACY_REFERENCE_MAX}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('office.privacy.find')}
          </button>
        </div>
        <ErrorMessage error={error} />
      </form>
      {erased ? (
        <p className="notice" role="status" data-testid="privacy-erased">
          {t('office.privacy.erased', { count: erased.erased })}{' '}
          {erased.withdrawn > 0 ? t('office.privacy.erasedWithdrawn', { count: erased.withdrawn }) : null}
        </p>
      ) : null}
      {found ? (
        <CitizenData
          key={found.result.appeals.map((a) => `${a.id}:${a.hold?.at ?? ''}`).join()}
          query={found.query}
          data={found.result}
          onChanged={() => void search(found.query)}
          onErased={(result) => {
            setFound(null);
            setErased(result);
          }}
        />
      ) : null}
    </main>
  );
}

function CitizenData({
  query,
  data,
  onChanged,
  onErased,
}: {
  query: PrivacySearchBody;
  data: CitizenAppeals;
  onChanged: () => void;
  onErased: (result: PrivacyErased) => void;
}) {
  const { t } = useTranslation();
  const download = useAction();
  const open = data.appeals.filter((a) => a.open).length;
  return (
    <section className="card privacy-result" aria-labelledby="privacy-result-heading">
      <h2 id="privacy-result-heading">
        {t('office.privacy.found', { count: data.appeals.length, phone: data.phoneMasked })}
      </h2>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="privacy-result-heading">
        <table className="inbox admin-table">
          <thead>
            <tr>
              <th scope="col">{t('office.privacy.number')}</th>
              <th scope="col">{t('office.privacy.registered')}</th>
              <th scope="col">{t('office.privacy.status')}</th>
              <th scope="col">{t('office.privacy.hold')}</th>
            </tr>
          </thead>
          <tbody>
            {data.appeals.map((a) => (
              <AppealRow key={a.id} appeal={a} onChanged={onChanged} />
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('office.privacy.exportTitle')}</h3>
      <p className="hint">{t('office.privacy.exportHint')}</p>
      <div className="actions">
        <button
          type="button"
          disabled={download.busy}
          onClick={() => void download.run(() => privacyApi.download(query))}
        >
          {t('office.privacy.export')}
        </button>
      </div>
      <ErrorMessage error={download.error} />
      <EraseForm query={query} open={open} onErased={onErased} />
    </section>
  );
}

function AppealRow({ appeal: a, onChanged }: { appeal: CitizenAppeal; onChanged: () => void }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [editing, setEditing] = useState(false);
  const decision = useDecision(
    async (reason) => {
      await (a.hold ? privacyApi.release(a.id, reason) : privacyApi.hold(a.id, reason));
      onChanged();
    },
    () => true,
  );
  const act = t(a.hold ? 'office.privacy.release' : 'office.privacy.putOnHold');
  return (
    <tr>
      <td>{a.registrationNumber}</td>
      <td>
        <time dateTime={a.registeredAt}>{formatShortDateTime(a.registeredAt, lng)}</time>
      </td>
      <td>
        <StatusBadge status={a.status} />
        {a.videosDeletedAt ? <span className="muted small"> {t('office.privacy.videoGone')}</span> : null}
      </td>
      <td>
        {a.hold ? (
          <p className="small" data-testid="privacy-hold">
            {t('office.privacy.heldSince', { at: formatShortDateTime(a.hold.at, lng) })}: {a.hold.reason}
          </p>
        ) : null}
        {editing ? (
          <form onSubmit={(e) => decision.submit(e)} className="handling-form privacy-hold-form" noValidate>
            <ReasonAndConfirm
              decision={decision}
              reasonId={`hold-reason-${a.id}`}
              reasonLabel={t(a.hold ? 'office.privacy.releaseReason' : 'office.privacy.holdReason')}
              submitLabel={act}
              question={t(a.hold ? 'office.privacy.releaseConfirm' : 'office.privacy.holdConfirm', {
                number: a.registrationNumber,
              })}
              testId={`privacy-hold-${a.registrationNumber}`}
            />
          </form>
        ) : (
          <button
            type="button"
            onClick={() => setEditing(true)}
            aria-label={t(a.hold ? 'office.privacy.releaseNamed' : 'office.privacy.holdNamed', {
              number: a.registrationNumber,
            })}
          >
            {act}
          </button>
        )}
      </td>
    </tr>
  );
}

function EraseForm({
  query,
  open,
  onErased,
}: {
  query: PrivacySearchBody;
  open: number;
  onErased: (result: PrivacyErased) => void;
}) {
  const { t } = useTranslation();
  const [withdrawOpen, setWithdrawOpen] = useState(false);
  const decision = useDecision(
    async (reason) => onErased(await privacyApi.erase({ ...query, reason, withdrawOpen })),
    () => true,
  );
  return (
    <form
      onSubmit={(e) => decision.submit(e)}
      className="handling-form privacy-erase"
      aria-labelledby="privacy-erase-heading"
      noValidate
    >
      <h3 id="privacy-erase-heading">{t('office.privacy.eraseTitle')}</h3>
      <p className="hint">{t('office.privacy.eraseHint')}</p>
      {open > 0 ? (
        <label htmlFor="privacy-withdraw-open" className="check">
          <input
            id="privacy-withdraw-open"
            type="checkbox"
            checked={withdrawOpen}
            onChange={(e) => {
              setWithdrawOpen(e.target.checked);
              decision.setConfirming(false);
            }}
          />{' '}
          {t('office.privacy.withdrawOpen', { count: open })}
        </label>
      ) : null}
      <ReasonAndConfirm
        decision={decision}
        reasonId="privacy-erase-reason"
        reasonLabel={t('office.privacy.eraseReason')}
        submitLabel={t('office.privacy.erase')}
        question={t('office.privacy.eraseConfirm')}
        testId="privacy-erase"
      />
    </form>
  );
}
