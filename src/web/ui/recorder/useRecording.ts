// The recording step's life, shared by the booth, the virtual reception and the office's video answer: 3-2-1 while
// the upload is claimed and created, then the time left counts down from the base time; one more extension while the
// maximum allows it; Stop, the time limit or a lost camera ends it. A screen that goes away before handing the
// recording over throws it away.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { isTransient } from './delivery.js';
import { RecordingSession } from './session.js';
import type { UploadProgress } from './uploader.js';

/** The limit after one more extension, or null when the maximum does not allow another. */
export function extendedLimit(limit: number, extension: number, max: number): number | null {
  if (extension <= 0 || limit >= max) return null;
  return Math.min(max, limit + extension);
}

export interface RecordingOptions<T> {
  stream: MediaStream;
  endpoint: string;
  baseSeconds: number;
  extensionSeconds: number;
  maxSeconds: number;
  /**
   * What the recording belongs to (the booth's reservation of a number), asked for during the countdown. While the
   * network is down it is asked again every two seconds (`waiting` says so): nothing is recorded blind.
   */
  claim: () => Promise<T>;
  /** The upload's creation metadata for that claim. */
  metadata: (claim: T) => Record<string, string>;
  /** A credential for every upload request (the booth's). */
  headers?: () => Record<string, string>;
  /** The upload exists and recording is about to start: a delivery record is written here. */
  onBegin: (session: RecordingSession, claim: T) => Promise<void>;
  onRecorded?: (session: RecordingSession, bytes: number) => void;
  /** The screen went away before handing the recording over (Back, reset). */
  onDiscard?: (session: RecordingSession) => void;
  onStopped: (session: RecordingSession, cameraLost: boolean) => void;
}

export interface Recording {
  /** 3, 2, 1 before recording starts. */
  countdown: number;
  recording: boolean;
  /** Seconds left. */
  left: number;
  progress: UploadProgress | null;
  /** The claim is waiting for the network. */
  waiting: boolean;
  failure: unknown;
  /** Adds the extension, or null when the maximum does not allow another. */
  extend: (() => void) | null;
  stop: () => void;
}

const TICK_MS = 200;
const CLAIM_RETRY_MS = 2000;

export function useRecording<T>(options: RecordingOptions<T>): Recording {
  const { stream, baseSeconds, extensionSeconds, maxSeconds } = options;
  const [countdown, setCountdown] = useState(3);
  const [limit, setLimit] = useState(Math.min(baseSeconds, maxSeconds));
  const [left, setLeft] = useState(limit);
  const [recording, setRecording] = useState(false);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const sessionRef = useRef<RecordingSession | null>(null);
  const handedOff = useRef(false);
  const limitRef = useRef(limit);
  const stopRef = useRef<(lost: boolean) => void>(() => undefined);
  // The latest options, for the effect below that runs once per stream.
  const calls = useRef(options);

  useLayoutEffect(() => {
    limitRef.current = limit;
    calls.current = options;
    stopRef.current = (lost: boolean) => {
      const session = sessionRef.current;
      if (!session || handedOff.current) return;
      handedOff.current = true;
      void session.stop().then(() => calls.current.onStopped(session, lost));
    };
  });

  useEffect(() => {
    handedOff.current = false;
    let cancelled = false;
    let session: RecordingSession | null = null;
    let tick: number | undefined;
    let timer: number | undefined;
    const counting = new Promise<void>((resolve) => {
      let n = 3;
      tick = window.setInterval(() => {
        n -= 1;
        if (n > 0) setCountdown(n);
        else {
          window.clearInterval(tick);
          resolve();
        }
      }, 1000);
    });
    const ready = (async () => {
      let claim: { value: T } | null = null;
      while (!claim) {
        try {
          claim = { value: await calls.current.claim() };
        } catch (error) {
          if (cancelled) return null;
          if (!isTransient(error)) {
            setFailure(error);
            return null;
          }
          setWaiting(true);
          await new Promise((resolve) => window.setTimeout(resolve, CLAIM_RETRY_MS));
        }
        if (cancelled) return null;
      }
      setWaiting(false);
      const created = new RecordingSession(stream, {
        endpoint: calls.current.endpoint,
        metadata: calls.current.metadata(claim.value),
        headers: calls.current.headers,
        onProgress: (p) => {
          setProgress(p);
          calls.current.onRecorded?.(created, p.recorded);
        },
        onCameraLost: () => stopRef.current(true),
      });
      session = created;
      sessionRef.current = created;
      await created.prepare();
      return cancelled ? null : { session: created, claim: claim.value };
    })();
    void Promise.all([ready, counting]).then(async ([prepared]) => {
      if (cancelled || !prepared) return;
      // The delivery record exists before the first chunk does.
      await calls.current.onBegin(prepared.session, prepared.claim);
      if (cancelled) return;
      prepared.session.start();
      setRecording(true);
      const started = performance.now();
      timer = window.setInterval(() => {
        const remaining = limitRef.current - (performance.now() - started) / 1000;
        setLeft(Math.max(0, remaining));
        if (remaining <= 0) {
          window.clearInterval(timer);
          stopRef.current(false);
        }
      }, TICK_MS);
    }, setFailure);
    return () => {
      cancelled = true;
      window.clearInterval(tick);
      window.clearInterval(timer);
      // A session still being created is thrown away once it exists.
      const discard = () => {
        if (!handedOff.current && session) {
          void session.discard();
          calls.current.onDiscard?.(session);
        }
      };
      void ready.then(discard, discard);
    };
  }, [stream]);

  const next = extendedLimit(limit, extensionSeconds, maxSeconds);
  return {
    countdown,
    recording,
    left,
    progress,
    waiting,
    failure,
    extend: next === null ? null : () => setLimit(next),
    stop: () => stopRef.current(false),
  };
}
