// An official's photo: pick a picture, place it in a 3:4 portrait frame (drag or arrow keys to move, the slider or
// +/− to zoom), and upload the framed part. The server re-encodes it and strips its metadata; this only frames it.
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PORTRAIT_HEIGHT, PORTRAIT_WIDTH, type AdminOfficial } from '../../../common/directory.js';
import { api } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { useAction } from '../../ui/useAction.js';

/** The frame on screen: the portrait's shape at half its size. */
const VIEW_W = PORTRAIT_WIDTH / 2;
const VIEW_H = PORTRAIT_HEIGHT / 2;
const MAX_ZOOM = 4;

interface Placement {
  zoom: number;
  /** Where the picture's centre sits relative to the frame's centre, in frame pixels. */
  x: number;
  y: number;
}

/** Keeps the picture covering the whole frame: no empty edge at any zoom. */
function clamp(image: { width: number; height: number }, p: Placement): Placement {
  const scale = Math.max(VIEW_W / image.width, VIEW_H / image.height) * p.zoom;
  const maxX = Math.max(0, (image.width * scale - VIEW_W) / 2);
  const maxY = Math.max(0, (image.height * scale - VIEW_H) / 2);
  return {
    zoom: p.zoom,
    x: Math.min(maxX, Math.max(-maxX, p.x)),
    y: Math.min(maxY, Math.max(-maxY, p.y)),
  };
}

/** Draws the placed picture into a canvas of any size with the frame's proportions. */
function draw(canvas: HTMLCanvasElement, image: HTMLImageElement, p: Placement, guide: boolean) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const k = canvas.width / VIEW_W;
  const scale = Math.max(VIEW_W / image.width, VIEW_H / image.height) * p.zoom * k;
  const w = image.width * scale;
  const h = image.height * scale;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(image, canvas.width / 2 + p.x * k - w / 2, canvas.height / 2 + p.y * k - h / 2, w, h);
  if (guide) {
    // Where a face sits in an ID photo: a help for placing, not part of the picture.
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.ellipse(
      canvas.width / 2,
      canvas.height * 0.42,
      canvas.width * 0.26,
      canvas.height * 0.25,
      0,
      0,
      Math.PI * 2,
    );
    ctx.stroke();
    ctx.strokeStyle = 'rgba(0,0,0,0.45)';
    ctx.setLineDash([]);
    ctx.lineWidth = 1;
    ctx.strokeRect(0.5, 0.5, canvas.width - 1, canvas.height - 1);
  }
}

export function PhotoCrop({
  official,
  onChange,
}: {
  official: AdminOfficial;
  onChange: (official: AdminOfficial) => void;
}) {
  const { t } = useTranslation();
  const [image, setImage] = useState<HTMLImageElement | null>(null);
  const [placement, setPlacement] = useState<Placement>({ zoom: 1, x: 0, y: 0 });
  const [done, setDone] = useState<string | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drag = useRef<{ x: number; y: number } | null>(null);
  const { busy, error, setError, run } = useAction();

  useEffect(() => {
    if (image && canvas.current) draw(canvas.current, image, placement, true);
  }, [image, placement]);

  const place = (next: Placement) => {
    if (image) setPlacement(clamp(image, { ...next, zoom: Math.min(MAX_ZOOM, Math.max(1, next.zoom)) }));
  };

  const choose = (file: File | undefined) => {
    setDone(null);
    setError(null);
    if (!file) return;
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      setImage(img);
      setPlacement({ zoom: 1, x: 0, y: 0 });
      URL.revokeObjectURL(url);
    };
    img.onerror = () => {
      setImage(null);
      setError(new Error('unreadable'));
      URL.revokeObjectURL(url);
    };
    img.src = url;
  };

  const onKey = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const step = event.shiftKey ? 40 : 10;
    const moves: Record<string, [number, number, number]> = {
      ArrowLeft: [-step, 0, 0],
      ArrowRight: [step, 0, 0],
      ArrowUp: [0, -step, 0],
      ArrowDown: [0, step, 0],
      '+': [0, 0, 0.1],
      '=': [0, 0, 0.1],
      '-': [0, 0, -0.1],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    place({ zoom: placement.zoom + move[2], x: placement.x + move[0], y: placement.y + move[1] });
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY };
  };
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!drag.current) return;
    const dx = event.clientX - drag.current.x;
    const dy = event.clientY - drag.current.y;
    drag.current = { x: event.clientX, y: event.clientY };
    place({ ...placement, x: placement.x + dx, y: placement.y + dy });
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  const upload = () =>
    run(async () => {
      if (!image) return;
      const out = document.createElement('canvas');
      out.width = PORTRAIT_WIDTH;
      out.height = PORTRAIT_HEIGHT;
      draw(out, image, placement, false);
      const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/jpeg', 0.92));
      if (!blob) throw new Error('canvas');
      const saved = await api.directory.setPhoto(official.id, blob);
      setImage(null);
      setDone(t('office.directory.photo.saved'));
      onChange(saved);
    });

  const remove = () =>
    run(async () => {
      const saved = await api.directory.removePhoto(official.id);
      setDone(t('office.directory.photo.removed'));
      onChange(saved);
    });

  return (
    <fieldset className="dir-photo">
      <legend>{t('office.directory.photo.title')}</legend>
      <div className="dir-photo-row">
        <figure className="dir-photo-current">
          {official.photoUrl ? (
            <img
              src={official.photoUrl}
              alt={t('office.directory.photo.currentAlt')}
              width={VIEW_W / 2}
              height={VIEW_H / 2}
            />
          ) : (
            <div className="dir-photo-none">{t('office.directory.photo.none')}</div>
          )}
          <figcaption>{t('office.directory.photo.current')}</figcaption>
        </figure>
        <div>
          <label htmlFor="photo-file">{t('office.directory.photo.choose')}</label>
          <input
            id="photo-file"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            onChange={(e) => choose(e.target.files?.[0])}
          />
          <p className="muted small">{t('office.directory.photo.hint')}</p>
          {official.photoUrl && !image ? (
            <button type="button" className="secondary" onClick={() => void remove()} disabled={busy}>
              {t('office.directory.photo.remove')}
            </button>
          ) : null}
        </div>
      </div>
      {image ? (
        <div className="dir-crop">
          <canvas
            ref={canvas}
            width={VIEW_W}
            height={VIEW_H}
            tabIndex={0}
            role="img"
            aria-label={t('office.directory.photo.frame')}
            aria-describedby="photo-crop-help"
            onKeyDown={onKey}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
          />
          <div>
            <p id="photo-crop-help" className="muted small">
              {t('office.directory.photo.help')}
            </p>
            <label htmlFor="photo-zoom">{t('office.directory.photo.zoom')}</label>
            <input
              id="photo-zoom"
              type="range"
              min={1}
              max={MAX_ZOOM}
              step={0.05}
              value={placement.zoom}
              onChange={(e) => place({ ...placement, zoom: Number(e.target.value) })}
            />
            <div className="actions">
              <button type="button" className="primary" onClick={() => void upload()} disabled={busy}>
                {busy ? t('office.directory.saving') : t('office.directory.photo.upload')}
              </button>
              <button type="button" className="secondary" onClick={() => setImage(null)} disabled={busy}>
                {t('office.directory.cancel')}
              </button>
            </div>
          </div>
        </div>
      ) : null}
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      {error instanceof Error && error.message === 'unreadable' ? (
        <p className="error" role="alert">
          {t('office.directory.photo.unreadable')}
        </p>
      ) : (
        <ErrorMessage error={error} />
      )}
    </fieldset>
  );
}
