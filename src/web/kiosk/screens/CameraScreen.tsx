// Camera check (consent was given on the previous screen): live picture with a face guide, a microphone meter,
// a lighting hint, and a clear way out when there is no camera, no permission, or another program holds it. When
// the camera cannot be used but the microphone works, the person may go on with sound only: the official will hear
// but not see them, and the appeal is marked so.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canRecord, isSoundOnly } from '../../ui/recorder/session.js';
import { formatClock } from '../../ui/format.js';
import { Frame } from '../Frame.js';
import { LivePreview } from '../LivePreview.js';
import { SoundStage } from '../SoundStage.js';
import { useLevels, type Lighting } from '../levels.js';
import { MICROPHONE_CONSTRAINTS, cameraProblem, checkDevices, type CameraProblem } from '../camera.js';

type Phase = 'starting' | 'preview' | CameraProblem;

interface Props {
  stream: MediaStream | null;
  /** The person already chose sound only for this appeal (a re-record): ask for the microphone alone. */
  soundOnly: boolean;
  seconds: number;
  /** The stream to record: the camera's, or the microphone alone once the person chose sound only. */
  onStream: (stream: MediaStream) => void;
  onBack: () => void;
  onStartOver: () => void;
  onStart: () => void;
}

function stopTracks(stream: MediaStream | null): void {
  stream?.getTracks().forEach((track) => track.stop());
}

export function CameraScreen({ stream, soundOnly, seconds, onStream, onBack, onStartOver, onStart }: Props) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>(stream ? 'preview' : 'starting');
  const [live, setLive] = useState<MediaStream | null>(stream);
  /** A working microphone, offered while the camera cannot be used; stopped unless the person takes it. */
  const [microphone, setMicrophone] = useState<MediaStream | null>(null);
  const spare = useRef<MediaStream | null>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const levels = useLevels(live, videoRef);

  const offer = useCallback((media: MediaStream | null) => {
    if (spare.current !== media) stopTracks(spare.current);
    spare.current = media;
    setMicrophone(media);
  }, []);

  const take = useCallback(
    (media: MediaStream) => {
      onStream(media);
      setLive(media);
      setPhase('preview');
    },
    [onStream],
  );

  const turnOn = useCallback(async () => {
    offer(null);
    const devices = navigator.mediaDevices;
    if (!devices?.getUserMedia || !canRecord(soundOnly)) {
      setPhase('unsupported');
      return;
    }
    setPhase('starting');
    const getUserMedia = (constraints: MediaStreamConstraints) => devices.getUserMedia(constraints);
    if (soundOnly) {
      try {
        take(await getUserMedia(MICROPHONE_CONSTRAINTS));
      } catch (error) {
        setPhase(cameraProblem(error));
      }
      return;
    }
    const check = await checkDevices(getUserMedia, canRecord(true));
    if (check.kind === 'camera') take(check.stream);
    else {
      offer(check.microphone);
      setPhase(check.problem);
    }
  }, [offer, take, soundOnly]);

  const goOnWithSound = () => {
    const media = spare.current;
    if (!media) return;
    spare.current = null;
    setMicrophone(null);
    take(media);
  };

  const asked = useRef(false);
  useEffect(() => {
    if (stream || asked.current) return;
    asked.current = true;
    void turnOn();
  }, [stream, turnOn]);

  // A microphone offered but not taken is let go with the screen.
  useEffect(() => () => stopTracks(spare.current), []);

  const problem = phase !== 'starting' && phase !== 'preview';
  const soundPreview = phase === 'preview' && live !== null && isSoundOnly(live);
  // "No camera or microphone": not when the microphone was just found working.
  const problemKey = microphone && phase === 'notFound' ? 'noCamera' : phase;

  return (
    <Frame
      step={6}
      title={
        problem
          ? t('kiosk.camera.problemTitle')
          : soundPreview
            ? t('kiosk.camera.soundTitle')
            : t('kiosk.camera.title')
      }
      onBack={onBack}
      voiceKey={problem && microphone ? 'soundOnly' : soundPreview ? 'microphone' : 'camera'}
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
          <div className="footer-stack">
            {microphone ? (
              <button type="button" className="primary big" onClick={goOnWithSound} data-testid="sound-only">
                {t('kiosk.camera.soundOnly')}
              </button>
            ) : null}
            <div className="footer-pair">
              <button type="button" className="big" onClick={onStartOver}>
                {t('kiosk.camera.startOver')}
              </button>
              <button
                type="button"
                className={microphone ? 'big' : 'primary big'}
                onClick={() => void turnOn()}
              >
                {t('common.retry')}
              </button>
            </div>
          </div>
        ) : null
      }
    >
      {phase === 'starting' ? <p aria-live="polite">{t('kiosk.camera.starting')}</p> : null}
      {problem ? (
        <div className="camera-problem" role="alert" data-testid="camera-problem">
          <p className="error big-error">{t(`kiosk.camera.${problemKey}`)}</p>
          <p className="hint">{t('kiosk.camera.askStaff')}</p>
        </div>
      ) : null}
      {problem && microphone ? (
        <div className="sound-offer" data-testid="sound-offer">
          <p className="sound-offer-title">{t('kiosk.camera.soundOfferTitle')}</p>
          <p>{t('kiosk.camera.soundOfferText')}</p>
        </div>
      ) : null}
      {phase === 'preview' && live && soundPreview ? (
        <>
          <p className="notice" data-testid="sound-only-notice">
            {t('kiosk.camera.soundOnlyNotice')}
          </p>
          <p className="hint">{t('kiosk.camera.soundReady', { time: formatClock(seconds) })}</p>
          <SoundStage level={levels.audio} label={t('kiosk.camera.soundOnlyLabel')} />
          <div className="checks">
            <MicrophoneCheck level={levels.audio} />
          </div>
        </>
      ) : null}
      {phase === 'preview' && live && !soundPreview ? (
        <>
          <p className="hint">{t('kiosk.camera.ready', { time: formatClock(seconds) })}</p>
          <div className="record-stage">
            <LivePreview stream={live} videoRef={videoRef} />
            <FaceGuide />
          </div>
          <div className="checks">
            <MicrophoneCheck level={levels.audio} />
            <LightCheck light={levels.light} />
          </div>
        </>
      ) : null}
    </Frame>
  );
}

function MicrophoneCheck({ level }: { level: number }) {
  const { t } = useTranslation();
  return (
    <div className="check">
      <span id="mic-label">{t('kiosk.camera.microphone')}</span>
      <meter
        aria-labelledby="mic-label"
        min={0}
        max={1}
        low={0.08}
        optimum={0.5}
        value={level}
        data-testid="mic-meter"
      />
      <span className="check-state">
        {level > 0.04 ? t('kiosk.camera.hearYou') : t('kiosk.camera.sayHello')}
      </span>
    </div>
  );
}

function LightCheck({ light }: { light: Lighting }) {
  const { t } = useTranslation();
  return (
    <p className="check" aria-live="polite">
      {light === 'dark'
        ? t('kiosk.camera.tooDark')
        : light === 'bright'
          ? t('kiosk.camera.tooBright')
          : t('kiosk.camera.lightOk')}
    </p>
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
