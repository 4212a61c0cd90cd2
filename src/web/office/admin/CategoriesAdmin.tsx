// Administration › Topics: the appeal topics the booth offers, in order, in three languages, each routed to a default
// official or department (or left to the operator); a retired topic is no longer offered.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AdminCategory,
  AdminDepartment,
  AdminOfficial,
  CategoryBody,
} from '../../../common/directory.js';
import { api } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { pick } from '../../ui/format.js';
import { currentLanguage } from '../../ui/i18n.js';
import {
  AdminTable,
  CheckField,
  CodeField,
  CodedRow,
  emptyName,
  NameFields,
  Notice,
  OptionalSelect,
  SaveCancel,
  useReloadingList,
} from './parts.js';

export function CategoriesAdmin() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [categories, setCategories] = useState<AdminCategory[] | null>(null);
  const [officials, setOfficials] = useState<AdminOfficial[]>([]);
  const [departments, setDepartments] = useState<AdminDepartment[]>([]);
  const [editing, setEditing] = useState<AdminCategory | 'new' | null>(null);

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
  const { busy, error, message, act } = useReloadingList(reload);

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
      <Notice message={message} />
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
        <AdminTable
          caption={t('office.directory.categories.caption')}
          columns={[
            t('office.directory.categories.name'),
            t('office.directory.code'),
            t('office.directory.categories.routesTo'),
            t('office.directory.actions'),
          ]}
        >
          {categories.map((c, i) => {
            const name = pick(c.name, lng);
            return (
              <CodedRow
                key={c.id}
                name={name}
                code={c.code}
                active={c.active}
                detail={routeOf(c)}
                first={i === 0}
                last={i === categories.length - 1}
                busy={busy}
                onEdit={() => setEditing(c)}
                onMove={(direction) =>
                  act(
                    () => api.directory.moveCategory(c.id, direction),
                    t('office.directory.moved', { name }),
                  )
                }
              />
            );
          })}
        </AdminTable>
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
        <CodeField
          id="category-code"
          value={body.code}
          onChange={(code) => setBody((b) => ({ ...b, code }))}
        />
        <NameFields
          idPrefix="category-name"
          label={(language) => t('office.directory.categories.nameIn', { language })}
          value={body.name}
          onChange={(name) => setBody((b) => ({ ...b, name }))}
        />
      </div>
      <div className="dir-form-row">
        <OptionalSelect
          id="category-official"
          label={t('office.directory.categories.defaultOfficial')}
          none={t('office.directory.categories.none')}
          value={body.defaultOfficialId}
          choices={officials.filter((o) => o.active).map((o) => ({ id: o.id, label: pick(o.fullName, lng) }))}
          onChange={(defaultOfficialId) => setBody((b) => ({ ...b, defaultOfficialId }))}
        />
        <OptionalSelect
          id="category-department"
          label={t('office.directory.categories.defaultDepartment')}
          none={t('office.directory.categories.none')}
          value={body.defaultDepartmentId}
          choices={departments.filter((d) => d.active).map((d) => ({ id: d.id, label: pick(d.name, lng) }))}
          onChange={(defaultDepartmentId) => setBody((b) => ({ ...b, defaultDepartmentId }))}
        />
        <CheckField checked={body.active} onChange={(active) => setBody((b) => ({ ...b, active }))}>
          {t('office.directory.categories.active')}
        </CheckField>
      </div>
      <p className="muted small">{t('office.directory.categories.routingHint')}</p>
      <SaveCancel busy={busy} onCancel={onCancel} />
    </form>
  );
}
