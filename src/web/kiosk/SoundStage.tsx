// Where the picture would be when the person goes on with sound only: a microphone, what is happening, and how loud
// the voice is — never an empty black box.
import { MicrophoneIcon } from './Icons.js';

interface Props {
  /** 0..1 from useLevels. */
  level: number;
  /** What the stage says under the microphone ("Sound only", "Recording sound only"). */
  label: string;
  /** The countdown is drawn over the stage: the microphone and the bars step back for it. */
  counting?: boolean;
}

const BARS = 12;

export function SoundStage({ level, label, counting = false }: Props) {
  // Speech sits around 0.05–0.3 (levels.ts): stretch it over the bars so a normal voice lights most of them.
  const lit = Math.min(BARS, Math.round(Math.sqrt(Math.min(1, level * 3)) * BARS));
  return (
    <div className={counting ? 'sound-stage counting' : 'sound-stage'} data-testid="sound-stage">
      <MicrophoneIcon className="sound-stage-mic" />
      <p className="sound-stage-label">{label}</p>
      <div className="sound-bars" aria-hidden="true">
        {Array.from({ length: BARS }, (_, i) => (
          <span key={i} className={i < lit ? 'bar lit' : 'bar'} />
        ))}
      </div>
    </div>
  );
}
