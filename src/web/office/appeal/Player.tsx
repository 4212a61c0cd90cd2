// The office's player: the browser's own controls (they are accessible) plus a speed choice and keyboard shortcuts —
// space/K play or pause, J/L 10 s, ←/→ 5 s, </> slower/faster — that never fire while someone types; the shortcuts
// are listed under the picture. `AppealMedia` is the appeal's recording in whatever state it is in.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealDetail } from '../../ui/api.js';
import { formatDateTime } from '../../ui/format.js';
import { currentLanguage } from '../../ui/i18n.js';

export const SPEEDS = [0.75, 1, 1.25, 1.5, 2] as const;

/** Where a key press means text or an action of its own, the page's shortcuts stay out of the way. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A', 'SUMMARY'].includes(target.tagName);
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

interface PlayerProps {
  src: string;
  poster?: string | null;
  label: string;
  /** The page's main player takes the keyboard shortcuts; others (an answer's video) do not. */
  shortcuts?: boolean;
  audioOnly?: boolean;
  /** On the <video>/<audio> element itself. */
  className?: string;
  testId?: string;
}

export function Player({
  src,
  poster,
  label,
  shortcuts = false,
  audioOnly = false,
  className,
  testId,
}: PlayerProps) {
  const { t } = useTranslation();
  const media = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  const [rate, setRate] = useState(1);
  const [announce, setAnnounce] = useState('');

  const changeRate = useCallback(
    (next: number) => {
      const element = media.current;
      if (element) element.playbackRate = next;
      setRate(next);
      setAnnounce(t('office.player.speedNow', { rate: next }));
    },
    [t],
  );

  useEffect(() => {
    if (!shortcuts) return;
    const onKey = (event: KeyboardEvent) => {
      const element = media.current;
      if (!element || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTypingTarget(event.target)) return;
      const seek = (by: number) => {
        const end = Number.isFinite(element.duration) ? element.duration : Infinity;
        element.currentTime = Math.min(end, Math.max(0, element.currentTime + by));
        setAnnounce(t('office.player.at', { time: clock(element.currentTime) }));
      };
      const index = SPEEDS.indexOf(element.playbackRate as (typeof SPEEDS)[number]);
      switch (event.key) {
        case ' ':
        case 'k':
        case 'K':
          if (element.paused) void element.play().catch(() => undefined);
          else element.pause();
          break;
        case 'j':
        case 'J':
          seek(-10);
          break;
        case 'l':
        case 'L':
          seek(10);
          break;
        case 'ArrowLeft':
          seek(-5);
          break;
        case 'ArrowRight':
          seek(5);
          break;
        case '<':
        case ',':
          if (event.key === ',' && !event.shiftKey) return;
          changeRate(SPEEDS[Math.max(0, (index < 0 ? 1 : index) - 1)] ?? 1);
          break;
        case '>':
        case '.':
          if (event.key === '.' && !event.shiftKey) return;
          changeRate(SPEEDS[Math.min(SPEEDS.length - 1, (index < 0 ? 1 : index) + 1)] ?? 1);
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [shortcuts, changeRate, t]);

  const speedId = `${testId ?? 'player'}-speed`;
  return (
    <div className="player" data-testid={testId}>
      {audioOnly ? (
        <audio ref={media} className={className} controls preload="metadata" src={src} aria-label={label} />
      ) : (
        <video
          ref={media}
          className={className}
          controls
          preload="metadata"
          playsInline
          src={src}
          poster={poster ?? undefined}
          aria-label={label}
        />
      )}
      <div className="player-bar">
        <label htmlFor={speedId}>{t('office.player.speed')}</label>
        <select id={speedId} value={rate} onChange={(e) => changeRate(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {`${s}×`}
            </option>
          ))}
        </select>
      </div>
      {shortcuts ? (
        <div className="player-keys">
          <p className="player-keys-title">{t('office.player.shortcuts')}</p>
          <ul>
            <li>{t('office.player.playPause')}</li>
            <li>{t('office.player.tenSeconds')}</li>
            <li>{t('office.player.fiveSeconds')}</li>
            <li>{t('office.player.rate')}</li>
          </ul>
        </div>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
    </div>
  );
}

/** The appeal's recording: its player once ready, otherwise what is happening to it. */
export function AppealMedia({ detail }: { detail: AppealDetail }) {
  const { t } = useTranslation();
  const media = detail.media;
  const deletedAt = detail.personalDataDeletedAt ?? detail.videosDeletedAt;
  if (deletedAt)
    return (
      <p className="video-deleted" data-testid="appeal-video-deleted">
        {t(detail.personalDataDeletedAt ? 'office.privacy.appealPurged' : 'office.privacy.videoPurged', {
          date: formatDateTime(deletedAt, currentLanguage()),
        })}
      </p>
    );
  if (!media) return <p>{t('office.mediaStates.none')}</p>;
  if (media.state === 'ready' && media.videoUrl && media.audioOnly) {
    return (
      <div className="sound-only-box">
        <p>{t('office.appeal.soundOnlyWhy')}</p>
        <Player
          src={media.videoUrl}
          label={t('office.appeal.sound')}
          audioOnly
          shortcuts
          className="appeal-audio"
          testId="appeal-player"
        />
      </div>
    );
  }
  if (media.state === 'ready' && media.videoUrl) {
    return (
      <Player
        src={media.videoUrl}
        poster={media.posterUrl}
        label={t('office.appeal.video')}
        shortcuts
        className="appeal-video"
        testId="appeal-player"
      />
    );
  }
  if (media.state === 'failed') {
    return (
      <p className="error" role="alert">
        {t(media.audioOnly ? 'office.appeal.soundFailed' : 'office.appeal.videoFailed', {
          reason: media.failureReason ?? '—',
        })}
      </p>
    );
  }
  return (
    <div className="video-pending" aria-live="polite">
      {media.posterUrl ? <img src={media.posterUrl} alt="" /> : null}
      <p>
        {t(media.audioOnly ? 'office.appeal.soundState' : 'office.appeal.videoState', {
          state: t(`office.mediaStates.${media.state}`),
        })}
      </p>
      {media.state === 'uploading' ? <p>{t('office.appeal.videoArriving')}</p> : null}
    </div>
  );
}
