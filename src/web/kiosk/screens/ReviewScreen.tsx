// Review: watch the recording (listen to it, when sound only), add a short typed note if wanted, then send it — or
// throw it away and record again.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordingSession } from '../../ui/recorder/session.js';
import { currentLanguage } from '../../ui/i18n.js';
import { OnScreenKeyboard } from '../../ui/keyboard/OnScreenKeyboard.js';
import { layoutsFor } from '../../ui/keyboard/layouts.js';
import { Frame } from '../Frame.js';
import { MicrophoneIcon } from '../Icons.js';

/** A note typed on a touchscreen stays short; the office has the video for the rest. */
export const KIOSK_NOTE_MAX = 500;

interface Props {
  session: RecordingSession;
  cameraLost: boolean;
  reRecordsLeft: number;
  note: string;
  onNote: (note: string) => void;
  onReRecord: () => void;
  onSend: () => void;
}

export function ReviewScreen({
  session,
  cameraLost,
  reRecordsLeft,
  note,
  onNote,
  onReRecord,
  onSend,
}: Props) {
  const { t } = useTranslation();
  const [typing, setTyping] = useState(false);
  const [progress, setProgress] = useState(session.progress);
  const url = useMemo(() => URL.createObjectURL(session.recording), [session]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  useEffect(() => {
    const poll = window.setInterval(() => setProgress(session.progress), 300);
    return () => window.clearInterval(poll);
  }, [session]);

  if (typing) {
    return (
      <Frame
        step={8}
        title={t('kiosk.review.noteTitle')}
        onBack={() => setTyping(false)}
        footer={
          <button type="button" className="primary big" onClick={() => setTyping(false)}>
            {t('kiosk.review.noteDone')}
          </button>
        }
      >
        <p className="hint">{t('kiosk.review.noteHint', { count: KIOSK_NOTE_MAX })}</p>
        <output className="note-display" aria-live="polite" data-testid="note-display">
          {note || '\u00a0'}
        </output>
        <OnScreenKeyboard
          value={note}
          onChange={onNote}
          layouts={layoutsFor(currentLanguage())}
          maxLength={KIOSK_NOTE_MAX}
          label={t('kiosk.review.noteTitle')}
          punctuation
        />
      </Frame>
    );
  }

  const held = progress.recorded > 0 && progress.acknowledged >= progress.recorded;
  return (
    <Frame
      step={8}
      title={t('kiosk.review.title')}
      voiceKey="review"
      onBack={reRecordsLeft > 0 ? onReRecord : undefined}
      footer={
        <div className="footer-pair">
          {reRecordsLeft > 0 ? (
            <button type="button" className="big" onClick={onReRecord} data-testid="rerecord">
              {t('kiosk.review.reRecord', { count: reRecordsLeft })}
            </button>
          ) : null}
          <button type="button" className="primary big" onClick={onSend} data-testid="send">
            {t('kiosk.review.send')}
          </button>
        </div>
      }
    >
      {cameraLost ? (
        <p className="notice" role="alert" data-testid="camera-lost">
          {session.audioOnly ? t('kiosk.record.microphoneLost') : t('kiosk.record.cameraLost')}
        </p>
      ) : null}
      {url && session.audioOnly ? (
        <SoundPlayback url={url} />
      ) : url ? (
        <video
          className="preview playback"
          src={url}
          controls
          playsInline
          aria-label={t('kiosk.review.player')}
        />
      ) : null}
      <p className="hint" aria-live="polite">
        {held ? t('kiosk.review.held') : t('kiosk.review.sending')}
      </p>
      <div className="note-row">
        <p className="note-preview">{note ? note : t('kiosk.review.noNote')}</p>
        <button type="button" className="big" onClick={() => setTyping(true)} data-testid="note-open">
          {note ? t('kiosk.review.noteEdit') : t('kiosk.review.noteAdd')}
        </button>
      </div>
    </Frame>
  );
}

/** The recording, when it is sound only: a big Listen/Pause button (a touchscreen's target) beside the player. */
function SoundPlayback({ url }: { url: string }) {
  const { t } = useTranslation();
  const player = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const toggle = () => {
    const audio = player.current;
    if (!audio) return;
    if (audio.paused) audio.play().catch(() => setPlaying(false));
    else audio.pause();
  };
  return (
    <div className="sound-playback">
      <p className="sound-playback-label">
        <MicrophoneIcon /> {t('kiosk.review.soundOnly')}
      </p>
      <div className="sound-playback-row">
        <button type="button" className="big" onClick={toggle} data-testid="listen">
          {playing ? t('kiosk.review.pause') : t('kiosk.review.listen')}
        </button>
        <audio
          ref={player}
          className="playback"
          src={url}
          controls
          aria-label={t('kiosk.review.player')}
          onPlay={() => setPlaying(true)}
          onPause={() => setPlaying(false)}
          onEnded={() => setPlaying(false)}
        />
      </div>
    </div>
  );
}
