// "Are you still there?": a modal over the current screen, with the seconds left and one big button.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from './context.js';

export function IdleWarning({ secondsLeft, onStay }: { secondsLeft: number; onStay: () => void }) {
  const { t } = useTranslation();
  const { say } = useKiosk();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    button.current?.focus();
    say('kiosk.voice.idle');
  }, [say]);
  return (
    <div className="idle-backdrop">
      <div
        className="idle-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-title"
        aria-describedby="idle-text"
        data-testid="idle-warning"
      >
        <h2 id="idle-title">{t('kiosk.idle.title')}</h2>
        <p id="idle-text">{t('kiosk.idle.text', { count: secondsLeft })}</p>
        <button ref={button} type="button" className="primary big" onClick={onStay}>
          {t('kiosk.idle.stay')}
        </button>
      </div>
    </div>
  );
}
