// Whom the appeal is for: find an official by typing (on the screen's keyboard) or by department, choose a card —
// or "I don't know whom", always first, for the office to route.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficialCard } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { currentLanguage } from '../../ui/i18n.js';
import { pick } from '../../ui/format.js';
import { OnScreenKeyboard } from '../../ui/keyboard/OnScreenKeyboard.js';
import { layoutsFor } from '../../ui/keyboard/layouts.js';
import { Frame } from '../Frame.js';
import { departmentsOf, filterOfficials } from '../officialSearch.js';
import '../addressee.css';

/** A name, a position word or a topic word or two: longer than that is not a search any more. */
const QUERY_MAX = 40;

interface Props {
  officials: OfficialCard[] | null;
  error: unknown;
  onRetry: () => void;
  onBack: () => void;
  onChoose: (officialId: string | null) => void;
}

export function AddresseeScreen({ officials, error, onRetry, onBack, onChoose }: Props) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [query, setQuery] = useState('');
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  // One panel at a time, so the cards stay close to what is being chosen: the keyboard or the departments.
  const [panel, setPanel] = useState<'keyboard' | 'departments' | null>(null);
  const toggle = (which: 'keyboard' | 'departments') => setPanel((open) => (open === which ? null : which));

  const departments = useMemo(() => departmentsOf(officials ?? []), [officials]);
  const department = departments.find((d) => d.id === departmentId) ?? null;
  const chooseDepartment = (id: string | null) => {
    setDepartmentId(id);
    setPanel(null);
  };
  const found = useMemo(
    () => filterOfficials(officials ?? [], query, departmentId),
    [officials, query, departmentId],
  );
  const searching = query.trim() !== '' || departmentId !== null;

  return (
    <Frame step={5} title={t('kiosk.addressee.title')} onBack={onBack} voiceKey="addressee">
      {error ? (
        <div className="notice">
          <ErrorMessage error={error} />
          <button type="button" className="big" onClick={onRetry}>
            {t('common.retry')}
          </button>
        </div>
      ) : null}

      {officials && officials.length > 0 ? (
        <div className="addressee-filters">
          <p className="addressee-label" id="addressee-search-label">
            {t('kiosk.addressee.searchLabel')}
          </p>
          <div className="addressee-search">
            <button
              type="button"
              className="addressee-field"
              aria-expanded={panel === 'keyboard'}
              aria-controls="addressee-keyboard"
              aria-label={
                query ? t('kiosk.addressee.searchWith', { query }) : t('kiosk.addressee.searchLabel')
              }
              onClick={() => toggle('keyboard')}
              data-testid="addressee-search"
            >
              <span aria-hidden="true" className="addressee-field-icon">
                ⌕
              </span>
              {query ? (
                <span className="addressee-query">{query}</span>
              ) : (
                <span className="addressee-placeholder">{t('kiosk.addressee.searchPlaceholder')}</span>
              )}
            </button>
            {query ? (
              <button
                type="button"
                className="addressee-clear"
                aria-label={t('kiosk.addressee.clearSearch')}
                onClick={() => setQuery('')}
              >
                <span aria-hidden="true">✕</span> {t('kiosk.addressee.clear')}
              </button>
            ) : null}
          </div>
          {panel === 'keyboard' ? (
            <div id="addressee-keyboard" className="addressee-panel addressee-keyboard">
              <OnScreenKeyboard
                value={query}
                onChange={setQuery}
                layouts={layoutsFor(lng)}
                maxLength={QUERY_MAX}
                label={t('kiosk.addressee.searchLabel')}
              />
              <button type="button" className="addressee-hide" onClick={() => setPanel(null)}>
                {t('kiosk.addressee.hideKeyboard')}
              </button>
            </div>
          ) : null}

          {departments.length > 1 ? (
            <button
              type="button"
              className="addressee-department"
              aria-expanded={panel === 'departments'}
              aria-controls="addressee-departments"
              onClick={() => toggle('departments')}
              data-testid="addressee-departments"
            >
              <span className="addressee-department-label">{t('kiosk.addressee.departments')}</span>
              <span className="addressee-department-value">
                {department ? pick(department.name, lng) : t('kiosk.addressee.allDepartments')}
              </span>
              <span aria-hidden="true" className="addressee-department-arrow">
                {panel === 'departments' ? '▴' : '▾'}
              </span>
            </button>
          ) : null}
          {panel === 'departments' ? (
            <div
              id="addressee-departments"
              className="department-chips addressee-panel"
              role="group"
              aria-label={t('kiosk.addressee.departments')}
            >
              <button
                type="button"
                className="department-chip"
                aria-pressed={departmentId === null}
                onClick={() => chooseDepartment(null)}
              >
                {t('kiosk.addressee.allDepartments')}
              </button>
              {departments.map((d) => (
                <button
                  key={d.id}
                  type="button"
                  className="department-chip"
                  aria-pressed={departmentId === d.id}
                  onClick={() => chooseDepartment(departmentId === d.id ? null : d.id)}
                >
                  {pick(d.name, lng)}
                </button>
              ))}
            </div>
          ) : null}
        </div>
      ) : null}

      <p className="addressee-count" role="status" aria-live="polite" data-testid="addressee-count">
        {!officials && !error ? t('common.loading') : null}
        {officials && officials.length > 0 ? t('kiosk.addressee.found', { count: found.length }) : null}
      </p>

      {officials && officials.length === 0 ? <p className="hint">{t('kiosk.addressee.empty')}</p> : null}
      {officials && officials.length > 0 && found.length === 0 && searching ? (
        <p className="addressee-empty" data-testid="addressee-no-match">
          {t('kiosk.addressee.noMatch')}
        </p>
      ) : null}

      <ul className="officials">
        <li>
          <button
            type="button"
            className="official unknown"
            onClick={() => onChoose(null)}
            data-testid="official-unknown"
          >
            <span className="photo placeholder" aria-hidden="true">
              ?
            </span>
            <span className="official-text">
              <span className="official-name">{t('kiosk.addressee.unknown')}</span>
              <span className="official-position">{t('kiosk.addressee.unknownHint')}</span>
            </span>
          </button>
        </li>
        {found.map((o) => (
          <li key={o.id}>
            <button
              type="button"
              className="official"
              data-testid="official-card"
              onClick={() => onChoose(o.id)}
            >
              {o.photoUrl ? (
                <img src={o.photoUrl} alt="" className="photo" loading="lazy" />
              ) : (
                <span className="photo placeholder" aria-hidden="true">
                  {pick(o.fullName, lng).slice(0, 1)}
                </span>
              )}
              <span className="official-text">
                <span className="official-name">{pick(o.fullName, lng)}</span>
                <span className="official-position">{pick(o.position, lng)}</span>
                <span className="official-area">{pick(o.area, lng)}</span>
                <span className="official-dept">{pick(o.department.name, lng)}</span>
                {o.receptionHours?.[lng] ? (
                  <span className="official-dept">
                    {t('kiosk.addressee.receptionHours', { hours: o.receptionHours[lng] })}
                  </span>
                ) : null}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Frame>
  );
}
