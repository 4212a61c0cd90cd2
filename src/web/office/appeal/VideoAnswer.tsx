// The official's video answer, recorded in the browser with the booth's recorder (ui/recorder/useRecording: tus while
// recording, IndexedDB first): camera preview, 3-2-1, time left, Stop; once the server holds every byte the upload
// becomes the draft's video and is processed like any recording. The draft's video shows here with its state.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, UPLOAD_ENDPOINT, type AnswerDraft, type PublicSettings } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { useAction } from '../../ui/useAction.js';
import { canRecord, type RecordingSession } from '../../ui/recorder/session.js';
import { useRecording } from '../../ui/recorder/useRecording.js';
import { DEFAULT_PUBLIC_SETTINGS } from '../../../common/limits.js';
import { Player } from './Player.js';

type Stage =
  | { kind: 'idle' }
  | { kind: 'camera'; stream: MediaStream | null }
  | { kind: 'recording'; stream: MediaStream }
  | { kind: 'sending' };

function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function Preview({ stream, label }: { stream: MediaStream; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} className="video-answer-preview" autoPlay muted playsInline aria-label={label} />;
}

function stopTracks(stream: MediaStream | null) {
  stream?.getTracks().forEach((track) => track.stop());
}

interface Props {
  appealId: string;
  draft: AnswerDraft;
  onDraft: (draft: AnswerDraft) => void;
  disabled?: boolean;
}

export function VideoAnswer({ appealId, draft, onDraft, disabled = false }: Props) {
  const { t } = useTranslation();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [settings, setSettings] = useState<PublicSettings>({ ...DEFAULT_PUBLIC_SETTINGS });
  const [cameraError, setCameraError] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const streamRef = useRef<MediaStream | null>(null);

  useEffect(() => {
    api.settings().then(setSettings, () => undefined);
    return () => stopTracks(streamRef.current);
  }, []);

  const openCamera = () => {
    setCameraError(null);
    setStage({ kind: 'camera', stream: null });
    navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 }, audio: true }).then(
      (stream) => {
        streamRef.current = stream;
        setStage({ kind: 'camera', stream });
      },
      (e: unknown) => {
        setCameraError(e instanceof Error ? e.message : String(e));
        setStage({ kind: 'idle' });
      },
    );
  };

  const close = () => {
    stopTracks(streamRef.current);
    streamRef.current = null;
    setStage({ kind: 'idle' });
  };

  const stopped = (session: RecordingSession) => {
    setStage({ kind: 'sending' });
    void run(async () => {
      try {
        const mediaId = await session.uploaded();
        onDraft(await api.saveAnswerDraft(appealId, { mediaId }));
      } finally {
        close();
      }
    });
  };

  const remove = () => run(async () => onDraft(await api.saveAnswerDraft(appealId, { mediaId: null })));

  const video = draft.video;
  const supported =
    typeof navigator !== 'undefined' &&
    typeof navigator.mediaDevices?.getUserMedia === 'function' &&
    canRecord();

  return (
    <section className="video-answer" aria-labelledby="video-answer-heading">
      <h3 id="video-answer-heading">{t('office.videoAnswer.title')}</h3>
      {video && stage.kind === 'idle' ? (
        <div data-testid="draft-video">
          {video.state === 'ready' && video.videoUrl ? (
            <Player
              src={video.videoUrl}
              poster={video.posterUrl}
              label={t('office.videoAnswer.title')}
              className="answer-video"
            />
          ) : video.state === 'failed' ? (
            <p className="error" role="alert">
              {t('office.videoAnswer.failed', { reason: video.failureReason ?? '—' })}
            </p>
          ) : (
            <p role="status">
              {t('office.videoAnswer.state', { state: t(`office.mediaStates.${video.state}`) })}
            </p>
          )}
        </div>
      ) : null}
      {stage.kind === 'idle' ? (
        <div className="actions">
          <button
            type="button"
            onClick={openCamera}
            disabled={disabled || busy || !supported}
            data-testid="video-answer-record"
          >
            {video ? t('office.videoAnswer.again') : t('office.videoAnswer.record')}
          </button>
          {video ? (
            <button type="button" onClick={() => void remove()} disabled={disabled || busy}>
              {t('office.videoAnswer.remove')}
            </button>
          ) : null}
        </div>
      ) : null}
      {cameraError ? (
        <p className="error" role="alert">
          {t('office.videoAnswer.noCamera', { reason: cameraError })}
        </p>
      ) : null}
      {stage.kind === 'camera' ? (
        stage.stream ? (
          <div className="video-answer-stage">
            <Preview stream={stage.stream} label={t('office.videoAnswer.preview')} />
            <div className="actions">
              <button type="button" onClick={close}>
                {t('office.videoAnswer.cancel')}
              </button>
              <button
                type="button"
                className="primary"
                onClick={() => setStage({ kind: 'recording', stream: stage.stream as MediaStream })}
                data-testid="video-answer-start"
              >
                {t('office.videoAnswer.start')}
              </button>
            </div>
          </div>
        ) : (
          <p role="status">{t('office.videoAnswer.asking')}</p>
        )
      ) : null}
      {stage.kind === 'recording' ? (
        <Recording stream={stage.stream} settings={settings} onStopped={stopped} onCancel={close} />
      ) : null}
      {stage.kind === 'sending' || busy ? <p role="status">{t('office.videoAnswer.sending')}</p> : null}
      <ErrorMessage error={error} />
    </section>
  );
}

function Recording({
  stream,
  settings,
  onStopped,
  onCancel,
}: {
  stream: MediaStream;
  settings: PublicSettings;
  onStopped: (session: RecordingSession) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { countdown, recording, left, failure, stop } = useRecording<null>({
    stream,
    endpoint: UPLOAD_ENDPOINT,
    baseSeconds: settings.recordingBaseSeconds,
    extensionSeconds: 0,
    maxSeconds: settings.recordingMaxSeconds,
    // An answer reserves nothing: the upload belongs to this browser (its uploader cookie) until the draft takes it.
    claim: () => Promise.resolve(null),
    metadata: () => ({}),
    onBegin: () => Promise.resolve(),
    onStopped: (session) => onStopped(session),
  });
  return (
    <div className="video-answer-stage">
      <Preview stream={stream} label={t('office.videoAnswer.preview')} />
      {recording ? (
        <p className="video-answer-rec">
          <span className="rec-dot" aria-hidden="true" /> {t('office.videoAnswer.recording')}{' '}
          <strong role="timer" data-testid="video-answer-left">
            {t('office.videoAnswer.timeLeft', { time: clock(left) })}
          </strong>
        </p>
      ) : (
        <p aria-live="assertive">{t('office.videoAnswer.getReady', { n: countdown })}</p>
      )}
      <ErrorMessage error={failure} />
      <div className="actions">
        {!recording ? (
          <button type="button" onClick={onCancel}>
            {t('office.videoAnswer.cancel')}
          </button>
        ) : null}
        <button
          type="button"
          className="primary"
          onClick={stop}
          disabled={!recording}
          data-testid="video-answer-stop"
        >
          {t('office.videoAnswer.stop')}
        </button>
      </div>
    </div>
  );
}
