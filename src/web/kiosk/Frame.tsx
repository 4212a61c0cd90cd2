// The frame of every kiosk screen: step indicator, title, a Back button after the first screen.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export const TOTAL_STEPS = 6;

interface FrameProps {
  step?: number;
  title: string;
  onBack?: () => void;
  children: ReactNode;
  footer?: ReactNode;
}

export function Frame({ step, title, onBack, children, footer }: FrameProps) {
  const { t } = useTranslation();
  return (
    <main className="kiosk-screen">
      <header className="kiosk-top">
        {onBack ? (
          <button type="button" className="back" onClick={onBack}>
            <span aria-hidden="true">←</span> {t('common.back')}
          </button>
        ) : (
          <span />
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
      <h1>{title}</h1>
      <div className="kiosk-body">{children}</div>
      {footer ? <footer className="kiosk-footer">{footer}</footer> : null}
    </main>
  );
}
