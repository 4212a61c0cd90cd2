// Administration › API keys: issue an Open311 key to a partner app (the secret is shown once, here), see each key's
// creation, last use and filings, and revoke it. docs/open311.md says what a key opens.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKeyIssued, ApiKeyView } from '../../../common/open311.js';
import { API_KEY_NAME_MAX } from '../../../common/open311.js';
import { ErrorMessage } from '../../ui/components.js';
import { TextField } from '../../ui/fields.js';
import { formatShortDateTime } from '../../ui/format.js';
import { currentLanguage } from '../../ui/i18n.js';
import { request } from '../../ui/api.js';
import { useAction } from '../../ui/useAction.js';
import './admin.css';

const apiKeys = {
  list: () => request<ApiKeyView[]>('GET', '/api/admin/api-keys'),
  issue: (name: string) => request<ApiKeyIssued>('POST', '/api/admin/api-keys', { name }),
  revoke: (id: string) => request<ApiKeyView>('POST', `/api/admin/api-keys/${encodeURIComponent(id)}/revoke`),
};

export function ApiKeysAdmin() {
  const { t } = useTranslation();
  const [keys, setKeys] = useState<ApiKeyView[] | null>(null);
  const { error, setError } = useAction();

  const reload = useCallback(() => {
    apiKeys.list().then((list) => {
      setKeys(list);
      setError(null);
    }, setError);
  }, [setError]);
  useEffect(reload, [reload]);

  return (
    <main className="page wide admin-api-keys">
      <h1>{t('office.apiKeys.title')}</h1>
      <p className="muted">{t('office.apiKeys.intro')}</p>
      <IssueForm onIssued={reload} />
      <h2>{t('office.apiKeys.listTitle')}</h2>
      <ErrorMessage error={error} />
      {!keys && !error ? <p>{t('common.loading')}</p> : null}
      {keys && keys.length === 0 ? <p>{t('office.apiKeys.empty')}</p> : null}
      {keys && keys.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('office.apiKeys.caption')}>
          <table className="inbox admin-table">
            <caption className="visually-hidden">{t('office.apiKeys.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('office.apiKeys.name')}</th>
                <th scope="col">{t('office.apiKeys.prefix')}</th>
                <th scope="col">{t('office.apiKeys.created')}</th>
                <th scope="col">{t('office.apiKeys.lastUsed')}</th>
                <th scope="col">{t('office.apiKeys.requests')}</th>
                <th scope="col">{t('office.apiKeys.state')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <KeyRow key={k.id} apiKey={k} onChanged={reload} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </main>
  );
}

function KeyRow({ apiKey: k, onChanged }: { apiKey: ApiKeyView; onChanged: () => void }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const { busy, error, run } = useAction();
  const revoke = () => {
    if (!window.confirm(t('office.apiKeys.revokeConfirm', { name: k.name }))) return;
    void run(async () => {
      await apiKeys.revoke(k.id);
      onChanged();
    });
  };
  return (
    <tr data-testid="api-key-row" data-revoked={k.revokedAt ? 'yes' : 'no'}>
      <td>
        <strong>{k.name}</strong>
        {k.createdBy ? (
          <>
            <br />
            <span className="muted small">{t('office.apiKeys.createdBy', { name: k.createdBy })}</span>
          </>
        ) : null}
      </td>
      <td>
        <code>{k.prefix}…</code>
      </td>
      <td>
        <time dateTime={k.createdAt}>{formatShortDateTime(k.createdAt, lng)}</time>
      </td>
      <td>
        {k.lastUsedAt ? (
          <time dateTime={k.lastUsedAt}>{formatShortDateTime(k.lastUsedAt, lng)}</time>
        ) : (
          <span className="muted">{t('office.apiKeys.never')}</span>
        )}
      </td>
      <td>{k.requests}</td>
      <td>
        {k.revokedAt ? (
          <span className="muted small">
            {t('office.apiKeys.revokedAt', { at: formatShortDateTime(k.revokedAt, lng) })}
          </span>
        ) : (
          <button
            type="button"
            className="danger"
            onClick={revoke}
            disabled={busy}
            aria-label={t('office.apiKeys.revokeNamed', { name: k.name })}
          >
            {t('office.apiKeys.revoke')}
          </button>
        )}
        <ErrorMessage error={error} />
      </td>
    </tr>
  );
}

function IssueForm({ onIssued }: { onIssued: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<ApiKeyIssued | null>(null);
  const { busy, error, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setIssued(await apiKeys.issue(name.trim()));
      setName('');
      onIssued();
    });
  };
  return (
    <form className="card kiosk-pair" onSubmit={submit} aria-labelledby="issue-heading">
      <h2 id="issue-heading">{t('office.apiKeys.issueTitle')}</h2>
      <p className="hint" style={{ gridColumn: '1 / -1' }}>
        {t('office.apiKeys.issueHint')}
      </p>
      <TextField
        id="api-key-name"
        label={t('office.apiKeys.name')}
        value={name}
        onChange={setName}
        required
        maxLength={API_KEY_NAME_MAX}
        autoComplete="off"
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('office.apiKeys.issue')}
        </button>
      </div>
      {issued ? (
        <div className="notice" role="status" style={{ gridColumn: '1 / -1' }} data-testid="api-key-issued">
          <p>{t('office.apiKeys.issued', { name: issued.key.name })}</p>
          <p>
            <code style={{ wordBreak: 'break-all' }} data-testid="api-key-secret">
              {issued.secret}
            </code>
          </p>
          <p className="small">{t('office.apiKeys.onceOnly')}</p>
        </div>
      ) : null}
      <div style={{ gridColumn: '1 / -1' }}>
        <ErrorMessage error={error} />
      </div>
    </form>
  );
}
