// Recording: 3-2-1, then the time left counts down from the base time; "+1 minute" extends it up to the maximum;
// Stop, the time limit or a lost camera ends it. The recording streams to the server all along.
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
  baseSeconds: number;
  extensionSeconds: number;
  maxSeconds: number;
  onBack: () => void;
  onStopped: (session: RecordingSession, cameraLost: boolean) => void;
}

/** The limit after one more extension, or null when the maximum does not allow another. */
export function extendedLimit(limit: number, extension: number, max: number): number | null {
  if (extension <= 0 || limit >= max) return null;
  return Math.min(max, limit + extension);
}

export function RecordScreen({
  stream,
  baseSeconds,
  extensionSeconds,
  maxSeconds,
  onBack,
  onStopped,
}: Props) {
  const { t } = useTranslation();
  const [countdown, setCountdown] = useState(3);
  const [limit, setLimit] = useState(Math.min(baseSeconds, maxSeconds));
  const [left, setLeft] = useState(limit);
  const [recording, setRecording] = useState(false);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const sessionRef = useRef<RecordingSession | null>(null);
  const handedOff = useRef(false);
  const limitRef = useRef(limit);
  const stopRef = useRef<(lost: boolean) => void>(() => undefined);

  useLayoutEffect(() => {
    limitRef.current = limit;
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
        const remaining = limitRef.current - (performance.now() - started) / 1000;
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
  }, [stream]);

  const next = extendedLimit(limit, extensionSeconds, maxSeconds);
  const offline = progress?.retrying ?? false;
  const sentMb = ((progress?.acknowledged ?? 0) / 1_000_000).toFixed(1);

  return (
    <Frame
      step={7}
      title={recording ? t('kiosk.record.recording') : t('kiosk.record.getReady')}
      onBack={recording ? undefined : onBack}
      className="record-screen"
      footer={
        recording ? (
          <div className="footer-pair">
            {next !== null ? (
              <button
                type="button"
                className="big"
                data-testid="record-extend"
                onClick={() => setLimit(next)}
              >
                {t('kiosk.record.extend', { count: Math.round(extensionSeconds / 60) })}
              </button>
            ) : null}
            <button
              type="button"
              className="primary big stop"
              data-testid="record-stop"
              onClick={() => stopRef.current(false)}
            >
              <span className="stop-square" aria-hidden="true" /> {t('kiosk.record.stop')}
            </button>
          </div>
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
          <span className="sent" data-testid="bytes-sent">
            {t('kiosk.record.sent', { mb: sentMb })}
          </span>
        </p>
      ) : null}
      {offline ? <p className="notice">{t('kiosk.record.offline')}</p> : null}
    </Frame>
  );
}
