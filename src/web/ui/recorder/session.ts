// One recording: MediaRecorder on the camera stream (or, when the camera failed and the person chose to go on,
// the microphone alone), each one-second chunk handed to the streaming uploader.
import { IndexedDbChunkStore, MemoryChunkStore, type ChunkStore } from './chunkStore.js';
import { StreamingUploader, type FetchLike, type UploadProgress } from './uploader.js';

export const MIME_CANDIDATES = [
  'video/webm;codecs=vp8,opus',
  'video/webm;codecs=vp9,opus',
  'video/webm',
  'video/mp4',
] as const;

/** For a sound-only recording: the types the server accepts with `audioOnly` (Opus first, AAC for Safari). */
export const AUDIO_MIME_CANDIDATES = [
  'audio/webm;codecs=opus',
  'audio/ogg;codecs=opus',
  'audio/mp4',
] as const;

/** The first container/codec pair this browser can record, or null when it cannot record at all. */
export function pickMimeType(isSupported: (type: string) => boolean, soundOnly = false): string | null {
  const candidates: readonly string[] = soundOnly ? AUDIO_MIME_CANDIDATES : MIME_CANDIDATES;
  return candidates.find((type) => isSupported(type)) ?? null;
}

/** A stream with no picture: the person chose to go on with sound only. */
export function isSoundOnly(stream: MediaStream): boolean {
  return stream.getVideoTracks().length === 0;
}

/**
 * The upload's creation metadata: what the caller gives (the reservation), and `audioOnly` for a recording without a
 * picture — the only way the server accepts an audio type, and how the appeal is marked sound-only.
 */
export function creationMetadata(
  soundOnly: boolean,
  given: Record<string, string> = {},
): Record<string, string> {
  return soundOnly ? { ...given, audioOnly: '1' } : { ...given };
}

function browserSupports(type: string): boolean {
  return typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(type);
}

export function canRecord(soundOnly = false): boolean {
  return pickMimeType(browserSupports, soundOnly) !== null;
}

function defaultStore(): ChunkStore {
  return typeof indexedDB === 'undefined' ? new MemoryChunkStore() : new IndexedDbChunkStore();
}

export interface SessionOptions {
  endpoint: string;
  onProgress?: (progress: UploadProgress) => void;
  /**
   * The camera track ended mid-recording (unplugged, taken by another app) — or the microphone's, in a sound-only
   * recording: the recording has been stopped.
   */
  onCameraLost?: () => void;
  store?: ChunkStore;
  fetch?: FetchLike;
  /** Creation metadata besides the type: the reservation the recording belongs to (`audioOnly` is added here). */
  metadata?: Record<string, string>;
  /** The booth's credential, added to every upload request. */
  headers?: () => Record<string, string>;
  /** Which types the recorder can make; MediaRecorder.isTypeSupported unless a test says otherwise. */
  isTypeSupported?: (type: string) => boolean;
}

export class RecordingSession {
  private readonly stream: MediaStream;
  private readonly options: SessionOptions;
  readonly mimeType: string;
  /** No picture: the camera failed and the person chose to go on with sound only. */
  readonly audioOnly: boolean;
  private readonly uploader: StreamingUploader;
  private recorder: MediaRecorder | null = null;
  /** The recording kept in memory as well, so the person can watch it before sending. */
  private readonly parts: Blob[] = [];
  private stopped: Promise<void> | null = null;
  private readonly onTrackEnded = () => {
    if (this.recorder?.state === 'recording') {
      void this.stop();
      this.options.onCameraLost?.();
    }
  };

  constructor(stream: MediaStream, options: SessionOptions) {
    const audioOnly = isSoundOnly(stream);
    const mimeType = pickMimeType(options.isTypeSupported ?? browserSupports, audioOnly);
    if (!mimeType) throw new Error('MediaRecorder cannot record here');
    this.stream = stream;
    this.options = options;
    this.mimeType = mimeType;
    this.audioOnly = audioOnly;
    this.uploader = new StreamingUploader({
      endpoint: options.endpoint,
      fetch: options.fetch ?? ((url, init) => fetch(url, init)),
      store: options.store ?? defaultStore(),
      mimeType,
      metadata: creationMetadata(audioOnly, options.metadata),
      headers: options.headers,
      onProgress: options.onProgress,
    });
  }

  get uploadId(): string | null {
    return this.uploader.uploadId;
  }

  /** The upload itself, for the delivery that outlives this screen (and this person). */
  get upload(): StreamingUploader {
    return this.uploader;
  }

  /** The tracks whose end stops the recording: the camera's, or the microphone's when there is no camera. */
  private watchedTracks(): MediaStreamTrack[] {
    return this.audioOnly ? this.stream.getAudioTracks() : this.stream.getVideoTracks();
  }

  /** Everything recorded so far, playable in a <video> (an <audio> when sound only) through an object URL. */
  get recording(): Blob {
    return new Blob(this.parts, { type: this.mimeType });
  }

  get progress(): UploadProgress {
    return this.uploader.progress;
  }

  /** Creates the upload on the server; call during the countdown so the first chunk has somewhere to go. */
  prepare(): Promise<string> {
    return this.uploader.create();
  }

  start(): void {
    const recorder = new MediaRecorder(this.stream, { mimeType: this.mimeType });
    recorder.ondataavailable = (event) => {
      if (event.data.size === 0) return;
      this.parts.push(event.data);
      void this.uploader.append(event.data);
    };
    this.stopped = new Promise<void>((resolve) => {
      recorder.onstop = () => resolve();
    });
    for (const track of this.watchedTracks()) track.addEventListener('ended', this.onTrackEnded);
    this.recorder = recorder;
    recorder.start(1000);
  }

  /** Stops recording; resolves once the last chunk has been handed to the uploader (stored, queued). */
  async stop(): Promise<void> {
    const recorder = this.recorder;
    if (!recorder || !this.stopped) return;
    for (const track of this.watchedTracks()) track.removeEventListener('ended', this.onTrackEnded);
    if (recorder.state !== 'inactive') {
      this.uploader.closeSoon();
      recorder.stop();
    }
    await this.stopped;
    // The upload is complete at Stop whatever the person does next (a re-record discards it); declaring the length
    // now lets the server check the file while the person reviews it. Errors surface through uploaded().
    this.uploader.finish().catch(() => undefined);
  }

  /** Resolves once the server has acknowledged every recorded byte. */
  async uploaded(): Promise<string> {
    await this.stop();
    await this.uploader.finish();
    const id = this.uploader.uploadId;
    if (!id) throw new Error('no upload');
    return id;
  }

  /** The server said bytes are missing: ask it again and send what it lacks. */
  recheck(): Promise<void> {
    return this.uploader.recheck();
  }

  async discard(): Promise<void> {
    const recorder = this.recorder;
    if (recorder && recorder.state !== 'inactive') recorder.stop();
    for (const track of this.watchedTracks()) track.removeEventListener('ended', this.onTrackEnded);
    this.parts.length = 0;
    await this.uploader.abort();
  }
}
