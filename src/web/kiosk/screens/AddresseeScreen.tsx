// Whom the appeal is for: an official's card, or "I don't know whom" for the office to route.
import { useTranslation } from 'react-i18next';
import type { OfficialCard } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { currentLanguage } from '../../ui/i18n.js';
import { pick } from '../../ui/format.js';
import { Frame } from '../Frame.js';

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
  return (
    <Frame step={3} title={t('kiosk.addressee.title')} onBack={onBack}>
      {error ? (
        <div className="notice">
          <ErrorMessage error={error} />
          <button type="button" className="big" onClick={onRetry}>
            {t('common.retry')}
          </button>
        </div>
      ) : null}
      {!officials && !error ? <p aria-live="polite">{t('common.loading')}</p> : null}
      {officials && officials.length === 0 ? <p>{t('kiosk.addressee.empty')}</p> : null}
      <ul className="officials">
        {(officials ?? []).map((o) => (
          <li key={o.id}>
            <button
              type="button"
              className="official"
              data-testid="official-card"
              onClick={() => onChoose(o.id)}
            >
              {o.photoUrl ? (
                <img src={o.photoUrl} alt="" className="photo" />
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
              </span>
            </button>
          </li>
        ))}
        <li>
          <button type="button" className="official unknown" onClick={() => onChoose(null)}>
            <span className="photo placeholder" aria-hidden="true">
              ?
            </span>
            <span className="official-text">
              <span className="official-name">{t('kiosk.addressee.unknown')}</span>
              <span className="official-position">{t('kiosk.addressee.unknownHint')}</span>
            </span>
          </button>
        </li>
      </ul>
    </Frame>
  );
}
