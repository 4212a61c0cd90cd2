// Recording from home: camera preview, 3-2-1, recording with the booth's time limit and "+1 minute", Stop, review
// and re-record. The number is reserved when recording starts; the recording streams over tus while it is made and
// its chunks stay in IndexedDB until the server has them (ui/recorder), so a reload keeps what was recorded.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UPLOAD_ENDPOINT, type Reservation } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { formatClock } from '../../ui/format.js';
import { canRecord, type RecordingSession } from '../../ui/recorder/session.js';
import { useRecording } from '../../ui/recorder/useRecording.js';

function Preview({ stream }: { stream: MediaStream }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return (
    <video ref={ref} className="reception-video mirrored" autoPlay muted playsInline aria-hidden="true" />
  );
}

interface CameraProps {
  stream: MediaStream | null;
  onStream: (stream: MediaStream) => void;
  onStart: () => void;
  onBack: () => void;
}

/** Asks for the camera and microphone and shows the picture; a refusal says what else the person can do. */
export function CameraCheck({ stream, onStream, onStart, onBack }: CameraProps) {
  const { t } = useTranslation();
  const [refused, setRefused] = useState(false);
  const unsupported = !navigator.mediaDevices?.getUserMedia || !canRecord();
  const failure = unsupported
    ? t('public.reception.camera.unsupported')
    : refused
      ? t('public.reception.camera.refused')
      : null;
  useEffect(() => {
    if (stream || unsupported) return;
    let cancelled = false;
    navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 }, audio: true }).then(
      (media) => {
        if (cancelled) media.getTracks().forEach((track) => track.stop());
        else onStream(media);
      },
      () => {
        if (!cancelled) setRefused(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [stream, onStream, unsupported]);
  return (
    <>
      <h1 tabIndex={-1}>{t('public.reception.camera.title')}</h1>
      {failure ? (
        <p className="error" role="alert">
          {failure}
        </p>
      ) : stream ? (
        <>
          <Preview stream={stream} />
          <p>{t('public.reception.camera.hint')}</p>
        </>
      ) : (
        <p role="status">{t('public.reception.camera.asking')}</p>
      )}
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('common.back')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!stream}
          onClick={onStart}
          data-testid="reception-record-start"
        >
          {t('public.reception.camera.start')}
        </button>
      </div>
    </>
  );
}

interface RecordProps {
  stream: MediaStream;
  baseSeconds: number;
  extensionSeconds: number;
  maxSeconds: number;
  reserve: () => Promise<Reservation>;
  onBegin: (session: RecordingSession, reservation: Reservation) => Promise<void>;
  onRecorded: (session: RecordingSession, bytes: number) => void;
  onDiscard: (session: RecordingSession) => void;
  onStopped: (session: RecordingSession) => void;
}

export function RecordStep({
  stream,
  baseSeconds,
  extensionSeconds,
  maxSeconds,
  reserve,
  onBegin,
  onRecorded,
  onDiscard,
  onStopped,
}: RecordProps) {
  const { t } = useTranslation();
  const { countdown, recording, left, progress, waiting, failure, extend, stop } = useRecording({
    stream,
    endpoint: UPLOAD_ENDPOINT,
    baseSeconds,
    extensionSeconds,
    maxSeconds,
    claim: reserve,
    metadata: (reservation) => ({ reservation: reservation.reservationId }),
    onBegin,
    onRecorded,
    onDiscard,
    onStopped: (session) => onStopped(session),
  });
  return (
    <>
      <h1 tabIndex={-1}>
        {recording ? t('public.reception.record.recording') : t('public.reception.record.getReady')}
      </h1>
      <div className="reception-stage">
        <Preview stream={stream} />
        {recording ? (
          <p className="reception-rec">
            <span className="rec-dot" aria-hidden="true" /> {t('public.reception.record.recording')}
          </p>
        ) : (
          <p className="reception-countdown" aria-live="assertive">
            {countdown}
          </p>
        )}
      </div>
      {recording ? (
        <p className="reception-timer">
          {t('public.reception.record.timeLeft')}{' '}
          <strong role="timer" data-testid="reception-time-left">
            {formatClock(left)}
          </strong>
          {progress ? (
            <span className="muted">
              {' '}
              {t('public.reception.record.sent', {
                sent: (progress.acknowledged / 1_000_000).toFixed(1),
              })}
            </span>
          ) : null}
        </p>
      ) : null}
      {!recording && waiting ? <p role="status">{t('public.reception.record.waitingNetwork')}</p> : null}
      <ErrorMessage error={failure} />
      {recording ? (
        <div className="actions">
          {extend ? (
            <button type="button" onClick={extend}>
              {t('public.reception.record.extend', { count: Math.round(extensionSeconds / 60) })}
            </button>
          ) : null}
          <button type="button" className="primary" onClick={stop} data-testid="reception-record-stop">
            {t('public.reception.record.stop')}
          </button>
        </div>
      ) : null}
    </>
  );
}

interface ReviewProps {
  session: RecordingSession;
  reRecordsLeft: number;
  onReRecord: () => void;
  onSend: () => void;
}

export function ReviewStep({ session, reRecordsLeft, onReRecord, onSend }: ReviewProps) {
  const { t } = useTranslation();
  const url = useMemo(() => URL.createObjectURL(session.recording), [session]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <>
      <h1 tabIndex={-1}>{t('public.reception.review.title')}</h1>
      <p>{t('public.reception.review.intro')}</p>
      <video
        className="reception-video"
        src={url}
        controls
        playsInline
        aria-label={t('public.reception.review.player')}
      />
      <div className="actions">
        {reRecordsLeft > 0 ? (
          <button type="button" onClick={onReRecord} data-testid="reception-rerecord">
            {t('public.reception.review.again')}
          </button>
        ) : null}
        <button type="button" className="primary" onClick={onSend} data-testid="reception-send">
          {t('public.reception.review.send')}
        </button>
      </div>
    </>
  );
}
