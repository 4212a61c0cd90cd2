// Recording: 3-2-1, then the time left counts down from the base time; "+1 minute" extends it up to the maximum;
// Stop, the time limit or a lost camera ends it. During the countdown the appeal's number is reserved and the
// upload created; the recording streams to the server all along, kept on the booth until the server has each byte.
// With sound only (the camera failed and the person chose to go on), a microphone and its level stand in for the
// picture.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UPLOAD_ENDPOINT, kioskAuthHeaders, type Reservation } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { isTransient } from '../../ui/recorder/delivery.js';
import { RecordingSession, isSoundOnly } from '../../ui/recorder/session.js';
import type { UploadProgress } from '../../ui/recorder/uploader.js';
import { formatClock } from '../../ui/format.js';
import { Frame } from '../Frame.js';
import { LivePreview } from '../LivePreview.js';
import { SoundStage } from '../SoundStage.js';
import { useLevels } from '../levels.js';
import { useOnline } from '../useOnline.js';

interface Props {
  stream: MediaStream;
  baseSeconds: number;
  extensionSeconds: number;
  maxSeconds: number;
  onBack: () => void;
  /** The number this draft's recordings belong to (reserved by the first one, reused by a re-record). */
  reserve: () => Promise<Reservation>;
  /** The upload exists and recording is about to start: the delivery record is written here. */
  onBegin: (session: RecordingSession, reservation: Reservation) => Promise<void>;
  onRecorded: (session: RecordingSession, bytes: number) => void;
  /** The screen went away before handing the recording over (Back, reset): it is thrown away. */
  onDiscard: (session: RecordingSession) => void;
  onStopped: (session: RecordingSession, cameraLost: boolean) => void;
}

/** Megabytes for "sent X MB · kept Y MB": one decimal, two below 1 MB (a few seconds of sound only is ~0.05 MB). */
export function megabytes(bytes: number): string {
  const mb = Math.max(0, bytes) / 1_000_000;
  return mb < 1 ? mb.toFixed(2) : mb.toFixed(1);
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
  reserve,
  onBegin,
  onRecorded,
  onDiscard,
  onStopped,
}: Props) {
  const { t } = useTranslation();
  const [countdown, setCountdown] = useState(3);
  const [limit, setLimit] = useState(Math.min(baseSeconds, maxSeconds));
  const [left, setLeft] = useState(limit);
  const [recording, setRecording] = useState(false);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const online = useOnline();
  const sessionRef = useRef<RecordingSession | null>(null);
  const handedOff = useRef(false);
  const limitRef = useRef(limit);
  const stopRef = useRef<(lost: boolean) => void>(() => undefined);
  const soundOnly = isSoundOnly(stream);
  const noPicture = useRef<HTMLVideoElement>(null);
  // The level meter only when there is no picture to look at.
  const levels = useLevels(soundOnly ? stream : null, noPicture);

  useLayoutEffect(() => {
    limitRef.current = limit;
    stopRef.current = (lost: boolean) => {
      const session = sessionRef.current;
      if (!session || handedOff.current) return;
      handedOff.current = true;
      void session.stop().then(() => onStopped(session, lost));
    };
  });

  // The latest callbacks, for the effect below that runs once per stream.
  const calls = useRef({ reserve, onBegin, onRecorded, onDiscard });
  useLayoutEffect(() => {
    calls.current = { reserve, onBegin, onRecorded, onDiscard };
  });

  useEffect(() => {
    handedOff.current = false;
    let cancelled = false;
    let session: RecordingSession | null = null;
    let tick: number | undefined;
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
    const ready = (async () => {
      // Without the server there is no number to promise: wait for it (the person is told), never record blind.
      let reservation: Reservation | null = null;
      while (!reservation) {
        try {
          reservation = await calls.current.reserve();
        } catch (error) {
          if (cancelled) return null;
          if (!isTransient(error)) {
            setFailure(error);
            return null;
          }
          setWaiting(true);
          await new Promise((resolve) => window.setTimeout(resolve, 2000));
        }
        if (cancelled) return null;
      }
      setWaiting(false);
      const created = new RecordingSession(stream, {
        endpoint: UPLOAD_ENDPOINT,
        metadata: { reservation: reservation.reservationId },
        headers: kioskAuthHeaders,
        onProgress: (p) => {
          setProgress(p);
          calls.current.onRecorded(created, p.recorded);
        },
        onCameraLost: () => stopRef.current(true),
      });
      session = created;
      sessionRef.current = created;
      await created.prepare();
      return cancelled ? null : { session: created, reservation };
    })();
    let timer: number | undefined;
    void Promise.all([ready, counting]).then(async ([prepared]) => {
      if (cancelled || !prepared) return;
      // The delivery record exists before the first chunk does.
      await calls.current.onBegin(prepared.session, prepared.reservation);
      if (cancelled) return;
      prepared.session.start();
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
    }, setFailure);
    return () => {
      cancelled = true;
      window.clearInterval(tick);
      window.clearInterval(timer);
      // A session still being created is thrown away once it exists.
      const discard = () => {
        if (!handedOff.current && session) {
          void session.discard();
          calls.current.onDiscard(session);
        }
      };
      void ready.then(discard, discard);
    };
  }, [stream]);

  const next = extendedLimit(limit, extensionSeconds, maxSeconds);
  const offline = (progress?.retrying ?? false) || !online;
  const sent = megabytes(progress?.acknowledged ?? 0);
  const kept = megabytes((progress?.recorded ?? 0) - (progress?.acknowledged ?? 0));

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
        {soundOnly ? (
          <SoundStage
            level={levels.audio}
            label={recording ? t('kiosk.record.soundOnly') : t('kiosk.camera.soundOnlyLabel')}
            counting={!recording}
          />
        ) : (
          <LivePreview stream={stream} />
        )}
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
            {t('kiosk.record.sentKept', { sent, kept })}
          </span>
        </p>
      ) : null}
      {recording && offline ? (
        <p className="notice" role="status" data-testid="record-offline">
          {t('kiosk.record.offline')}
        </p>
      ) : null}
      {!recording && waiting ? (
        <p className="notice" role="status">
          {t('kiosk.record.waitingNetwork')}
        </p>
      ) : null}
      {failure ? <ErrorMessage error={failure} /> : null}
    </Frame>
  );
}
