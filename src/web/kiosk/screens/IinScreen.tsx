// The national ID number (ИИН) is optional: skip it, or type twelve digits that pass the checksum.
import { useTranslation } from 'react-i18next';
import { checkIin } from '../../../common/iin.js';
import { Frame } from '../Frame.js';
import { Keypad } from '../Keypad.js';

interface Props {
  iin: string;
  onChange: (iin: string) => void;
  onBack: () => void;
  onNext: (iin: string | null) => void;
}

export function IinScreen({ iin, onChange, onBack, onNext }: Props) {
  const { t } = useTranslation();
  const complete = iin.length === 12;
  const valid = complete && checkIin(iin).ok;
  return (
    <Frame
      step={3}
      title={t('kiosk.iin.title')}
      onBack={onBack}
      voiceKey="iin"
      footer={
        <div className="footer-pair">
          <button type="button" className="big" onClick={() => onNext(null)} data-testid="iin-skip">
            {t('kiosk.iin.skip')}
          </button>
          <button type="button" className="primary big" disabled={!valid} onClick={() => onNext(iin)}>
            {t('kiosk.iin.next')}
          </button>
        </div>
      }
    >
      <p className="hint">{t('kiosk.iin.hint')}</p>
      <output className="phone-display" aria-label={t('kiosk.iin.label')} aria-live="polite">
        {iin || '\u00a0'}
      </output>
      <p className="error phone-error" role="alert">
        {complete && !valid ? t('kiosk.iin.invalid') : '\u00a0'}
      </p>
      <Keypad value={iin} maxLength={12} onChange={onChange} />
    </Frame>
  );
}
