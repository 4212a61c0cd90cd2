// Administration › Directory: the officials in booth order (edit, move, retire with their open appeals sent on,
// restore, delete one entered by mistake) and the departments (add, rename, move, retire an empty one).
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminDepartment, AdminOfficial, DepartmentBody } from '../../../common/directory.js';
import { api } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { pick } from '../../ui/format.js';
import { currentLanguage } from '../../ui/i18n.js';
import { OfficialForm } from './OfficialForm.js';
import { EditAndMove } from './EditAndMove.js';
import {
  AdminTable,
  CodeField,
  CodedRow,
  emptyName,
  NameFields,
  Notice,
  SaveCancel,
  useReloadingList,
  type Choice,
} from './parts.js';

export function DirectoryAdmin() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [departments, setDepartments] = useState<AdminDepartment[] | null>(null);
  const [officials, setOfficials] = useState<AdminOfficial[] | null>(null);
  const [editing, setEditing] = useState<AdminOfficial | 'new' | null>(null);
  const [retiring, setRetiring] = useState<string | null>(null);

  const reload = useCallback(
    () =>
      Promise.all([api.directory.departments(), api.directory.officials()]).then(([d, o]) => {
        setDepartments(d);
        setOfficials(o);
      }),
    [],
  );
  const { busy, error, setError, message, setMessage, act } = useReloadingList(reload);

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
      <Notice message={message} />
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
          <AdminTable
            caption={t('office.directory.officials.caption')}
            columns={[
              t('office.directory.photo.title'),
              t('office.directory.officials.name'),
              t('office.directory.officials.department'),
              t('office.directory.officials.booth'),
              t('office.directory.officials.appeals'),
              t('office.directory.actions'),
            ]}
          >
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
          </AdminTable>
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
          <TargetChoice
            label={t('office.directory.officials.toOfficial')}
            chosen={kind === 'official'}
            onChoose={() => setKind('official')}
            value={toOfficial}
            onChange={setToOfficial}
            choices={others.map((o) => ({
              id: o.id,
              label:
                pick(o.fullName, lng) +
                (o.id === official.deputyOfficialId
                  ? ` (${t('office.directory.officials.deputyMark')})`
                  : ''),
            }))}
          />
          <TargetChoice
            label={t('office.directory.officials.toDepartment')}
            chosen={kind === 'department'}
            onChoose={() => setKind('department')}
            value={toDepartment}
            onChange={setToDepartment}
            choices={activeDepartments.map((d) => ({ id: d.id, label: pick(d.name, lng) }))}
          />
        </fieldset>
      ) : (
        <p className="muted">{t('office.directory.officials.noOpenAppeals')}</p>
      )}
      <SaveCancel busy={busy} onCancel={onCancel} save={t('office.directory.officials.retireConfirm')} />
    </form>
  );
}

/** One place a retiring official's appeals can go: a radio button, and the select that chooses it too. */
function TargetChoice({
  label,
  chosen,
  onChoose,
  value,
  onChange,
  choices,
}: {
  label: string;
  chosen: boolean;
  onChoose: () => void;
  value: string;
  onChange: (value: string) => void;
  choices: readonly Choice[];
}) {
  return (
    <div className="dir-choice">
      <label>
        <input type="radio" name="retire-kind" checked={chosen} onChange={onChoose} />
        {label}
      </label>
      <select
        aria-label={label}
        value={value}
        onChange={(e) => {
          onChoose();
          onChange(e.target.value);
        }}
      >
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

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
      <AdminTable
        caption={t('office.directory.departments.caption')}
        columns={[
          t('office.directory.departments.name'),
          t('office.directory.code'),
          t('office.directory.departments.officials'),
          t('office.directory.actions'),
        ]}
      >
        {departments.map((d, i) => {
          const name = pick(d.name, lng);
          return (
            <CodedRow
              key={d.id}
              name={name}
              code={d.code}
              active={d.active}
              detail={d.activeOfficials}
              first={i === 0}
              last={i === departments.length - 1}
              busy={busy}
              onEdit={() => setEditing(d)}
              onMove={(direction) =>
                act(
                  () => api.directory.moveDepartment(d.id, direction),
                  t('office.directory.moved', { name }),
                )
              }
            >
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
                aria-label={t(d.active ? 'office.directory.retireNamed' : 'office.directory.restoreNamed', {
                  name,
                })}
              >
                {t(d.active ? 'office.directory.retire' : 'office.directory.restore')}
              </button>
            </CodedRow>
          );
        })}
      </AdminTable>
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
        <CodeField
          id="department-code"
          value={body.code}
          onChange={(code) => setBody((b) => ({ ...b, code }))}
        />
        <NameFields
          idPrefix="department-name"
          label={(language) => t('office.directory.departments.nameIn', { language })}
          value={body.name}
          onChange={(name) => setBody((b) => ({ ...b, name }))}
        />
      </div>
      <SaveCancel busy={busy} onCancel={onCancel} />
    </form>
  );
}
