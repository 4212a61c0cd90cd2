// The booth at rest: what it is for, in three languages, in turn; a touch anywhere begins.
import { useEffect, useState } from 'react';
import i18next from 'i18next';
import { LANGUAGES } from '../../ui/i18n.js';

const STEPS = ['choose', 'record', 'receipt'] as const;
const SLIDE_MS = 5000;

interface Props {
  onStart: () => void;
  onReference: () => void;
  /** Shown small in a corner while the booth waits to be paired by an administrator. */
  pairingCode: string | null;
}

export function AttractScreen({ onStart, onReference, pairingCode }: Props) {
  const [slide, setSlide] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setSlide((s) => (s + 1) % LANGUAGES.length), SLIDE_MS);
    return () => window.clearInterval(timer);
  }, []);
  const lng = LANGUAGES[slide] ?? 'kk';
  const t = i18next.getFixedT(lng);
  const kk = i18next.getFixedT('kk');
  return (
    <main className="kiosk-screen attract" onClick={onStart} data-testid="attract">
      <p className="brand">{kk('common.appName')}</p>
      <div className="attract-slide" lang={lng} key={lng}>
        <h1>{t('kiosk.attract.title')}</h1>
        <ol className="attract-steps">
          {STEPS.map((step, i) => (
            <li key={step}>
              <span className="attract-num" aria-hidden="true">
                {i + 1}
              </span>
              {t(`kiosk.attract.${step}`)}
            </li>
          ))}
        </ol>
      </div>
      <button type="button" className="primary big attract-start" onClick={onStart}>
        {LANGUAGES.map((l) => (
          <span key={l} lang={l} className="attract-touch">
            {i18next.getFixedT(l)('kiosk.attract.touch')}
          </span>
        ))}
      </button>
      <button
        type="button"
        className="big attract-reference"
        onClick={(event) => {
          event.stopPropagation();
          onReference();
        }}
      >
        {LANGUAGES.map((l) => i18next.getFixedT(l)('kiosk.attract.reference')).join(' · ')}
      </button>
      {pairingCode ? (
        <p className="pairing-corner" lang="en">
          {kk('kiosk.pairing.corner')} <strong data-testid="pairing-code">{pairingCode}</strong>
        </p>
      ) : null}
    </main>
  );
}
