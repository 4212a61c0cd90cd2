// Administration › Directory: the officials in booth order (edit, move, retire with their open appeals sent on,
// restore, delete one entered by mistake) and the departments (add, rename, move, retire an empty one).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Trilingual } from '../../../common/api.js';
import {
  DIRECTORY_LIMITS,
  type AdminDepartment,
  type AdminOfficial,
  type DepartmentBody,
} from '../../../common/directory.js';
import { LANGUAGES } from '../../../common/statuses.js';
import { api } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { TextField } from '../../ui/fields.js';
import { pick } from '../../ui/format.js';
import { currentLanguage } from '../../ui/i18n.js';
import { useAction } from '../../ui/useAction.js';
import { OfficialForm } from './OfficialForm.js';
import { EditAndMove } from './EditAndMove.js';

export function DirectoryAdmin() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [departments, setDepartments] = useState<AdminDepartment[] | null>(null);
  const [officials, setOfficials] = useState<AdminOfficial[] | null>(null);
  const [editing, setEditing] = useState<AdminOfficial | 'new' | null>(null);
  const [retiring, setRetiring] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();

  const reload = useCallback(
    () =>
      Promise.all([api.directory.departments(), api.directory.officials()]).then(([d, o]) => {
        setDepartments(d);
        setOfficials(o);
      }),
    [],
  );
  useEffect(() => {
    reload().then(undefined, setError);
  }, [reload, setError]);

  const act = (work: () => Promise<unknown>, done: string) =>
    void run(async () => {
      setMessage(null);
      await work();
      await reload();
      setMessage(done);
    });

  if (editing && departments && officials)
    return (
      <OfficialForm
        official={editing === 'new' ? null : editing}
        departments={departments}
        officials={officials}
        onDone={(_saved, text) => {
          setEditing(null);
          setMessage(text);
          void reload().catch(setError);
        }}
        onCancel={() => {
          setEditing(null);
          void reload().catch(setError);
        }}
      />
    );

  const departmentName = (id: string) => {
    const d = departments?.find((x) => x.id === id);
    return d ? pick(d.name, lng) : '';
  };
  const name = (o: AdminOfficial) => pick(o.fullName, lng);

  return (
    <main className="page wide dir-admin">
      <h1>{t('office.directory.title')}</h1>
      <p className="muted">{t('office.directory.intro')}</p>
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      <ErrorMessage error={error} />
      {!officials && !error ? <p>{t('common.loading')}</p> : null}

      <section aria-labelledby="dir-officials">
        <h2 id="dir-officials">{t('office.directory.officials.title')}</h2>
        <div className="actions">
          <button type="button" className="primary" onClick={() => setEditing('new')} disabled={!departments}>
            {t('office.directory.officials.add')}
          </button>
        </div>
        {officials ? (
          <div
            className="table-wrap"
            tabIndex={0}
            role="region"
            aria-label={t('office.directory.officials.caption')}
          >
            <table className="inbox dir-table">
              <caption className="visually-hidden">{t('office.directory.officials.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('office.directory.photo.title')}</th>
                  <th scope="col">{t('office.directory.officials.name')}</th>
                  <th scope="col">{t('office.directory.officials.department')}</th>
                  <th scope="col">{t('office.directory.officials.booth')}</th>
                  <th scope="col">{t('office.directory.officials.appeals')}</th>
                  <th scope="col">{t('office.directory.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {officials.map((o, i) => (
                  <OfficialRow
                    key={o.id}
                    official={o}
                    first={i === 0}
                    last={i === officials.length - 1}
                    departmentName={departmentName(o.departmentId)}
                    busy={busy}
                    onEdit={() => {
                      setMessage(null);
                      setEditing(o);
                    }}
                    onMove={(direction) =>
                      act(
                        () => api.directory.moveOfficial(o.id, direction),
                        t('office.directory.moved', { name: name(o) }),
                      )
                    }
                    onRetire={() => setRetiring(retiring === o.id ? null : o.id)}
                    onRestore={() =>
                      act(
                        () => api.directory.restoreOfficial(o.id),
                        t('office.directory.officials.restored', { name: name(o) }),
                      )
                    }
                    onDelete={() => {
                      if (window.confirm(t('office.directory.officials.confirmDelete', { name: name(o) })))
                        act(
                          () => api.directory.deleteOfficial(o.id),
                          t('office.directory.officials.deleted', { name: name(o) }),
                        );
                    }}
                  >
                    {retiring === o.id && departments ? (
                      <RetirePanel
                        official={o}
                        officials={officials}
                        departments={departments}
                        busy={busy}
                        onCancel={() => setRetiring(null)}
                        onRetire={(target) =>
                          act(
                            async () => {
                              const result = await api.directory.retireOfficial(o.id, target);
                              setRetiring(null);
                              return result;
                            },
                            t('office.directory.officials.retired', { name: name(o), count: o.openAppeals }),
                          )
                        }
                      />
                    ) : null}
                  </OfficialRow>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      {departments ? <Departments departments={departments} busy={busy} act={act} /> : null}
    </main>
  );
}

function OfficialRow({
  official: o,
  first,
  last,
  departmentName,
  busy,
  onEdit,
  onMove,
  onRetire,
  onRestore,
  onDelete,
  children,
}: {
  official: AdminOfficial;
  first: boolean;
  last: boolean;
  departmentName: string;
  busy: boolean;
  onEdit: () => void;
  onMove: (direction: 'up' | 'down') => void;
  onRetire: () => void;
  onRestore: () => void;
  onDelete: () => void;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const name = pick(o.fullName, lng);
  return (
    <>
      <tr data-code={o.code} className={o.active ? undefined : 'dir-retired'}>
        <td>
          {o.photoUrl ? (
            <img className="dir-thumb" src={o.photoUrl} alt="" width={45} height={60} />
          ) : (
            <span className="muted small">{t('office.directory.photo.none')}</span>
          )}
        </td>
        <td>
          <strong>{name}</strong>
          <br />
          <span className="muted small">
            {pick(o.position, lng)} · <code>{o.code}</code>
          </span>
        </td>
        <td>{departmentName}</td>
        <td>
          {!o.active ? (
            <span className="state-badge dir-state-retired">{t('office.directory.retiredBadge')}</span>
          ) : o.shownInKiosk ? (
            t('office.directory.officials.shown')
          ) : (
            t('office.directory.officials.hidden')
          )}
        </td>
        <td>
          {t('office.directory.officials.appealCounts', { open: o.openAppeals, total: o.totalAppeals })}
        </td>
        <td>
          <div className="dir-actions">
            <EditAndMove name={name} busy={busy} first={first} last={last} onEdit={onEdit} onMove={onMove} />
            {o.active ? (
              <button
                type="button"
                className="secondary"
                onClick={onRetire}
                disabled={busy}
                aria-expanded={Boolean(children)}
                aria-label={t('office.directory.retireNamed', { name })}
              >
                {t('office.directory.retire')}
              </button>
            ) : (
              <button
                type="button"
                className="secondary"
                onClick={onRestore}
                disabled={busy}
                aria-label={t('office.directory.restoreNamed', { name })}
              >
                {t('office.directory.restore')}
              </button>
            )}
            {o.totalAppeals === 0 ? (
              <button
                type="button"
                className="secondary dir-danger"
                onClick={onDelete}
                disabled={busy}
                aria-label={t('office.directory.deleteNamed', { name })}
              >
                {t('office.directory.delete')}
              </button>
            ) : null}
          </div>
        </td>
      </tr>
      {children ? (
        <tr className="dir-panel-row">
          <td colSpan={6}>{children}</td>
        </tr>
      ) : null}
    </>
  );
}

/** Where a retiring official's open appeals go: their deputy by default, else another official or a department. */
function RetirePanel({
  official,
  officials,
  departments,
  busy,
  onRetire,
  onCancel,
}: {
  official: AdminOfficial;
  officials: readonly AdminOfficial[];
  departments: readonly AdminDepartment[];
  busy: boolean;
  onRetire: (target: { toOfficialId?: string; toDepartmentId?: string }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const others = officials.filter((o) => o.active && o.id !== official.id);
  const activeDepartments = departments.filter((d) => d.active);
  const [kind, setKind] = useState<'official' | 'department'>(
    official.deputyOfficialId ? 'official' : 'department',
  );
  const [toOfficial, setToOfficial] = useState(official.deputyOfficialId ?? others[0]?.id ?? '');
  const [toDepartment, setToDepartment] = useState(
    activeDepartments.some((d) => d.id === official.departmentId)
      ? official.departmentId
      : (activeDepartments[0]?.id ?? ''),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (official.openAppeals === 0) onRetire({});
    else onRetire(kind === 'official' ? { toOfficialId: toOfficial } : { toDepartmentId: toDepartment });
  };
  return (
    <form
      className="dir-retire"
      onSubmit={submit}
      aria-label={t('office.directory.officials.retireTitle', { name: pick(official.fullName, lng) })}
    >
      <p>
        <strong>{t('office.directory.officials.retireTitle', { name: pick(official.fullName, lng) })}</strong>
      </p>
      <p>{t('office.directory.officials.retireExplain')}</p>
      {official.openAppeals > 0 ? (
        <fieldset>
          <legend>{t('office.directory.officials.retireWhere', { count: official.openAppeals })}</legend>
          <div className="dir-choice">
            <label>
              <input
                type="radio"
                name="retire-kind"
                checked={kind === 'official'}
                onChange={() => setKind('official')}
              />
              {t('office.directory.officials.toOfficial')}
            </label>
            <select
              aria-label={t('office.directory.officials.toOfficial')}
              value={toOfficial}
              onChange={(e) => {
                setKind('official');
                setToOfficial(e.target.value);
              }}
            >
              {others.map((o) => (
                <option key={o.id} value={o.id}>
                  {pick(o.fullName, lng)}
                  {o.id === official.deputyOfficialId
                    ? ` (${t('office.directory.officials.deputyMark')})`
                    : ''}
                </option>
              ))}
            </select>
          </div>
          <div className="dir-choice">
            <label>
              <input
                type="radio"
                name="retire-kind"
                checked={kind === 'department'}
                onChange={() => setKind('department')}
              />
              {t('office.directory.officials.toDepartment')}
            </label>
            <select
              aria-label={t('office.directory.officials.toDepartment')}
              value={toDepartment}
              onChange={(e) => {
                setKind('department');
                setToDepartment(e.target.value);
              }}
            >
              {activeDepartments.map((d) => (
                <option key={d.id} value={d.id}>
                  {pick(d.name, lng)}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
      ) : (
        <p className="muted">{t('office.directory.officials.noOpenAppeals')}</p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('office.directory.officials.retireConfirm')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('office.directory.cancel')}
        </button>
      </div>
    </form>
  );
}

const emptyName: Trilingual = { kk: '', ru: '', en: '' };

function Departments({
  departments,
  busy,
  act,
}: {
  departments: readonly AdminDepartment[];
  busy: boolean;
  act: (work: () => Promise<unknown>, done: string) => void;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [editing, setEditing] = useState<AdminDepartment | 'new' | null>(null);
  return (
    <section aria-labelledby="dir-departments">
      <h2 id="dir-departments">{t('office.directory.departments.title')}</h2>
      {editing ? (
        <DepartmentForm
          department={editing === 'new' ? null : editing}
          busy={busy}
          onCancel={() => setEditing(null)}
          onSave={(body) => {
            const done = t('office.directory.departments.saved', { name: pick(body.name, lng) });
            act(
              () =>
                editing === 'new'
                  ? api.directory.createDepartment(body)
                  : api.directory.editDepartment(editing.id, body),
              done,
            );
            setEditing(null);
          }}
        />
      ) : (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setEditing('new')}>
            {t('office.directory.departments.add')}
          </button>
        </div>
      )}
      <div
        className="table-wrap"
        tabIndex={0}
        role="region"
        aria-label={t('office.directory.departments.caption')}
      >
        <table className="inbox dir-table">
          <caption className="visually-hidden">{t('office.directory.departments.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('office.directory.departments.name')}</th>
              <th scope="col">{t('office.directory.code')}</th>
              <th scope="col">{t('office.directory.departments.officials')}</th>
              <th scope="col">{t('office.directory.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {departments.map((d, i) => {
              const name = pick(d.name, lng);
              return (
                <tr key={d.id} className={d.active ? undefined : 'dir-retired'}>
                  <td>
                    {name}
                    {d.active ? null : (
                      <>
                        {' '}
                        <span className="state-badge dir-state-retired">
                          {t('office.directory.retiredBadge')}
                        </span>
                      </>
                    )}
                  </td>
                  <td>
                    <code>{d.code}</code>
                  </td>
                  <td>{d.activeOfficials}</td>
                  <td>
                    <div className="dir-actions">
                      <EditAndMove
                        name={name}
                        busy={busy}
                        first={i === 0}
                        last={i === departments.length - 1}
                        onEdit={() => setEditing(d)}
                        onMove={(direction) =>
                          act(
                            () => api.directory.moveDepartment(d.id, direction),
                            t('office.directory.moved', { name }),
                          )
                        }
                      />
                      <button
                        type="button"
                        className="secondary"
                        disabled={busy}
                        onClick={() =>
                          act(
                            () => api.directory.departmentAction(d.id, d.active ? 'retire' : 'restore'),
                            t(
                              d.active
                                ? 'office.directory.departments.retired'
                                : 'office.directory.departments.restored',
                              { name },
                            ),
                          )
                        }
                        aria-label={t(
                          d.active ? 'office.directory.retireNamed' : 'office.directory.restoreNamed',
                          { name },
                        )}
                      >
                        {t(d.active ? 'office.directory.retire' : 'office.directory.restore')}
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function DepartmentForm({
  department,
  busy,
  onSave,
  onCancel,
}: {
  department: AdminDepartment | null;
  busy: boolean;
  onSave: (body: DepartmentBody) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState<DepartmentBody>({
    code: department?.code ?? '',
    name: department?.name ?? emptyName,
  });
  return (
    <form
      className="dir-form dir-inline"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(body);
      }}
    >
      <div className="dir-form-row">
        <div className="field">
          <TextField
            id="department-code"
            label={t('office.directory.code')}
            value={body.code}
            onChange={(v) => setBody((b) => ({ ...b, code: v.toLowerCase() }))}
            required
            maxLength={DIRECTORY_LIMITS.code}
            pattern="[a-z0-9][a-z0-9._\-]*"
          />
        </div>
        {LANGUAGES.map((lang) => (
          <div className="field" key={lang}>
            <TextField
              id={`department-name-${lang}`}
              label={t('office.directory.departments.nameIn', {
                language: t(`common.languageNames.${lang}`),
              })}
              value={body.name[lang]}
              onChange={(v) => setBody((b) => ({ ...b, name: { ...b.name, [lang]: v } }))}
              required
              maxLength={DIRECTORY_LIMITS.name}
              lang={lang}
            />
          </div>
        ))}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('office.directory.save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('office.directory.cancel')}
        </button>
      </div>
    </form>
  );
}
