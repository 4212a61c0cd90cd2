// After Send: wait until the server holds every byte, then register the appeal; a 409 means "send the rest".
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type Receipt } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import type { RecordingSession } from '../../ui/recorder/session.js';
import type { Draft } from '../App.js';

interface Props {
  session: RecordingSession;
  draft: Draft;
  onReceipt: (receipt: Receipt) => void;
  onStartOver: () => void;
}

const MAX_RECHECKS = 5;

export function SendingScreen({ session, draft, onReceipt, onStartOver }: Props) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState(session.progress);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const running = useRef(-1);

  useEffect(() => {
    const poll = window.setInterval(() => setProgress(session.progress), 200);
    return () => window.clearInterval(poll);
  }, [session]);

  useEffect(() => {
    // StrictMode runs effects twice in development; one submission per attempt.
    if (running.current === attempt) return;
    running.current = attempt;
    void (async () => {
      try {
        let uploadId = await session.uploaded();
        setChecking(true);
        for (let i = 0; ; i++) {
          try {
            const receipt = await api.submitAppeal({
              uploadId,
              phone: `+7${draft.phoneDigits}`,
              ...(draft.phoneToken ? { phoneToken: draft.phoneToken } : {}),
              ...(draft.iin ? { iin: draft.iin } : {}),
              officialId: draft.officialId,
              categoryId: draft.categoryId,
              type: draft.type ?? 'request',
              language: draft.language,
              source: 'kiosk',
              ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
            });
            onReceipt(receipt);
            return;
          } catch (e) {
            if (e instanceof ApiError && e.slug === 'upload-not-complete' && i < MAX_RECHECKS) {
              await session.recheck();
              uploadId = session.uploadId ?? uploadId;
              continue;
            }
            throw e;
          }
        }
      } catch (e) {
        setChecking(false);
        setError(e);
      }
    })();
  }, [attempt, session, draft, onReceipt]);

  const percent = progress.recorded > 0 ? Math.floor((progress.acknowledged / progress.recorded) * 100) : 0;

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
            {checking ? t('kiosk.sending.checking') : t('kiosk.sending.progress', { percent })}
          </p>
          {progress.retrying ? <p className="notice">{t('kiosk.record.offline')}</p> : null}
        </>
      )}
    </main>
  );
}
