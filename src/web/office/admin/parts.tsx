// The pieces the administration's screens are built from, written once: a list page's reload-then-say-what-was-done,
// a captioned table in a scrollable region, a retired mark, the directory's code and three-language name fields, a
// select with a "none" choice, a check box, and a form's Save/Cancel.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Trilingual } from '../../../common/api.js';
import { DIRECTORY_LIMITS } from '../../../common/directory.js';
import { LANGUAGES, type Language } from '../../../common/statuses.js';
import { TextField } from '../../ui/fields.js';
import { useAction } from '../../ui/useAction.js';
import { EditAndMove, type Direction } from './EditAndMove.js';

export const emptyName: Trilingual = { kk: '', ru: '', en: '' };

/**
 * A list page's state: load it, then `act(work, done)` runs one change, reloads, and says `done` in the status line
 * (the error, if any, is kept for `ErrorMessage`).
 */
export function useReloadingList(reload: () => Promise<void>) {
  const [message, setMessage] = useState<string | null>(null);
  const action = useAction();
  const { run, setError } = action;
  useEffect(() => {
    reload().then(undefined, setError);
  }, [reload, setError]);
  const act = useCallback(
    (work: () => Promise<unknown>, done: string) =>
      void run(async () => {
        setMessage(null);
        await work();
        await reload();
        setMessage(done);
      }),
    [run, reload],
  );
  return { ...action, message, setMessage, act };
}

/** The status line saying what was just done. */
export function Notice({ message }: { message: string | null }) {
  return message ? (
    <p className="notice" role="status">
      {message}
    </p>
  ) : null;
}

/** A table in a keyboard-scrollable region named by its caption; `columns` are the header cells' contents. */
export function AdminTable({
  caption,
  columns,
  className = 'inbox dir-table',
  children,
}: {
  caption: string;
  columns: readonly ReactNode[];
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className={className}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th scope="col" key={i}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A column header read by screen readers only (the actions column). */
export function HiddenHeader({ children }: { children: string }) {
  return <span className="visually-hidden">{children}</span>;
}

/** A name with "retired" after it when it is no longer active. */
export function NameWithRetired({ name, active }: { name: string; active: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {name}
      {active ? null : (
        <>
          {' '}
          <span className="state-badge dir-state-retired">{t('office.directory.retiredBadge')}</span>
        </>
      )}
    </>
  );
}

/** A directory code: lower-case Latin letters, digits, `.`, `_`, `-`. */
export function CodeField({
  id,
  value,
  onChange,
  hint,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown under the field and read with it. */
  hint?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <TextField
        id={id}
        label={t('office.directory.code')}
        value={value}
        onChange={(v) => onChange(v.toLowerCase())}
        required
        maxLength={DIRECTORY_LIMITS.code}
        pattern="[a-z0-9][a-z0-9._\-]*"
        {...(hint ? { 'aria-describedby': `${id}-hint` } : {})}
      />
      {hint ? (
        <p id={`${id}-hint`} className="muted small">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A required name in Kazakh, Russian and English, one field each; `label` words the field for a language. */
export function NameFields({
  idPrefix,
  label,
  value,
  onChange,
}: {
  idPrefix: string;
  label: (language: string) => string;
  value: Trilingual;
  onChange: (value: Trilingual) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {LANGUAGES.map((lang: Language) => (
        <div className="field" key={lang}>
          <TextField
            id={`${idPrefix}-${lang}`}
            label={label(t(`common.languageNames.${lang}`))}
            value={value[lang]}
            onChange={(v) => onChange({ ...value, [lang]: v })}
            required
            maxLength={DIRECTORY_LIMITS.name}
            lang={lang}
          />
        </div>
      ))}
    </>
  );
}

export interface Choice {
  id: string;
  label: string;
}

/** A labelled select whose first choice is "none" (the empty string, read back as null). */
export function OptionalSelect({
  id,
  label,
  none,
  value,
  choices,
  onChange,
}: {
  id: string;
  label: string;
  none: string;
  value: string | null;
  choices: readonly Choice[];
  onChange: (value: string | null) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{none}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A check box with its words, in the directory forms' row. */
export function CheckField({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label className="dir-check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {children}
    </label>
  );
}

/** A form's Save (submit, off while busy) and Cancel. */
export function SaveCancel({
  busy,
  onCancel,
  save,
  cancel,
}: {
  busy: boolean;
  onCancel: () => void;
  /** The words on the two buttons, when not the directory's Save and Cancel. */
  save?: string;
  cancel?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={busy}>
        {save ?? t('office.directory.save')}
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        {cancel ?? t('office.directory.cancel')}
      </button>
    </div>
  );
}

/**
 * A row of an ordered, coded list (topics, departments): the name (marked when retired), the code, one more cell,
 * then edit, up, down and any further buttons.
 */
export function CodedRow({
  name,
  code,
  active,
  detail,
  first,
  last,
  busy,
  onEdit,
  onMove,
  children,
}: {
  name: string;
  code: string;
  active: boolean;
  detail: ReactNode;
  first: boolean;
  last: boolean;
  busy: boolean;
  onEdit: () => void;
  onMove: (direction: Direction) => void;
  /** More buttons after the move buttons. */
  children?: ReactNode;
}) {
  return (
    <tr className={active ? undefined : 'dir-retired'}>
      <td>
        <NameWithRetired name={name} active={active} />
      </td>
      <td>
        <code>{code}</code>
      </td>
      <td>{detail}</td>
      <td>
        <div className="dir-actions">
          <EditAndMove name={name} busy={busy} first={first} last={last} onEdit={onEdit} onMove={onMove} />
          {children}
        </div>
      </td>
    </tr>
  );
}
