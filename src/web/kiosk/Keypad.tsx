// The booth's numeric keypad (phone number, SMS code, IIN): big keys, Clear and Erase, nothing else.
import { useTranslation } from 'react-i18next';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

interface Props {
  value: string;
  maxLength: number;
  onChange: (value: string) => void;
}

export function Keypad({ value, maxLength, onChange }: Props) {
  const { t } = useTranslation();
  const press = (d: string) => {
    if (value.length < maxLength) onChange(value + d);
  };
  return (
    <div className="keypad">
      {DIGITS.map((k) => (
        <button key={k} type="button" onClick={() => press(k)}>
          {k}
        </button>
      ))}
      <button type="button" className="key-small" onClick={() => onChange('')}>
        {t('kiosk.keypad.clear')}
      </button>
      <button type="button" onClick={() => press('0')}>
        0
      </button>
      <button type="button" aria-label={t('kiosk.keypad.erase')} onClick={() => onChange(value.slice(0, -1))}>
        ⌫
      </button>
    </div>
  );
}
