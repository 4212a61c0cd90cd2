// The camera's live picture, mirrored on the booth's screen; muted so the microphone never echoes.
import { useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  stream: MediaStream;
  /** Lets the camera check read frames for its lighting hint. */
  videoRef?: RefObject<HTMLVideoElement | null>;
}

export function LivePreview({ stream, videoRef }: Props) {
  const { t } = useTranslation();
  const ownRef = useRef<HTMLVideoElement>(null);
  const ref = videoRef ?? ownRef;
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream, ref]);
  return (
    <video ref={ref} className="preview" autoPlay muted playsInline aria-label={t('kiosk.camera.preview')} />
  );
}
