// How loud the microphone is and how well lit the face is, sampled a few times a second for the camera check.
import { useEffect, useState, type RefObject } from 'react';

export type Lighting = 'unknown' | 'dark' | 'ok' | 'bright';

/** Root mean square of 8-bit audio samples centred on 128, scaled to 0..1 (speech sits around 0.05–0.3). */
export function audioLevel(samples: Uint8Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const s of samples) {
    const v = (s - 128) / 128;
    sum += v * v;
  }
  return Math.min(1, Math.sqrt(sum / samples.length) * 2);
}

/** Mean luma (Rec. 601) of RGBA pixels, 0..255. */
export function meanLuma(rgba: Uint8ClampedArray): number {
  const pixels = Math.floor(rgba.length / 4);
  if (pixels === 0) return 0;
  let sum = 0;
  for (let i = 0; i < pixels * 4; i += 4) {
    sum += 0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!;
  }
  return sum / pixels;
}

export function lighting(luma: number): Lighting {
  if (luma < 50) return 'dark';
  if (luma > 215) return 'bright';
  return 'ok';
}

const SAMPLE_MS = 250;

export function useLevels(
  stream: MediaStream | null,
  videoRef: RefObject<HTMLVideoElement | null>,
): { audio: number; light: Lighting } {
  const [audio, setAudio] = useState(0);
  const [light, setLight] = useState<Lighting>('unknown');
  useEffect(() => {
    if (!stream) return;
    let context: AudioContext | null = null;
    let analyser: AnalyserNode | null = null;
    if (stream.getAudioTracks().length > 0 && typeof AudioContext !== 'undefined') {
      context = new AudioContext();
      analyser = context.createAnalyser();
      analyser.fftSize = 1024;
      context.createMediaStreamSource(stream).connect(analyser);
    }
    const samples = new Uint8Array(analyser?.fftSize ?? 0);
    const canvas = document.createElement('canvas');
    canvas.width = 32;
    canvas.height = 18;
    const paint = canvas.getContext('2d', { willReadFrequently: true });
    const timer = window.setInterval(() => {
      if (analyser) {
        analyser.getByteTimeDomainData(samples);
        setAudio(audioLevel(samples));
      }
      const video = videoRef.current;
      if (paint && video && video.readyState >= 2) {
        paint.drawImage(video, 0, 0, canvas.width, canvas.height);
        setLight(lighting(meanLuma(paint.getImageData(0, 0, canvas.width, canvas.height).data)));
      }
    }, SAMPLE_MS);
    return () => {
      window.clearInterval(timer);
      void context?.close();
    };
  }, [stream, videoRef]);
  return { audio, light };
}
