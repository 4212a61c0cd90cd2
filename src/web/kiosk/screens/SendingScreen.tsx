// After Send: the delivery registers the appeal once the server holds every byte — or, with the network down, the
// receipt comes from the reserved number a few seconds later and the booth delivers the rest by itself.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui/components.js';
import type { DeliveryFields, DeliveryService, SendOutcome } from '../../ui/recorder/delivery.js';
import type { RecordingSession } from '../../ui/recorder/session.js';
import { useOnline } from '../useOnline.js';
import { megabytes } from './RecordScreen.js';

interface Props {
  session: RecordingSession;
  deliveries: DeliveryService;
  fields: DeliveryFields;
  onDelivered: (outcome: SendOutcome) => void;
  onStartOver: () => void;
}

export function SendingScreen({ session, deliveries, fields, onDelivered, onStartOver }: Props) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState(session.progress);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const online = useOnline();
  const running = useRef(-1);

  useEffect(() => {
    const poll = window.setInterval(() => setProgress(session.progress), 200);
    return () => window.clearInterval(poll);
  }, [session]);

  useEffect(() => {
    // One delivery per attempt, however often the effect runs (StrictMode, a double tap).
    if (running.current === attempt) return;
    running.current = attempt;
    const uploadId = session.uploadId;
    if (!uploadId) return;
    deliveries.send(uploadId, session.upload, fields).then(onDelivered, setError);
  }, [attempt, session, deliveries, fields, onDelivered]);

  const percent = progress.recorded > 0 ? Math.floor((progress.acknowledged / progress.recorded) * 100) : 0;
  const offline = progress.retrying || !online;

  return (
    <main className="kiosk-screen sending">
      {error ? (
        <>
          <h1>{t('kiosk.sending.failed')}</h1>
          <ErrorMessage error={error} />
          <div className="actions">
            <button
              type="button"
              className="primary big"
              onClick={() => {
                setError(null);
                setAttempt((a) => a + 1);
              }}
            >
              {t('common.retry')}
            </button>
            <button type="button" className="big" onClick={onStartOver}>
              {t('kiosk.sending.startOver')}
            </button>
          </div>
        </>
      ) : (
        <>
          <h1 aria-live="polite">{t('kiosk.sending.title')}</h1>
          <div className="spinner" aria-hidden="true" />
          <progress max={100} value={percent} aria-label={t('kiosk.sending.title')} />
          <p aria-live="polite">
            {progress.complete ? t('kiosk.sending.checking') : t('kiosk.sending.progress', { percent })}
          </p>
          <p className="sent" data-testid="sending-bytes">
            {t('kiosk.record.sentKept', {
              sent: megabytes(progress.acknowledged),
              kept: megabytes(progress.recorded - progress.acknowledged),
            })}
          </p>
          {offline ? (
            <p className="notice" role="status" data-testid="sending-offline">
              {t('kiosk.record.offline')} {t('kiosk.sending.receiptAnyway')}
            </p>
          ) : null}
        </>
      )}
    </main>
  );
}
