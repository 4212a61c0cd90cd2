// Consent before the camera: what is recorded, why, who sees it, how long it is kept, under which law.
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../context.js';
import { Frame } from '../Frame.js';
import { SpeakerIcon } from '../Icons.js';

const POINTS = ['what', 'why', 'who', 'keep', 'law', 'refuse'] as const;

interface Props {
  retentionYears: number;
  onBack: () => void;
  onAgree: () => void;
}

export function ConsentScreen({ retentionYears, onBack, onAgree }: Props) {
  const { t } = useTranslation();
  const { say } = useKiosk();
  return (
    <Frame
      step={2}
      title={t('kiosk.consent.title')}
      onBack={onBack}
      voiceKey="consent"
      footer={
        <button type="button" className="primary big" onClick={onAgree} data-testid="consent-agree">
          {t('kiosk.consent.agree')}
        </button>
      }
    >
      <ul className="consent-points">
        {POINTS.map((point) => (
          <li key={point}>
            <strong>{t(`kiosk.consent.${point}Title`)}</strong>{' '}
            {t(`kiosk.consent.${point}`, { count: retentionYears })}
          </li>
        ))}
      </ul>
      <button type="button" className="big read-aloud" onClick={() => say('kiosk.consent.aloud', true)}>
        <SpeakerIcon /> {t('kiosk.consent.readAloud')}
      </button>
    </Frame>
  );
}
