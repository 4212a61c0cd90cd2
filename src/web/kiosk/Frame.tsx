// The frame of every kiosk screen: Back, the step indicator, the language and the reading aids, the title.
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../ui/components.js';
import { useKiosk } from './context.js';
import { SpeakerIcon } from './Icons.js';

export const TOTAL_STEPS = 8;

interface FrameProps {
  step?: number;
  title: string;
  onBack?: () => void;
  /** The `kiosk.voice.<key>` instruction spoken when this screen opens (with the voice on). */
  voiceKey?: string;
  className?: string;
  /** The language switcher in the toolbar (not on the screen that asks for the language). */
  languages?: boolean;
  children: ReactNode;
  footer?: ReactNode;
}

export function Frame(props: FrameProps) {
  const { step, title, onBack, voiceKey, className, languages = true, children, footer } = props;
  const { t, i18n } = useTranslation();
  const { say } = useKiosk();
  useEffect(() => {
    if (voiceKey) say(`kiosk.voice.${voiceKey}`);
  }, [voiceKey, say, i18n.language]);
  return (
    <main className={className ? `kiosk-screen ${className}` : 'kiosk-screen'}>
      <header className="kiosk-top">
        {onBack ? (
          <button type="button" className="back" onClick={onBack}>
            <span aria-hidden="true">←</span> {t('common.back')}
          </button>
        ) : (
          <span className="back-placeholder" />
        )}
        {step ? (
          <p className="steps">
            <span>{t('kiosk.stepOf', { step, total: TOTAL_STEPS })}</span>
            <span className="step-dots" aria-hidden="true">
              {Array.from({ length: TOTAL_STEPS }, (_, i) => (
                <span key={i} className={i < step ? 'dot done' : 'dot'} />
              ))}
            </span>
          </p>
        ) : null}
      </header>
      <Toolbar languages={languages} />
      <h1>{title}</h1>
      <div className="kiosk-body">{children}</div>
      {footer ? <footer className="kiosk-footer">{footer}</footer> : null}
    </main>
  );
}

/** Language, voice, big text and contrast: on every screen, each a plain toggle button. */
function Toolbar({ languages = true }: { languages?: boolean }) {
  const { t } = useTranslation();
  const { voice, bigText, contrast, toggle } = useKiosk();
  return (
    <div className="kiosk-toolbar">
      {languages ? <LanguageSwitcher remember={false} /> : <span />}
      <div className="aids" role="group" aria-label={t('kiosk.aids.label')}>
        <button type="button" aria-pressed={voice} onClick={() => toggle('voice')}>
          <SpeakerIcon /> {t('kiosk.aids.voice')}
        </button>
        <button type="button" aria-pressed={bigText} onClick={() => toggle('bigText')}>
          <span aria-hidden="true">A+</span> {t('kiosk.aids.bigText')}
        </button>
        <button type="button" aria-pressed={contrast} onClick={() => toggle('contrast')}>
          <span aria-hidden="true">◐</span> {t('kiosk.aids.contrast')}
        </button>
      </div>
    </div>
  );
}
