// The camera's live picture, mirrored on the booth's screen; muted so the microphone never echoes.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function LivePreview({ stream }: { stream: MediaStream }) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (videoRef.current) videoRef.current.srcObject = stream;
  }, [stream]);
  return (
    <video
      ref={videoRef}
      className="preview"
      autoPlay
      muted
      playsInline
      aria-label={t('kiosk.camera.preview')}
    />
  );
}
