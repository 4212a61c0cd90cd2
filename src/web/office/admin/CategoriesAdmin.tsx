// Administration › Topics: the appeal topics the booth offers, in order, in three languages, each routed to a default
// official or department (or left to the operator); a retired topic is no longer offered.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Trilingual } from '../../../common/api.js';
import {
  DIRECTORY_LIMITS,
  type AdminCategory,
  type AdminDepartment,
  type AdminOfficial,
  type CategoryBody,
} from '../../../common/directory.js';
import { LANGUAGES } from '../../../common/statuses.js';
import { api } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { TextField } from '../../ui/fields.js';
import { pick } from '../../ui/format.js';
import { currentLanguage } from '../../ui/i18n.js';
import { useAction } from '../../ui/useAction.js';
import { EditAndMove } from './EditAndMove.js';

const emptyName: Trilingual = { kk: '', ru: '', en: '' };

export function CategoriesAdmin() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [categories, setCategories] = useState<AdminCategory[] | null>(null);
  const [officials, setOfficials] = useState<AdminOfficial[]>([]);
  const [departments, setDepartments] = useState<AdminDepartment[]>([]);
  const [editing, setEditing] = useState<AdminCategory | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();

  const reload = useCallback(
    () =>
      Promise.all([api.directory.categories(), api.directory.officials(), api.directory.departments()]).then(
        ([c, o, d]) => {
          setCategories(c);
          setOfficials(o);
          setDepartments(d);
        },
      ),
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

  const routeOf = (c: AdminCategory) => {
    const o = officials.find((x) => x.id === c.defaultOfficialId);
    if (o) return pick(o.fullName, lng);
    const d = departments.find((x) => x.id === c.defaultDepartmentId);
    if (d) return pick(d.name, lng);
    return t('office.directory.categories.toOperator');
  };

  return (
    <main className="page wide dir-admin">
      <h1>{t('office.directory.categories.title')}</h1>
      <p className="muted">{t('office.directory.categories.intro')}</p>
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      <ErrorMessage error={error} />
      {editing ? (
        <CategoryForm
          category={editing === 'new' ? null : editing}
          officials={officials}
          departments={departments}
          busy={busy}
          onCancel={() => setEditing(null)}
          onSave={(body) => {
            act(
              () =>
                editing === 'new'
                  ? api.directory.createCategory(body)
                  : api.directory.editCategory(editing.id, body),
              t('office.directory.categories.saved', { name: pick(body.name, lng) }),
            );
            setEditing(null);
          }}
        />
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            {t('office.directory.categories.add')}
          </button>
        </div>
      )}
      {!categories && !error ? <p>{t('common.loading')}</p> : null}
      {categories ? (
        <div
          className="table-wrap"
          tabIndex={0}
          role="region"
          aria-label={t('office.directory.categories.caption')}
        >
          <table className="inbox dir-table">
            <caption className="visually-hidden">{t('office.directory.categories.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('office.directory.categories.name')}</th>
                <th scope="col">{t('office.directory.code')}</th>
                <th scope="col">{t('office.directory.categories.routesTo')}</th>
                <th scope="col">{t('office.directory.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {categories.map((c, i) => {
                const name = pick(c.name, lng);
                return (
                  <tr key={c.id} className={c.active ? undefined : 'dir-retired'}>
                    <td>
                      {name}
                      {c.active ? null : (
                        <>
                          {' '}
                          <span className="state-badge dir-state-retired">
                            {t('office.directory.retiredBadge')}
                          </span>
                        </>
                      )}
                    </td>
                    <td>
                      <code>{c.code}</code>
                    </td>
                    <td>{routeOf(c)}</td>
                    <td>
                      <div className="dir-actions">
                        <EditAndMove
                          name={name}
                          busy={busy}
                          first={i === 0}
                          last={i === categories.length - 1}
                          onEdit={() => setEditing(c)}
                          onMove={(direction) =>
                            act(
                              () => api.directory.moveCategory(c.id, direction),
                              t('office.directory.moved', { name }),
                            )
                          }
                        />
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </main>
  );
}

function CategoryForm({
  category,
  officials,
  departments,
  busy,
  onSave,
  onCancel,
}: {
  category: AdminCategory | null;
  officials: readonly AdminOfficial[];
  departments: readonly AdminDepartment[];
  busy: boolean;
  onSave: (body: CategoryBody) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [body, setBody] = useState<CategoryBody>({
    code: category?.code ?? '',
    name: category?.name ?? emptyName,
    active: category?.active ?? true,
    defaultOfficialId: category?.defaultOfficialId ?? null,
    defaultDepartmentId: category?.defaultDepartmentId ?? null,
  });
  return (
    <form
      className="dir-form dir-inline"
      aria-label={
        category
          ? t('office.directory.editNamed', { name: pick(category.name, lng) })
          : t('office.directory.categories.add')
      }
      onSubmit={(e) => {
        e.preventDefault();
        onSave(body);
      }}
    >
      <div className="dir-form-row">
        <div className="field">
          <TextField
            id="category-code"
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
              id={`category-name-${lang}`}
              label={t('office.directory.categories.nameIn', { language: t(`common.languageNames.${lang}`) })}
              value={body.name[lang]}
              onChange={(v) => setBody((b) => ({ ...b, name: { ...b.name, [lang]: v } }))}
              required
              maxLength={DIRECTORY_LIMITS.name}
              lang={lang}
            />
          </div>
        ))}
      </div>
      <div className="dir-form-row">
        <div className="field">
          <label htmlFor="category-official">{t('office.directory.categories.defaultOfficial')}</label>
          <select
            id="category-official"
            value={body.defaultOfficialId ?? ''}
            onChange={(e) => setBody((b) => ({ ...b, defaultOfficialId: e.target.value || null }))}
          >
            <option value="">{t('office.directory.categories.none')}</option>
            {officials
              .filter((o) => o.active)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {pick(o.fullName, lng)}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="category-department">{t('office.directory.categories.defaultDepartment')}</label>
          <select
            id="category-department"
            value={body.defaultDepartmentId ?? ''}
            onChange={(e) => setBody((b) => ({ ...b, defaultDepartmentId: e.target.value || null }))}
          >
            <option value="">{t('office.directory.categories.none')}</option>
            {departments
              .filter((d) => d.active)
              .map((d) => (
                <option key={d.id} value={d.id}>
                  {pick(d.name, lng)}
                </option>
              ))}
          </select>
        </div>
        <label className="dir-check">
          <input
            type="checkbox"
            checked={body.active}
            onChange={(e) => setBody((b) => ({ ...b, active: e.target.checked }))}
          />
          {t('office.directory.categories.active')}
        </label>
      </div>
      <p className="muted small">{t('office.directory.categories.routingHint')}</p>
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
