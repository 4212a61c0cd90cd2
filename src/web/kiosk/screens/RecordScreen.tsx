// Recording: 3-2-1, then the time left counts down from the base time; "+1 minute" extends it up to the maximum;
// Stop, the time limit or a lost camera ends it. During the countdown the appeal's number is reserved and the
// upload created; the recording streams to the server all along, kept on the booth until the server has each byte.
// With sound only (the camera failed and the person chose to go on), a microphone and its level stand in for the
// picture.
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { UPLOAD_ENDPOINT, kioskAuthHeaders, type Reservation } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { isSoundOnly, type RecordingSession } from '../../ui/recorder/session.js';
import { useRecording } from '../../ui/recorder/useRecording.js';
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
  const online = useOnline();
  const { countdown, recording, left, progress, waiting, failure, extend, stop } = useRecording({
    stream,
    endpoint: UPLOAD_ENDPOINT,
    baseSeconds,
    extensionSeconds,
    maxSeconds,
    claim: reserve,
    metadata: (reservation) => ({ reservation: reservation.reservationId }),
    headers: kioskAuthHeaders,
    onBegin,
    onRecorded,
    onDiscard,
    onStopped,
  });
  const soundOnly = isSoundOnly(stream);
  const noPicture = useRef<HTMLVideoElement>(null);
  // The level meter only when there is no picture to look at.
  const levels = useLevels(soundOnly ? stream : null, noPicture);

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
            {extend ? (
              <button type="button" className="big" data-testid="record-extend" onClick={extend}>
                {t('kiosk.record.extend', { count: Math.round(extensionSeconds / 60) })}
              </button>
            ) : null}
            <button type="button" className="primary big stop" data-testid="record-stop" onClick={stop}>
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
