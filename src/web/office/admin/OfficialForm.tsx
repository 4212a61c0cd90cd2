// One official in the directory: code, department, name, position, area and reception hours in Kazakh, Russian and
// English, whether the booth shows them, their deputy, and (once saved) their photo.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Trilingual } from '../../../common/api.js';
import {
  DIRECTORY_LIMITS,
  type AdminDepartment,
  type AdminOfficial,
  type OfficialBody,
} from '../../../common/directory.js';
import { LANGUAGES } from '../../../common/statuses.js';
import { api } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { TextAreaField, TextField } from '../../ui/fields.js';
import { pick } from '../../ui/format.js';
import { currentLanguage } from '../../ui/i18n.js';
import { useAction } from '../../ui/useAction.js';
import { CheckField, CodeField, emptyName as empty, OptionalSelect } from './parts.js';
import { PhotoCrop } from './PhotoCrop.js';

function bodyOf(o: AdminOfficial | null, departments: readonly AdminDepartment[]): OfficialBody {
  return {
    code: o?.code ?? '',
    departmentId: o?.departmentId ?? departments.find((d) => d.active)?.id ?? '',
    fullName: o?.fullName ?? empty,
    position: o?.position ?? empty,
    area: o?.area ?? empty,
    receptionHours: o?.receptionHours ?? empty,
    shownInKiosk: o?.shownInKiosk ?? true,
    deputyOfficialId: o?.deputyOfficialId ?? null,
  };
}

type TextKey = 'fullName' | 'position' | 'area' | 'receptionHours';
const LIMITS: Record<TextKey, number> = {
  fullName: DIRECTORY_LIMITS.name,
  position: DIRECTORY_LIMITS.position,
  area: DIRECTORY_LIMITS.area,
  receptionHours: DIRECTORY_LIMITS.receptionHours,
};

export function OfficialForm({
  official,
  departments,
  officials,
  onDone,
  onCancel,
}: {
  /** null: a new official. */
  official: AdminOfficial | null;
  departments: readonly AdminDepartment[];
  officials: readonly AdminOfficial[];
  onDone: (saved: AdminOfficial, message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [current, setCurrent] = useState<AdminOfficial | null>(official);
  const [body, setBody] = useState<OfficialBody>(() => bodyOf(official, departments));
  const { busy, error, run } = useAction();

  const setText = (key: TextKey, lang: keyof Trilingual, value: string) =>
    setBody((b) => ({ ...b, [key]: { ...b[key], [lang]: value } }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const saved = current
        ? await api.directory.editOfficial(current.id, body)
        : await api.directory.createOfficial(body);
      if (current) onDone(saved, t('office.directory.officials.saved', { name: pick(saved.fullName, lng) }));
      // A new official stays open, so their photo can be added next.
      else setCurrent(saved);
    });
  };

  const texts = (key: TextKey, multiline: boolean, required: boolean) => (
    <fieldset className="dir-tri">
      <legend>
        {t(`office.directory.officials.fields.${key}`)}
        {required ? null : <span className="muted small"> {t('office.directory.optional')}</span>}
      </legend>
      {LANGUAGES.map((lang) =>
        multiline ? (
          <TextAreaField
            key={lang}
            id={`official-${key}-${lang}`}
            label={t(`common.languageNames.${lang}`)}
            value={body[key][lang]}
            onChange={(v) => setText(key, lang, v)}
            maxLength={LIMITS[key]}
            rows={3}
          />
        ) : (
          <div className="field" key={lang}>
            <TextField
              id={`official-${key}-${lang}`}
              label={t(`common.languageNames.${lang}`)}
              value={body[key][lang]}
              onChange={(v) => setText(key, lang, v)}
              maxLength={LIMITS[key]}
              required={required}
              lang={lang}
            />
          </div>
        ),
      )}
    </fieldset>
  );

  const deputies = officials.filter((o) => o.active && o.id !== current?.id);
  return (
    <main className="page wide dir-admin">
      <h1>
        {current
          ? t('office.directory.officials.editTitle', { name: pick(current.fullName, lng) })
          : t('office.directory.officials.newTitle')}
      </h1>
      {current && !official ? (
        <p className="notice" role="status">
          {t('office.directory.officials.created')}
        </p>
      ) : null}
      <form className="dir-form" onSubmit={submit}>
        <div className="dir-form-row">
          <CodeField
            id="official-code"
            value={body.code}
            onChange={(code) => setBody((b) => ({ ...b, code }))}
            hint={t('office.directory.codeHint')}
          />
          <div className="field">
            <label htmlFor="official-department">{t('office.directory.officials.department')}</label>
            <select
              id="official-department"
              value={body.departmentId}
              onChange={(e) => setBody((b) => ({ ...b, departmentId: e.target.value }))}
              required
            >
              {departments
                .filter((d) => d.active || d.id === body.departmentId)
                .map((d) => (
                  <option key={d.id} value={d.id}>
                    {pick(d.name, lng)}
                  </option>
                ))}
            </select>
          </div>
        </div>
        {texts('fullName', false, true)}
        {texts('position', false, true)}
        {texts('area', true, false)}
        {texts('receptionHours', false, false)}
        <div className="dir-form-row">
          <OptionalSelect
            id="official-deputy"
            label={t('office.directory.officials.deputy')}
            none={t('office.directory.officials.noDeputy')}
            value={body.deputyOfficialId}
            choices={deputies.map((o) => ({ id: o.id, label: pick(o.fullName, lng) }))}
            onChange={(deputyOfficialId) => setBody((b) => ({ ...b, deputyOfficialId }))}
          />
          <CheckField
            checked={body.shownInKiosk}
            onChange={(shownInKiosk) => setBody((b) => ({ ...b, shownInKiosk }))}
          >
            {t('office.directory.officials.shownInKiosk')}
          </CheckField>
        </div>
        <ErrorMessage error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('office.directory.saving') : t('office.directory.save')}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              current && !official
                ? onDone(
                    current,
                    t('office.directory.officials.saved', { name: pick(current.fullName, lng) }),
                  )
                : onCancel()
            }
          >
            {current && !official ? t('office.directory.backToList') : t('office.directory.cancel')}
          </button>
        </div>
      </form>
      {current ? <PhotoCrop official={current} onChange={setCurrent} /> : null}
    </main>
  );
}
