// Phone number on an on-screen keypad: +7 is given, ten digits follow; the server has the final word.
import { useTranslation } from 'react-i18next';
import { normaliseKzMobile } from '../../../common/phone.js';
import { Frame } from '../Frame.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** "7012345678" → "+7 701 234 56 78", filling in as the person types. */
export function formatPhone(digits: string): string {
  const parts = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6, 8), digits.slice(8, 10)].filter(
    Boolean,
  );
  return ['+7', ...parts].join(' ');
}

interface Props {
  digits: string;
  onChange: (digits: string) => void;
  onBack: () => void;
  onNext: () => void;
}

export function PhoneScreen({ digits, onChange, onBack, onNext }: Props) {
  const { t } = useTranslation();
  const complete = digits.length === 10;
  const valid = complete && normaliseKzMobile(`+7${digits}`) !== null;
  const press = (d: string) => {
    if (digits.length < 10) onChange(digits + d);
  };
  return (
    <Frame
      step={2}
      title={t('kiosk.phone.title')}
      onBack={onBack}
      footer={
        <button type="button" className="primary big" disabled={!valid} onClick={onNext}>
          {t('kiosk.phone.next')}
        </button>
      }
    >
      <p className="hint">{t('kiosk.phone.hint')}</p>
      <output className="phone-display" aria-label={t('kiosk.phone.label')} aria-live="polite">
        {formatPhone(digits)}
      </output>
      <p className="error phone-error" role="alert">
        {complete && !valid ? t('kiosk.phone.invalid') : '\u00a0'}
      </p>
      <div className="keypad">
        {KEYS.map((k) => (
          <button key={k} type="button" onClick={() => press(k)}>
            {k}
          </button>
        ))}
        <button type="button" className="key-small" onClick={() => onChange('')}>
          {t('kiosk.phone.clear')}
        </button>
        <button type="button" onClick={() => press('0')}>
          0
        </button>
        <button
          type="button"
          aria-label={t('kiosk.phone.erase')}
          onClick={() => onChange(digits.slice(0, -1))}
        >
          ⌫
        </button>
      </div>
    </Frame>
  );
}
