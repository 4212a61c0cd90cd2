// The SMS code that proves the phone is the person's: keypad entry, a throttled resend, a limited number of tries.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui/components.js';
import { Frame } from '../Frame.js';
import { Keypad } from '../Keypad.js';
import { formatPhone } from './PhoneScreen.js';

interface Props {
  phoneDigits: string;
  codeLength: number;
  /** When another code may be asked for (ms since epoch). */
  resendAt: number;
  busy: boolean;
  error: unknown;
  onConfirm: (code: string) => void;
  onResend: () => void;
  onBack: () => void;
}

export function CodeScreen({
  phoneDigits,
  codeLength,
  resendAt,
  busy,
  error,
  onConfirm,
  onResend,
  onBack,
}: Props) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(tick);
  }, []);
  const wait = Math.max(0, Math.ceil((resendAt - now) / 1000));
  return (
    <Frame
      step={3}
      title={t('kiosk.code.title')}
      onBack={onBack}
      voiceKey="code"
      footer={
        <button
          type="button"
          className="primary big"
          disabled={code.length !== codeLength || busy}
          onClick={() => {
            // Whatever the answer, the next try is typed afresh.
            onConfirm(code);
            setCode('');
          }}
        >
          {t('kiosk.code.confirm')}
        </button>
      }
    >
      <p className="hint">{t('kiosk.code.hint', { phone: formatPhone(phoneDigits) })}</p>
      <output className="phone-display code-display" aria-label={t('kiosk.code.label')} aria-live="polite">
        {code.padEnd(codeLength, '•')}
      </output>
      <ErrorMessage error={error} />
      <Keypad value={code} maxLength={codeLength} onChange={setCode} />
      <button type="button" className="big" disabled={wait > 0 || busy} onClick={onResend}>
        {wait > 0 ? t('kiosk.code.resendIn', { count: wait }) : t('kiosk.code.resend')}
      </button>
    </Frame>
  );
}
