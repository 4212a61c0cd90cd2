// Recording: 3-2-1, then the time left counts down; Stop, the time limit or a lost camera ends it.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UPLOAD_ENDPOINT } from '../../ui/api.js';
import { RecordingSession } from '../../ui/recorder/session.js';
import type { UploadProgress } from '../../ui/recorder/uploader.js';
import { formatClock } from '../../ui/format.js';
import { Frame } from '../Frame.js';
import { LivePreview } from '../LivePreview.js';

interface Props {
  stream: MediaStream;
  seconds: number;
  onBack: () => void;
  onStopped: (session: RecordingSession, cameraLost: boolean) => void;
}

export function RecordScreen({ stream, seconds, onBack, onStopped }: Props) {
  const { t } = useTranslation();
  const [countdown, setCountdown] = useState(3);
  const [left, setLeft] = useState(seconds);
  const [recording, setRecording] = useState(false);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const sessionRef = useRef<RecordingSession | null>(null);
  const handedOff = useRef(false);
  const stopRef = useRef<(lost: boolean) => void>(() => undefined);

  useLayoutEffect(() => {
    stopRef.current = (lost: boolean) => {
      const session = sessionRef.current;
      if (!session || handedOff.current) return;
      handedOff.current = true;
      void session.stop().then(() => onStopped(session, lost));
    };
  });

  useEffect(() => {
    handedOff.current = false;
    const session = new RecordingSession(stream, {
      endpoint: UPLOAD_ENDPOINT,
      onProgress: setProgress,
      onCameraLost: () => stopRef.current(true),
    });
    sessionRef.current = session;
    let cancelled = false;
    let tick: number | undefined;
    const ready = session.prepare();
    const counting = new Promise<void>((resolve) => {
      let n = 3;
      tick = window.setInterval(() => {
        n -= 1;
        if (n > 0) setCountdown(n);
        else {
          window.clearInterval(tick);
          resolve();
        }
      }, 1000);
    });
    let timer: number | undefined;
    void Promise.all([ready, counting]).then(() => {
      if (cancelled) return;
      session.start();
      setRecording(true);
      const started = performance.now();
      timer = window.setInterval(() => {
        const remaining = seconds - (performance.now() - started) / 1000;
        setLeft(Math.max(0, remaining));
        if (remaining <= 0) {
          window.clearInterval(timer);
          stopRef.current(false);
        }
      }, 200);
    });
    return () => {
      cancelled = true;
      window.clearInterval(tick);
      window.clearInterval(timer);
      if (!handedOff.current) void session.discard();
    };
  }, [stream, seconds]);

  const offline = progress?.retrying ?? false;

  return (
    <Frame
      step={6}
      title={recording ? t('kiosk.record.recording') : t('kiosk.record.getReady')}
      onBack={recording ? undefined : onBack}
      footer={
        recording ? (
          <button
            type="button"
            className="primary big stop"
            data-testid="record-stop"
            onClick={() => stopRef.current(false)}
          >
            <span className="stop-square" aria-hidden="true" /> {t('kiosk.record.stop')}
          </button>
        ) : null
      }
    >
      <div className="record-stage">
        <LivePreview stream={stream} />
        {!recording ? (
          <div className="countdown" aria-live="assertive">
            {countdown}
          </div>
        ) : (
          <div className="rec-indicator">
            <span className="rec-dot blinking" aria-hidden="true" />
            <span>{t('kiosk.record.recording')}</span>
          </div>
        )}
      </div>
      {recording ? (
        <p className="time-left">
          <span className="time-left-label">{t('kiosk.record.timeLeft')}</span>
          <span className="time-left-value" data-testid="time-left" role="timer">
            {formatClock(left)}
          </span>
        </p>
      ) : null}
      {offline ? <p className="notice">{t('kiosk.record.offline')}</p> : null}
    </Frame>
  );
}
