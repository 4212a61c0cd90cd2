// Phone number on an on-screen keypad: +7 is given, ten digits follow; the server has the final word.
import { useTranslation } from 'react-i18next';
import { normaliseKzMobile } from '../../../common/phone.js';
import { ErrorMessage } from '../../ui/components.js';
import { Frame } from '../Frame.js';
import { Keypad } from '../Keypad.js';

/** "7012345678" → "+7 701 234 56 78", filling in as the person types. */
export function formatPhone(digits: string): string {
  const parts = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6, 8), digits.slice(8, 10)].filter(
    Boolean,
  );
  return ['+7', ...parts].join(' ');
}

interface Props {
  digits: string;
  busy: boolean;
  error: unknown;
  onChange: (digits: string) => void;
  onBack: () => void;
  onNext: () => void;
}

export function PhoneScreen({ digits, busy, error, onChange, onBack, onNext }: Props) {
  const { t } = useTranslation();
  const complete = digits.length === 10;
  const valid = complete && normaliseKzMobile(`+7${digits}`) !== null;
  return (
    <Frame
      step={3}
      title={t('kiosk.phone.title')}
      onBack={onBack}
      voiceKey="phone"
      footer={
        <button type="button" className="primary big" disabled={!valid || busy} onClick={onNext}>
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
      <ErrorMessage error={error} />
      <Keypad value={digits} maxLength={10} onChange={onChange} />
    </Frame>
  );
}
