// Turning on the booth's camera and microphone, and what a failure leaves: when the camera is missing or broken but
// the microphone works, the person may go on with sound only (the appeal is marked so; the official hears, not sees).

export type CameraProblem = 'denied' | 'notFound' | 'busy' | 'failed' | 'unsupported';

export type GetUserMedia = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

const AUDIO: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true };

export const CAMERA_CONSTRAINTS: MediaStreamConstraints = {
  video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'user' },
  audio: AUDIO,
};

export const MICROPHONE_CONSTRAINTS: MediaStreamConstraints = { audio: AUDIO };

/** What a getUserMedia failure means for the person in front of the booth. */
export function cameraProblem(error: unknown): CameraProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'notFound';
  if (name === 'NotReadableError' || name === 'AbortError' || name === 'TrackStartError') return 'busy';
  return 'failed';
}

/**
 * Whether sound only may help: the camera is missing, held by another program or broken. Not when permission was
 * refused (the microphone is refused too, and staff should fix the booth) nor when the device cannot record at all.
 */
export function soundOnlyMayHelp(problem: CameraProblem): boolean {
  return problem === 'notFound' || problem === 'busy' || problem === 'failed';
}

export type DeviceCheck =
  | { kind: 'camera'; stream: MediaStream }
  /** `microphone` is an open sound-only stream when going on with sound only is possible, else null. */
  | { kind: 'problem'; problem: CameraProblem; microphone: MediaStream | null };

/**
 * Asks for the camera with its microphone; if the camera cannot be had for a reason sound only may help with, asks
 * for the microphone alone. `soundAllowed` is false when this browser cannot record sound only.
 */
export async function checkDevices(getUserMedia: GetUserMedia, soundAllowed: boolean): Promise<DeviceCheck> {
  try {
    return { kind: 'camera', stream: await getUserMedia(CAMERA_CONSTRAINTS) };
  } catch (error) {
    const problem = cameraProblem(error);
    if (!soundAllowed || !soundOnlyMayHelp(problem)) return { kind: 'problem', problem, microphone: null };
    try {
      const microphone = await getUserMedia(MICROPHONE_CONSTRAINTS);
      if (microphone.getAudioTracks().length > 0) return { kind: 'problem', problem, microphone };
      microphone.getTracks().forEach((track) => track.stop());
    } catch {
      // No microphone either: nothing to go on with.
    }
    return { kind: 'problem', problem, microphone: null };
  }
}
