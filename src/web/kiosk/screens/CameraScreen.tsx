// Consent first, then the camera: getUserMedia is asked for only here, after the person agreed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canRecord } from '../../ui/recorder/session.js';
import { formatClock } from '../../ui/format.js';
import { Frame } from '../Frame.js';
import { LivePreview } from '../LivePreview.js';

type Phase = 'consent' | 'starting' | 'preview' | 'denied' | 'notFound' | 'failed' | 'unsupported';

interface Props {
  stream: MediaStream | null;
  seconds: number;
  onStream: (stream: MediaStream) => void;
  onBack: () => void;
  onStart: () => void;
}

function phaseFor(error: unknown): Phase {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'notFound';
  return 'failed';
}

export function CameraScreen({ stream, seconds, onStream, onBack, onStart }: Props) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>(stream ? 'preview' : 'consent');
  const [live, setLive] = useState<MediaStream | null>(stream);
  const turnOn = async () => {
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
      setPhase(phaseFor(error));
    }
  };

  const problem = phase === 'denied' || phase === 'notFound' || phase === 'failed' || phase === 'unsupported';

  return (
    <Frame
      step={5}
      title={t('kiosk.camera.title')}
      onBack={onBack}
      footer={
        phase === 'preview' ? (
          <button type="button" className="primary big record-start" onClick={onStart}>
            <span className="rec-dot" aria-hidden="true" /> {t('kiosk.camera.start')}
          </button>
        ) : phase === 'consent' || problem ? (
          <button type="button" className="primary big" onClick={() => void turnOn()}>
            {problem ? t('common.retry') : t('kiosk.camera.agree')}
          </button>
        ) : null
      }
    >
      {phase === 'consent' ? <p className="consent">{t('kiosk.camera.consent')}</p> : null}
      {phase === 'starting' ? <p aria-live="polite">{t('kiosk.camera.starting')}</p> : null}
      {problem ? (
        <p className="error big-error" role="alert">
          {t(`kiosk.camera.${phase}`)}
        </p>
      ) : null}
      {phase === 'preview' && live ? (
        <>
          <p className="hint">{t('kiosk.camera.ready', { time: formatClock(seconds) })}</p>
          <LivePreview stream={live} />
        </>
      ) : null}
    </Frame>
  );
}
