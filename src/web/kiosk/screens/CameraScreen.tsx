// Camera check (consent was given on the previous screen): live picture with a face guide, a microphone meter,
// a lighting hint, and a clear way out when there is no camera, no permission, or another program holds it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canRecord } from '../../ui/recorder/session.js';
import { formatClock } from '../../ui/format.js';
import { Frame } from '../Frame.js';
import { LivePreview } from '../LivePreview.js';
import { useLevels } from '../levels.js';

export type CameraProblem = 'denied' | 'notFound' | 'busy' | 'failed' | 'unsupported';
type Phase = 'starting' | 'preview' | CameraProblem;

/** What a getUserMedia failure means for the person in front of the booth. */
export function cameraProblem(error: unknown): CameraProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'notFound';
  if (name === 'NotReadableError' || name === 'AbortError' || name === 'TrackStartError') return 'busy';
  return 'failed';
}

interface Props {
  stream: MediaStream | null;
  seconds: number;
  onStream: (stream: MediaStream) => void;
  onBack: () => void;
  onStartOver: () => void;
  onStart: () => void;
}

export function CameraScreen({ stream, seconds, onStream, onBack, onStartOver, onStart }: Props) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>(stream ? 'preview' : 'starting');
  const [live, setLive] = useState<MediaStream | null>(stream);
  const videoRef = useRef<HTMLVideoElement>(null);
  const levels = useLevels(live, videoRef);

  const turnOn = useCallback(async () => {
    if (!navigator.mediaDevices?.getUserMedia || !canRecord()) {
      setPhase('unsupported');
      return;
    }
    setPhase('starting');
    try {
      const media = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'user' },
        audio: { echoCancellation: true, noiseSuppression: true },
      });
      onStream(media);
      setLive(media);
      setPhase('preview');
    } catch (error) {
      setPhase(cameraProblem(error));
    }
  }, [onStream]);

  const asked = useRef(false);
  useEffect(() => {
    if (stream || asked.current) return;
    asked.current = true;
    void turnOn();
  }, [stream, turnOn]);

  const problem = phase !== 'starting' && phase !== 'preview';

  return (
    <Frame
      step={6}
      title={problem ? t('kiosk.camera.problemTitle') : t('kiosk.camera.title')}
      onBack={onBack}
      voiceKey="camera"
      footer={
        phase === 'preview' ? (
          <button
            type="button"
            className="primary big record-start"
            onClick={onStart}
            data-testid="record-start"
          >
            <span className="rec-dot" aria-hidden="true" /> {t('kiosk.camera.start')}
          </button>
        ) : problem ? (
          <div className="footer-pair">
            <button type="button" className="big" onClick={onStartOver}>
              {t('kiosk.camera.startOver')}
            </button>
            <button type="button" className="primary big" onClick={() => void turnOn()}>
              {t('common.retry')}
            </button>
          </div>
        ) : null
      }
    >
      {phase === 'starting' ? <p aria-live="polite">{t('kiosk.camera.starting')}</p> : null}
      {problem ? (
        <div className="camera-problem" role="alert" data-testid="camera-problem">
          <p className="error big-error">{t(`kiosk.camera.${phase}`)}</p>
          <p className="hint">{t('kiosk.camera.askStaff')}</p>
        </div>
      ) : null}
      {phase === 'preview' && live ? (
        <>
          <p className="hint">{t('kiosk.camera.ready', { time: formatClock(seconds) })}</p>
          <div className="record-stage">
            <LivePreview stream={live} videoRef={videoRef} />
            <FaceGuide />
          </div>
          <div className="checks">
            <div className="check">
              <span id="mic-label">{t('kiosk.camera.microphone')}</span>
              <meter
                aria-labelledby="mic-label"
                min={0}
                max={1}
                low={0.08}
                optimum={0.5}
                value={levels.audio}
                data-testid="mic-meter"
              />
              <span className="check-state">
                {levels.audio > 0.04 ? t('kiosk.camera.hearYou') : t('kiosk.camera.sayHello')}
              </span>
            </div>
            <p className="check" aria-live="polite">
              {levels.light === 'dark'
                ? t('kiosk.camera.tooDark')
                : levels.light === 'bright'
                  ? t('kiosk.camera.tooBright')
                  : t('kiosk.camera.lightOk')}
            </p>
          </div>
        </>
      ) : null}
    </Frame>
  );
}

/** An oval where the face should be; drawn over the picture, ignored by screen readers. */
export function FaceGuide() {
  return (
    <svg className="face-guide" viewBox="0 0 160 90" preserveAspectRatio="xMidYMid meet" aria-hidden="true">
      <ellipse cx="80" cy="42" rx="21" ry="29" />
    </svg>
  );
}
